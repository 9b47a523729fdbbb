"""PUB002: a build job hands one dist artifact to the upload jobs."""

from __future__ import annotations

import dataclasses
import re
import typing as t

from ...edits import Template
from ...edits.workflow import AddStep
from ...edits.workflow import steps_of
from ...edits.yaml import YamlRemove
from ...edits.yaml import YamlSet
from ...fix import Fix
from ...fix import refusal
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import is_pure_python
from .._base import Publishing
from .._edits import carrying
from .._facts import publishing
from .._workflows import action_id
from .._workflows import as_dict
from .._workflows import in_block
from .._workflows import inputs
from .._workflows import jobs
from .._workflows import needs_of
from .._workflows import permissions_of
from .._workflows import run_of
from .._workflows import step_line
from .._workflows import steps
from .._workflows import using
from ._edits import Needs
from ._edits import removal
from ._fixes import Edits
from ._fixes import pin_updates
from ._fixes import replace
from ._fixes import step_keys
from ._workflow import artifact_users
from ._workflow import DOWNLOAD_IDS_SINCE
from ._workflow import expr
from ._workflow import folder
from ._workflow import in_job
from ._workflow import Job
from ._workflow import job_start
from ._workflow import path_of
from ._workflow import read_workflow
from ._workflow import release_jobs
from ._workflow import Step
from ._workflow import template_workflow
from ._workflow import UPLOAD_IDS_SINCE

TITLE = "Pass the dist artifact from the build job by id"


class PUB002(Publishing):
    """A build job hands one dist artifact to the upload jobs

    ## What it does
    Checks that a separate `build` job, without the `id-token` permission,
    builds the distributions and uploads them as one artifact, named as in
    the template, from a step with an `id` and `if-no-files-found: error`.
    The job declares the upload's `artifact-id` in its `outputs`, and every
    job that downloads the artifact (the release and the PyPI upload)
    downloads it with `artifact-ids: ${{ needs.build.outputs.artifact-id }}`.

    ## Why
    The build runs the project's build backend; it must not hold the token
    that can publish to PyPI. Downloading by id gets exactly the files this
    run built, and an empty build fails at once instead of publishing
    nothing.

    ## Example
    One job that runs `uv build` and then `pypa/gh-action-pypi-publish` with
    `id-token: write`, or downloads with `name: artifact` only.

    Use instead: the template's `build`, `create-release` and `publish-pypi`
    jobs.

    ## Fix
    Give the upload step the template's name, `id` and
    `if-no-files-found`, declare the `artifact-id` output, download by
    `artifact-ids` into `dist/` (moving artifact actions too old for ids
    to the template's pins), make the upload jobs need the build job, and
    take `id-token` from it. Safe when only what cannot change the
    published files is added; Unsafe when the artifact's name, the download
    folder or an action changes. A workflow without the template's build
    job, or that builds with something other than `uv build`, is replaced
    by the template's, keeping its other jobs; Unsafe.
    """

    weight = 4
    fixable = True
    requires = frozenset({"PUB001"})

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        # A C extension builds an sdist and a wheel matrix in separate jobs.
        return is_pure_python(repo)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        facts = _facts(repo, std)
        failed = _failures(repo, facts)
        return carrying(failed, lambda: _fix(repo, std, facts))


@dataclasses.dataclass(frozen=True)
class _Facts:
    """What the check and the fix read: the workflow's jobs, and the
    template's build job, its upload step and the ids its downloads take.
    """

    path: str
    workflow: dict[str, t.Any]
    found: dict[str, Job]
    #: The template's build job: the one that declares outputs.
    name: str
    std_build: Job
    std_upload: Step
    ids: str

    @property
    def build(self) -> Job | None:
        """The workflow's job of the template build job's name."""
        return self.found.get(self.name)

    @property
    def artifact(self) -> str:
        """The name of the template's artifact."""
        return str(inputs(self.std_upload)["name"])

    @property
    def users(self) -> dict[str, Job]:
        """The jobs that use the build job's artifact."""
        return artifact_users(self.found, self.name)

    def wanted(self, upload_id: str) -> dict[str, str]:
        """The template's outputs of the build job, for an upload step of
        this id.
        """
        old = f"steps.{self.std_upload['id']}."
        return {
            key: expr(value).replace(old, f"steps.{upload_id}.")
            for key, value in self.std_build["outputs"].items()
        }


