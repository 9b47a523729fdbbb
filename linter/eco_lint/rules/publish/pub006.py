"""PUB006: a draft GitHub release gets the built files."""

from __future__ import annotations

import typing as t

from ...edits import Template
from ...edits.text import DeleteFile
from ...edits.workflow import steps_of
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
from .._workflows import inputs
from .._workflows import jobs
from .._workflows import permissions_of
from .._workflows import run_of
from .._workflows import steps
from ._edits import Keys
from ._fixes import Edits
from ._fixes import job_permissions
from ._fixes import replace
from ._fixes import step_keys
from ._workflow import artifact_globs
from ._workflow import expr
from ._workflow import folder
from ._workflow import in_job
from ._workflow import is_release
from ._workflow import Job
from ._workflow import job_start
from ._workflow import path_of
from ._workflow import read_workflow
from ._workflow import release_jobs
from ._workflow import show
from ._workflow import Step
from ._workflow import template_workflow

#: Files that configure generated release notes.
_NOTES = (".github/release.yml", ".github/release.yaml")
_TITLE = "Create a draft release with the built files"


class PUB006(Publishing):
    """A draft GitHub release gets the built files

    ## What it does
    Checks the job that runs `gh release create`: it has only the template's
    `contents: write` permission, creates a `--draft` release with the files
    in `dist/*` (or in the folder the job downloads them to), without
    `--generate-notes`, and authenticates with
    `GH_TOKEN: ${{ github.token }}`. There must be no `.github/release.yml`
    configuring generated release notes.

    ## Why
    The draft release shows the exact files before a maintainer approves
    the PyPI upload; it is published by hand afterwards, with the changelog
    section as its notes. Generated notes list pull request titles instead of
    the changelog.

    ## Example
    ```yaml
    - run: gh release create --generate-notes ${GITHUB_REF_NAME}
    ```

    Use instead:
    ```yaml
    - run: >-
        gh release create --draft --repo ${GITHUB_REPOSITORY} ${GITHUB_REF_NAME}
        dist/*
      env:
        GH_TOKEN: ${{ github.token }}
    ```

    ## Fix
    Delete `.github/release.yml`, and set the release job's permissions,
    command and `GH_TOKEN` to the template's, or add the template's
    `create-release` job when no job creates the release. The command
    attaches the files of the folder the job downloads to (a download
    that sets none gets the template's `dist/`); a job that downloads into
    several folders is left to the maintainer. Unsafe: it changes what the
    release has; dropping extra permissions alone is Safe.
    """

    weight = 2
    fixable = True
    requires = frozenset({"PUB001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        path = path_of(repo)
        notes = [name for name in _NOTES if repo.is_file(name)]
        failed = [Fail("configures generated release notes", name) for name in notes]
        workflow = read_workflow(repo)
        found = release_jobs(workflow)
        template = _Template.of(std)

        if not found:
            message = f"no job creates the release with {publishing().release}"
            failed.append(Fail(message, path))

        for name, job in found.items():
            failed += _job_failures(repo, path, workflow, name, job, template)

        return carrying(failed, lambda: _fix(repo, std, path, notes, workflow, found))


class _Template(t.NamedTuple):
    """The template's release job and the step that creates the release."""

    name: str
    job: Job
    step: Step

    @classmethod
    def of(cls, std: Standard) -> _Template:
        name, job = next(iter(release_jobs(template_workflow(std)).items()))
        (step,) = [s for s in steps(job) if is_release(s)]
        return cls(name, job, step)

    @property
    def folder(self) -> str:
        """The folder the job downloads the artifact to, and attaches."""
        (found,) = {folder(s) for s in _downloads(self.job)}
        return found

    @property
    def token(self) -> str:
        """The GH_TOKEN the step is given."""
        return expr(self.step["env"]["GH_TOKEN"])


# Checking --------------------------------------------------------------


def _job_failures(
    repo: Repo,
    path: str,
    workflow: dict[str, t.Any],
    name: str,
    job: Job,
    template: _Template,
) -> list[Fail]:
    failed: list[Fail] = []
    permissions = permissions_of(workflow, job)

    if permissions != template.job["permissions"]:
        failed.append(
            Fail(
                f"job {name!r} has permissions {show(permissions)}, not"
                f" {show(template.job['permissions'])}",
                path,
                job_start(repo, name),
            )
        )

    for step in steps(job):
        if is_release(step):
            globs = _attachable(workflow, job)
            failed += _step_failures(repo, path, name, job, step, globs, template)

    return failed


def _attachable(workflow: dict[str, t.Any], job: Job) -> list[str]:
    """The globs the release may attach, the one to show first: the
    folders the job downloads into when each download sets one (the files
    are there, and ``dist/`` may be empty); else ``dist/*`` and the folders
    the artifacts land in.
    """
    folders = {folder(step) for step in _downloads(job)}

    if folders and "" not in folders:
        return sorted(f"{folder}/*" for folder in folders)

    return ["dist/*", *sorted(artifact_globs(workflow, job) - {"dist/*"})]


def _step_failures(
    repo: Repo,
    path: str,
    name: str,
    job: Job,
    step: Step,
    globs: list[str],
    template: _Template,
) -> list[Fail]:
    """How the command that creates the release differs."""
    pub = publishing()
    line = in_job(repo, name, pub.release)
    args = run_of(step).partition(pub.release)[2].split()
    failed: list[Fail] = []

    if "--generate-notes" in args:
        failed.append(Fail("the release has generated notes", path, line))

    if "--draft" not in args and "-d" not in args:
        failed.append(Fail("the release is not a --draft", path, line))

    if not set(globs) & set(args):
        files = [a for a in args if "*" in a] or ["no files"]
        message = f"the release attaches {' '.join(files)}, not {globs[0]}"
        failed.append(Fail(message, path, line))

    token = _token(job, step)

    if expr(token) != template.token:
        failed.append(
            Fail(
                f"GH_TOKEN is {show(token)}, not {template.token}",
                path,
                in_job(repo, name, r"GH_TOKEN"),
            )
        )

    return failed


def _token(job: Job, step: Step) -> t.Any:
    """The GH_TOKEN a step gets, from its own env or its job's."""
    return {**as_dict(job.get("env")), **as_dict(step.get("env"))}.get("GH_TOKEN")


# Fixing ----------------------------------------------------------------


def _fix(
    repo: Repo,
    std: Standard,
    path: str,
    notes: list[str],
    workflow: dict[str, t.Any],
    found: dict[str, Job],
) -> Fix | None:
    if path != publishing().path:
        return None  # the template edits only its own publish.yaml

    edits = Edits()
    edits.add(*(DeleteFile(name) for name in notes), unsafe=bool(notes))
    template = _Template.of(std)

    if not found:
        if publishing().build not in jobs(workflow) or not is_pure_python(repo):
            return replace(repo)

        route = ("jobs", template.name)
        edits.add(YamlSet(path, route, Template(route), ordered=True), unsafe=True)
        return edits.fix(_TITLE)

    run_keys = step_keys(std, template.name, None, publishing().release)

    for name, job in found.items():
        grant, granting = job_permissions(
            workflow, job, name, template.job, template.name, "contents"
        )
        edits.add(*grant, unsafe=granting)
        folders = {folder(s, template.folder) for s in _downloads(job)}

        if len(folders) > 1:
            shown = " and ".join(f"{f}/" for f in sorted(folders))
            reason = (
                f"job {name!r} downloads into {shown}: give the release command"
                " the template's options by hand, attaching the files of each folder"
            )
            return refusal(_TITLE, reason, path)

        attached = next(iter(folders), template.folder)

        for step in steps(job):
            if is_release(step) and _step_edits(
                name, job, step, (template, attached, run_keys), edits
            ):
                _download_edits(std, name, job, template, edits)

    return edits.fix(_TITLE)


def _downloads(job: Job) -> list[Step]:
    """The steps of a job that download artifacts."""
    return [s for s in steps(job) if action_id(s) == publishing().download]


def _download_edits(
    std: Standard, name: str, job: Job, template: _Template, edits: Edits
) -> None:
    """Give the downloads that set no folder the template's, which the
    release's new command attaches the files of.
    """
    pub = publishing()

    if any("path" not in inputs(s) for s in _downloads(job)):
        keys = (*step_keys(std, template.name, pub.download), "with", "path")
        route = (*steps_of(name, pub.download), "with", "path")
        edits.add(YamlSet(pub.path, route, Template(keys), ordered=True), unsafe=True)


def _step_edits(
    name: str,
    job: Job,
    step: Step,
    where: tuple[_Template, str, Keys],
    edits: Edits,
) -> bool:
    """Give the step the template's command, attaching the files of the
    folder the job downloads to, and the template's GH_TOKEN; return
    whether the command changes.
    """
    pub = publishing()
    template, folder, keys = where
    args = run_of(step).partition(pub.release)[2].split()
    releases = steps_of(name, run=pub.release)
    command = (
        "--generate-notes" in args
        or not {"--draft", "-d"} & set(args)
        or f"{folder}/*" not in args
    )

    if command:
        put = YamlSet(
            pub.path,
            (*releases, "run"),
            Template((*keys, "run")),
            ordered=True,
        )

        if folder != template.folder:
            run = str(template.step["run"])
            value = run.replace(f"{template.folder}/*", f"{folder}/*")
            put = YamlSet(pub.path, (*releases, "run"), value, ordered=True)

        edits.add(put, unsafe=True)

    if expr(_token(job, step)) != template.token:
        route = ("env", "GH_TOKEN")
        put = YamlSet(
            pub.path,
            (*releases, *route),
            Template((*keys, *route)),
            ordered=True,
        )
        edits.add(put, unsafe=True)

    return command
