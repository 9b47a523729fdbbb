"""PUB003: builds are reproducible with SOURCE_DATE_EPOCH."""

from __future__ import annotations

import copy
import dataclasses
import typing as t

from ...edits import Edit
from ...edits import FixConflict
from ...edits.workflow import job_steps
from ...edits.yaml import YamlChange
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Publishing
from .._edits import carrying
from .._facts import publishing
from .._workflows import jobs
from .._workflows import run_of
from .._workflows import steps
from ._fixes import combined
from ._fixes import replace
from ._workflow import BUILD
from ._workflow import EPOCH
from ._workflow import in_job
from ._workflow import is_build
from ._workflow import Job
from ._workflow import path_of
from ._workflow import publish_builds

#: A line that builds.
_BUILD_LINE = r"uv build|-m build|pyproject-build|cibuildwheel@"


@dataclasses.dataclass(frozen=True)
class _Epoch(YamlChange):
    """Put the template's SOURCE_DATE_EPOCH step before a job's build."""

    job: str

    def change(self, data: t.Any, repo: Repo) -> bool:
        (template,) = [
            s
            for job in jobs(self.template(repo)).values()
            for s in steps(job)
            if EPOCH.search(run_of(s))
        ]
        found = job_steps(data, self.job)
        index = next((i for i, s in enumerate(found) if is_build(s)), None)

        if index is None:
            raise FixConflict(f"job {self.job!r} no longer builds")

        if any(EPOCH.search(run_of(s)) for s in found[:index]):
            return False

        # An export after the build is too late; it moves before it.
        found[:] = [
            *found[:index],
            copy.deepcopy(template),
            *(s for s in found[index:] if not EPOCH.search(run_of(s))),
        ]
        return True


class PUB003(Publishing):
    """Builds are reproducible with SOURCE_DATE_EPOCH

    ## What it does
    Checks that every job that builds the distributions (`uv build`, or
    cibuildwheel) first exports `SOURCE_DATE_EPOCH` from the time of the last
    commit, with `git log -1 --pretty=%ct`.

    ## Why
    Build backends stamp archive entries with the current time unless
    `SOURCE_DATE_EPOCH` is set. With the commit time the sdist and wheels are
    byte-for-byte reproducible, so anyone can check that the files on PyPI
    came from the tagged commit.

    ## Example
    ```yaml
    - run: uv build
    ```

    Use instead:
    ```yaml
    - run: echo "SOURCE_DATE_EPOCH=$(git log -1 --pretty=%ct)" >> $GITHUB_ENV
    - run: uv build
    ```

    ## Fix
    Insert the template's `SOURCE_DATE_EPOCH` step before each build step,
    moving one that comes too late. Safe. A workflow with no build job is
    replaced by the template's; Unsafe.
    """

    weight = 2
    fixable = True
    requires = frozenset({"PUB001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        path = path_of(repo)
        builds = publish_builds(repo)

        if not builds:
            failed = [Fail("no job builds the distributions with uv build", path)]
        else:
            failed = [
                Fail(
                    f"job {name!r} runs {what} without SOURCE_DATE_EPOCH from"
                    " the last commit",
                    path,
                    in_job(repo, name, _BUILD_LINE),
                )
                for name, job in builds.items()
                if (what := _unstamped(job))
            ]

        return carrying(failed, lambda: _fix(repo, path, builds))


def _unstamped(job: Job) -> str | None:
    """What the first build step of a job runs, when SOURCE_DATE_EPOCH is
    not exported before it.
    """
    found = steps(job)
    index = next(i for i, step in enumerate(found) if is_build(step))
    build = run_of(found[index])
    match = BUILD.search(build)
    exported = any(
        EPOCH.search(run_of(step)) and "GITHUB_ENV" in run_of(step)
        for step in found[:index]
    ) or bool(
        match and (epoch := EPOCH.search(build)) and epoch.start() < match.start()
    )

    if exported:
        return None

    return match.group(0) if match else "cibuildwheel"


def _fix(repo: Repo, path: str, builds: dict[str, Job]) -> Fix | None:
    pub = publishing()

    if path != pub.path:
        return None  # the template edits only its own publish.yaml

    if not builds:
        return replace(repo)

    edits: list[Edit] = [_Epoch(pub.path, name) for name in builds]
    return combined(
        "Set SOURCE_DATE_EPOCH from the last commit before building", edits, False
    )