def _facts(repo: Repo, std: Standard) -> _Facts:
    pub = publishing()
    workflow = read_workflow(repo)
    template = template_workflow(std)
    std_jobs = jobs(template)
    name = pub.build
    (std_upload,) = [s for s in steps(std_jobs[name]) if action_id(s) == pub.upload]
    (ids,) = {
        expr(inputs(step).get("artifact-ids"))
        for _, step in using(template, pub.download)
    }
    found = jobs(workflow)
    return _Facts(path_of(repo), workflow, found, name, std_jobs[name], std_upload, ids)


# Checking --------------------------------------------------------------


def _failures(repo: Repo, facts: _Facts) -> list[Fail]:
    build = facts.build

    if build is None:
        return [Fail(f"has no separate {facts.name!r} job", facts.path)]

    failed = [*_isolation(repo, facts, build), *_artifact(repo, facts, build)]
    users = facts.users

    if not users:
        message = f"no job uses the {facts.name} job's artifact"
        return [*failed, Fail(message, facts.path)]

    for job_name, job in users.items():
        failed += _downloads(repo, facts, job_name, job)

    return failed


def _isolation(repo: Repo, facts: _Facts, build: Job) -> list[Fail]:
    """Whether the build job could publish."""
    pub = publishing()
    name, path = facts.name, facts.path
    permissions = permissions_of(facts.workflow, build)
    failed: list[Fail] = []

    if permissions == "write-all" or (
        isinstance(permissions, dict) and "id-token" in permissions
    ):
        message = f"the {name} job can request an id-token"
        failed.append(Fail(message, path, in_job(repo, name, r"id-token|write-all")))

    if any(action_id(step) == pub.pypi for step in steps(build)):
        message = f"the {name} job also publishes to PyPI"
        failed.append(Fail(message, path, in_job(repo, name, re.escape(pub.pypi))))

    return failed


def _artifact(repo: Repo, facts: _Facts, build: Job) -> list[Fail]:
    """How the build job's upload step and outputs differ."""
    uploads = [
        step
        for step in steps(build)
        if action_id(step) == publishing().upload
        and inputs(step).get("name") == facts.artifact
    ]

    if not uploads:
        message = f"the {facts.name} job uploads no artifact named {facts.artifact!r}"
        return [Fail(message, facts.path, job_start(repo, facts.name))]

    return _upload(repo, facts, build, uploads[0])


def _upload(repo: Repo, facts: _Facts, build: Job, upload: Step) -> list[Fail]:
    name, path, artifact = facts.name, facts.path, facts.artifact
    upload_line = _step_line(repo, facts, build, upload)
    failed: list[Fail] = []

    if not upload.get("id"):
        message = f"the {artifact} upload step has no id"
        failed.append(Fail(message, path, upload_line))

    empty = inputs(facts.std_upload)["if-no-files-found"]

    if inputs(upload).get("if-no-files-found") != empty:
        failed.append(
            Fail(
                f"the {artifact} upload does not set if-no-files-found: {empty}",
                path,
                in_block(
                    repo, path, job_start(repo, name), r"^\s+if-no-files-found\s*:"
                )
                or upload_line,
            )
        )

    outputs = as_dict(build.get("outputs"))
    # Without an id, the fix gives it the template's.
    wanted = facts.wanted(upload.get("id") or facts.std_upload["id"])

    for key, want in wanted.items():
        if expr(outputs.get(key)) != want:
            failed.append(
                Fail(
                    f"the {name} job does not declare outputs.{key}: {want}",
                    path,
                    in_job(repo, name, rf"^\s+{re.escape(key)}\s*:"),
                )
            )

    return failed


