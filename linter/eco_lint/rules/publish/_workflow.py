"""Reading the publish workflow: its jobs, steps, the actions they use and
the commands they run, and where in the file a finding points.
"""

from __future__ import annotations

import json
import re
import typing as t

from ...facts.ci import uploads_to_pypi
from ...repo import Repo
from ...standard import Standard
from .. import _workflows as wf
from .._facts import publishing
from .._roles import workflow_for
from .._workflows import action_id
from .._workflows import all_steps
from .._workflows import inputs
from .._workflows import jobs
from .._workflows import run_of
from .._workflows import steps

#: The publish workflow's older name, which PUB001 renames.
YML = ".github/workflows/publish.yml"
#: gh-action-pypi-publish makes PEP 740 attestations by default since v1.11.0.
ATTESTATIONS_SINCE = (1, 11, 0)
#: upload-artifact outputs the artifact-id since v4.0.0; download-artifact
#: takes artifact-ids since v4.3.0.
UPLOAD_IDS_SINCE = (4, 0, 0)
DOWNLOAD_IDS_SINCE = (4, 3, 0)
EPOCH = re.compile(r"SOURCE_DATE_EPOCH=\$\(\s*git log -1 --(?:pretty|format)=%ct\s*\)")
BUILD = re.compile(r"\buv build\b|\bpython3? -m build\b|\bpyproject-build\b")

Job: t.TypeAlias = dict[str, t.Any]
Step: t.TypeAlias = dict[str, t.Any]


def path_of(repo: Repo) -> str:
    """The workflow that uploads to PyPI: publish.yaml when there is one,
    else the first workflow that does, whatever its name.
    """
    pub = publishing()
    return workflow_for(repo, "publish", pub.path) or pub.path


def read_workflow(repo: Repo) -> dict[str, t.Any]:
    """The publish workflow, parsed; empty when there is none."""
    return repo.workflows.get(path_of(repo), {})


def template_workflow(std: Standard) -> dict[str, t.Any]:
    """The template's publish workflow, parsed."""
    data = std.yaml(publishing().path)
    return data if isinstance(data, dict) else {}


def expr(value: t.Any) -> str:
    """A value with the spaces inside ``${{ }}`` made uniform."""
    text = " ".join(str(value if value is not None else "").split())
    parts: list[str] = []
    position = 0

    # One pass, not a regular expression that would rescan from every
    # unclosed "${{".
    while (start := text.find("${{", position)) >= 0:
        end = text.find("}}", start + 3)

        if end < 0:
            break

        parts += [text[position:start], "${{ ", text[start + 3 : end].strip(), " }}"]
        position = end + 2

    return "".join(parts) + text[position:]


def show(value: t.Any) -> str:
    """A value as a finding quotes it."""
    return json.dumps(value) if isinstance(value, (dict, list)) else repr(value)


def is_release(step: Step) -> bool:
    """Whether a step creates the GitHub release."""
    return publishing().release in run_of(step)


def release_jobs(workflow: dict[str, t.Any]) -> dict[str, Job]:
    """The jobs that create the GitHub release."""
    return {
        name: job
        for name, job in jobs(workflow).items()
        if any(is_release(step) for step in steps(job))
    }


def is_build(step: Step) -> bool:
    """Whether a step builds the distributions."""
    return bool(BUILD.search(run_of(step))) or action_id(step) == "pypa/cibuildwheel"


def build_jobs(workflow: dict[str, t.Any]) -> dict[str, Job]:
    """Jobs that build the distributions: ``uv build`` or cibuildwheel."""
    return {
        name: job
        for name, job in jobs(workflow).items()
        if any(is_build(step) for step in steps(job))
    }


def publish_builds(repo: Repo) -> dict[str, Job]:
    """The jobs of the repository's publish workflow that build the
    distributions.
    """
    return build_jobs(read_workflow(repo))


def artifact_users(found: dict[str, Job], build: str) -> dict[str, Job]:
    """The jobs other than the build job that use its artifact: those
    that download, upload to PyPI or create the release.
    """
    pub = publishing()
    return {
        name: job
        for name, job in found.items()
        if name != build
        and any(
            action_id(s) in (pub.pypi, pub.download) or is_release(s)
            for s in steps(job)
        )
    }


def folder(step: Step, default: str = "") -> str:
    """The folder a step's ``path`` input names, without ``./`` or a last
    ``/``: where an upload takes its files from, or a download puts them;
    ``default`` when the step sets none.
    """
    found = inputs(step).get("path")

    if found is None:
        return default

    return str(found).strip().removeprefix("./").rstrip("/")


def artifact_globs(workflow: dict[str, t.Any], job: Job) -> set[str]:
    """``<folder>/*`` for the folders a job's downloads land in: the
    ``path`` of its download steps, and the names of the artifacts the
    workflow uploads. An artifact that is not named ``dist`` is PUB002's to
    report, not the release's.
    """
    pub = publishing()
    folders = {folder(step) for step in steps(job) if action_id(step) == pub.download}
    folders |= {
        str(inputs(step).get("name", "")).strip()
        for other in jobs(workflow).values()
        for step in steps(other)
        if action_id(step) == pub.upload
    }
    return {f"{folder}/*" for folder in folders if folder}


def is_slsa(job: Job) -> bool:
    """Whether a job is or runs the SLSA provenance generator."""
    return "slsa-framework/" in str(job.get("uses", "")) or any(
        "slsa-framework/" in str(step.get("uses", "")) for step in steps(job)
    )


def other_publishers(repo: Repo) -> list[str]:
    """Workflows other than the template's ``publish.yaml`` that upload to
    PyPI, found by what they do whatever their name: adding the template's
    beside one would publish each release twice.
    """
    found = []

    for name, data in repo.workflows.items():
        if name in (publishing().path, YML) or not isinstance(data, dict):
            continue

        if any(uploads_to_pypi(step) for step in all_steps(data)):
            found.append(name)

    return found


# Where a finding points ------------------------------------------------


def find_line(repo: Repo, pattern: str) -> int | None:
    """The first line of the publish workflow that matches a pattern."""
    return repo.line_of(path_of(repo), pattern)


def job_start(repo: Repo, job: str) -> int | None:
    """The line of a job's name in the publish workflow."""
    return wf.job_line(repo, path_of(repo), job)


def in_job(repo: Repo, job: str, pattern: str) -> int | None:
    """The first line of a job of the publish workflow that matches a
    pattern, else the job's own line (see :func:`.._workflows.in_job`).
    """
    return wf.in_job(repo, path_of(repo), job, pattern)
