"""GHA003: Permissions are empty by default and granted per job."""

from __future__ import annotations

import re
import typing as t

from ...edits import Edit
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .. import _workflows as wf
from .._base import Actions
from .._edits import carrying
from ._common import grants
from ._common import maybe_fix
from ._common import or_missing
from ._common import show
from ._common import WORKFLOWS
from ._common import writes
from ._edits import MISSING
from ._edits import ScopePermissions


class GHA003(Actions):
    """Permissions are empty by default and granted per job

    ## What it does
    Checks that every workflow sets `permissions: {}` at the top, and that a
    job is granted only read access or one of the write permissions the
    template's same workflow grants: `contents: write` to create the
    release, `id-token: write` to publish to PyPI, and `issues`,
    `pull-requests` and `discussions: write` to lock old threads. A
    workflow the template does not have may grant any of those.

    ## Why
    Without a `permissions` key, the `GITHUB_TOKEN` gets the repository's
    default permissions, often write access to everything. If a step is
    compromised, it can only do what its own job was granted.

    ## Example
    ```yaml
    permissions:
      contents: write
      id-token: write
    jobs:
      ...
    ```

    Use instead: `permissions: {}` at the top, and `permissions:` with the
    one write scope on the job that needs it.

    ## Fix
    Give each job without `permissions` the workflow's, and set the
    workflow's to `permissions: {}`, which keeps what each job may do. In a
    workflow of the template, a job granted more than the template grants
    it gets the template's permissions. Unsafe: a job that needed a removed
    permission fails until it is granted again. A job of another workflow
    that is granted too much is left to review.
    """

    weight = 5
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found: list[Fail] = []
        edits: list[Edit] = []
        standard = _standard_writes(std)
        anywhere = set().union(*standard.values())

        for path, data in repo.workflows.items():
            found.extend(_top_failures(repo, path, data))
            allowed = standard.get(path, anywhere)

            for job_id, job in wf.jobs(data).items():
                found.extend(_job_failures(repo, path, job_id, job, allowed))

            expected = std.yaml(path) if path in standard else None
            edits.extend(_scope(std, path, data, allowed, expected))

        fix = maybe_fix(
            "Set permissions: {} on workflows and grant permissions per job",
            "unsafe",
            edits,
        )
        return or_missing(repo, std, carrying(found, fix))


def _scope(
    std: Standard, path: str, data: t.Any, allowed: set[str], expected: t.Any
) -> list[Edit]:
    """The edit that empties a workflow's permissions and grants them per
    job, resetting the jobs granted more than ``allowed`` to the template's
    (``expected``, its same workflow) where it has them.
    """
    top = data.get("permissions", MISSING)
    moved = {} if top in (MISSING, None) else top
    jobs = wf.jobs(expected)
    reset = []

    for job_id, job in wf.jobs(data).items():
        granted = grants(job.get("permissions", moved))

        if (granted is None or granted - allowed) and job_id in jobs:
            reset.append((job_id, job_id))

    if top != {} or reset:
        return [ScopePermissions(path, tuple(reset), expected=std.text(path))]

    return []


def _standard_writes(std: Standard) -> dict[str, set[str]]:
    """The scopes each workflow of the template grants write access to."""
    return {
        name: writes(std.yaml(name))
        for name in std.files()
        if name.startswith(WORKFLOWS)
    }


def _top_failures(repo: Repo, path: str, data: t.Any) -> list[Fail]:
    """A workflow's top-level permissions, unless they are ``{}``."""
    if "permissions" not in data:
        return [Fail("no top-level permissions", path)]

    if data["permissions"] != {}:
        line = repo.line_of(path, r"^permissions:")
        return [Fail(f"top-level permissions {show(data['permissions'])}", path, line)]

    return []


def _job_failures(
    repo: Repo, path: str, job_id: str, job: dict[str, t.Any], allowed: set[str]
) -> list[Fail]:
    """A job's permissions that are not understood, or the write scopes it
    is granted beyond the ``allowed`` ones.
    """
    value = job.get("permissions", {})
    granted = grants(value)
    line = wf.job_line(repo, path, job_id)

    if granted is None:
        return [Fail(f"job {job_id} has permissions {show(value)}", path, line)]

    return [
        Fail(
            f"job {job_id} is granted {scope}: write",
            path,
            wf.line_after(repo, path, line, rf"^\s+{re.escape(scope)}:\s*write"),
        )
        for scope in sorted(granted - allowed)
    ]