def _step_line(repo: Repo, facts: _Facts, build: Job, upload: Step) -> int | None:
    """The line of the upload step's ``uses:``, among the job's uploads."""
    action = publishing().upload
    uploads = [s for s in steps(build) if action_id(s) == action]
    nth = uploads.index(upload) if upload in uploads else 0
    return step_line(repo, facts.path, facts.name, action, nth)


def _downloads(repo: Repo, facts: _Facts, job_name: str, job: Job) -> list[Fail]:
    """How a job that uses the artifact gets it."""
    pub = publishing()
    path = facts.path
    downloads = [s for s in steps(job) if action_id(s) == pub.download]
    failed: list[Fail] = []

    if not downloads:
        message = f"job {job_name!r} downloads no artifact"
        failed.append(Fail(message, path, job_start(repo, job_name)))

    for step in downloads:
        if expr(inputs(step).get("artifact-ids")) != facts.ids:
            failed.append(
                Fail(
                    f"job {job_name!r} downloads {_what(step)},"
                    f" not artifact-ids: {facts.ids}",
                    path,
                    in_job(repo, job_name, rf"{re.escape(pub.download)}@"),
                )
            )

    if facts.name not in needs_of(job):
        message = f"job {job_name!r} does not need {facts.name}"
        failed.append(Fail(message, path, job_start(repo, job_name)))

    return failed


def _what(step: Step) -> str:
    """What a download step gets."""
    found = inputs(step).get("artifact-ids")

    if found is not None:
        return f"by artifact-ids: {found}"

    if "name" in inputs(step):
        return f"by name {inputs(step)['name']!r}"

    return "every artifact"


# Fixing ----------------------------------------------------------------


def _fix(repo: Repo, std: Standard, facts: _Facts) -> Fix | None:
    pub = publishing()

    if facts.path != pub.path:
        return None  # the template edits only its own publish.yaml

    build = facts.build

    # Without the template's build job, or with a build that is not
    # ``uv build`` (the pip-installed ``build`` of older layouts), the
    # workflow is too far from the template's to edit.
    if (
        build is None
        or any(action_id(step) == pub.pypi for step in steps(build))
        or not any(re.search(r"\buv build\b", run_of(s)) for s in steps(build))
    ):
        return replace(repo)

    uploads = [s for s in steps(build) if action_id(s) == pub.upload]
    upload = _dist_upload(facts, uploads)

    if uploads and upload is None:
        return refusal(
            TITLE,
            f"the {facts.name} job uploads {len(uploads)} artifacts and none is"
            f" named {facts.artifact!r} or of {folder(facts.std_upload)}/: name"
            f" the one that holds the distributions {facts.artifact!r}, then run"
            " the fix again",
            pub.path,
        )

    edits = Edits()
    _isolate(facts.name, build, edits)
    upload_id = _upload_edits(repo, std, facts, upload, edits)
    _output_edits(facts, build, upload_id, edits)
    users = facts.users

    if not users:
        return replace(repo)

    std_release = next(iter(release_jobs(template_workflow(std))))
    download_keys = step_keys(std, std_release, pub.download)

    for job_name, job in users.items():
        _download_edits(repo, std, facts, job_name, job, download_keys, edits)

        if facts.name not in needs_of(job):
            edits.add(Needs(pub.path, job_name, facts.name))

    return edits.fix(TITLE)


def _dist_upload(facts: _Facts, uploads: list[Step]) -> Step | None:
    """The build job's upload of the distributions, among its uploads: the
    one of the template's artifact name, else the one of the template's
    folder, else the only one. ``None`` when none of several is.
    """
    for found in (
        [s for s in uploads if inputs(s).get("name") == facts.artifact],
        [s for s in uploads if folder(s) == folder(facts.std_upload)],
        uploads,
    ):
        if len(found) == 1:
            return found[0]

    return None


def _isolate(name: str, build: Job, edits: Edits) -> None:
    """Take the id-token from the build job."""
    path, permissions = publishing().path, build.get("permissions")

    if permissions == "write-all":
        edits.add(YamlRemove(path, ("jobs", name, "permissions")), unsafe=True)
    elif isinstance(permissions, dict) and "id-token" in permissions:
        edits.add(YamlRemove(path, ("jobs", name, "permissions", "id-token")))


def _upload_edits(
    repo: Repo, std: Standard, facts: _Facts, upload: Step | None, edits: Edits
) -> str:
    """Make the build job upload the template's artifact from its upload of
    the distributions (other uploads are left alone); return the id of the
    step.
    """
    pub = publishing()
    name, std_upload = facts.name, facts.std_upload
    upload_keys = step_keys(std, name, pub.upload)

    if upload is None:
        edits.add(AddStep(pub.path, name, upload_keys), unsafe=True)
        return str(std_upload["id"])

    options = inputs(upload)
    # The edits find the step by the name and folder it uploads, so its
    # name changes last.
    having = tuple(
        (key, value)
        for key in ("path", "name")
        for value in [options.get(key)]
        if value is None or isinstance(value, str)
    )
    upload_in = steps_of(name, pub.upload, inputs=having)

    if not upload.get("id"):
        keys = (*upload_keys, "id")
        put = YamlSet(pub.path, (*upload_in, "id"), Template(keys), ordered=True)
        edits.add(put)

    for key in ("if-no-files-found", "name"):
        if options.get(key) != std_upload["with"][key]:
            keys = (*upload_keys, "with", key)
            route = ("with", key)
            put = YamlSet(pub.path, (*upload_in, *route), Template(keys), ordered=True)
            # A new name changes what the downloads get.
            edits.add(put, unsafe=key == "name")

    update = pin_updates(repo, std, [upload], UPLOAD_IDS_SINCE)
    edits.add(*update, unsafe=bool(update))
    return str(upload.get("id") or std_upload["id"])


def _output_edits(facts: _Facts, build: Job, upload_id: str, edits: Edits) -> None:
    """Declare the template's outputs, for the upload step's id."""
    outputs = as_dict(build.get("outputs"))

    for key, want in facts.wanted(upload_id).items():
        if expr(outputs.get(key)) != want:
            route = ("jobs", facts.name, "outputs", key)
            edits.add(
                YamlSet(facts.path, route, want, ordered=True)
                if upload_id != facts.std_upload["id"]
                else YamlSet(facts.path, route, Template(route), ordered=True)
            )


def _download_edits(
    repo: Repo,
    std: Standard,
    facts: _Facts,
    job_name: str,
    job: Job,
    keys: tuple[str | int, ...],
    edits: Edits,
) -> None:
    """Download the artifact by id into the template's folder."""
    pub = publishing()
    downloads = [s for s in steps(job) if action_id(s) == pub.download]
    downloads_in = steps_of(job_name, pub.download)

    if not downloads:
        edits.add(AddStep(pub.path, job_name, keys, 0), unsafe=True)

    for step in downloads:
        options = inputs(step)

        if expr(options.get("artifact-ids")) != facts.ids:
            edits.add(
                *(
                    removal(job_name, ("with", key), pub.download)
                    for key in ("name", "pattern")
                    if key in options
                )
            )
            route = ("with", "artifact-ids")
            where = (*downloads_in, *route)
            put = YamlSet(pub.path, where, Template((*keys, *route)), ordered=True)
            # By the same name into a folder, the files are the same.
            edits.add(put, unsafe=options.get("name") != facts.artifact)
            update = pin_updates(repo, std, [step], DOWNLOAD_IDS_SINCE)
            edits.add(*update, unsafe=bool(update))

        if "path" not in options:
            # The files now go to the template's folder, which the upload
            # reads by default.
            route = ("with", "path")
            where = (*downloads_in, *route)
            put = YamlSet(pub.path, where, Template((*keys, *route)), ordered=True)
            edits.add(put, removal(job_name, ("with", "packages-dir"), pub.pypi))
            edits.unsafe = True
