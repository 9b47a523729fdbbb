"""GHA013: Old closed threads are locked daily."""

from __future__ import annotations

import posixpath
import typing as t

from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .. import _workflows as wf
from .._base import Actions
from .._edits import carrying
from .._facts import has_workflow
from .._facts import workflow_of
from .._roles import played
from ._common import maybe_fix
from ._common import show
from ._common import writes
from ._compare import compare_steps
from ._compare import compare_triggers
from ._compare import sync
from ._edits import ScopePermissions


class GHA013(Actions):
    """Old closed threads are locked daily

    ## What it does
    Checks the workflow that locks old threads (`lock.yaml` in the
    template, whatever its name) against the template's: the same daily
    cron, `dessant/lock-threads` with 14 inactive days for issues, pull
    requests and discussions, and the job allowed to write to each of them.
    Permissions granted to the whole workflow are GHA003's to report.

    ## Why
    Comments on long-closed issues are rarely about the same bug; locking
    them sends people to open a new issue with a fresh example. A job that
    cannot write to discussions leaves them unlocked.

    ## Example
    ```yaml
    permissions:
      issues: write
      pull-requests: write
    jobs:
      lock:
        steps:
          - uses: {pin:dessant/lock-threads}
            with:
              issue-inactive-days: 30
    ```

    Use instead: the template's `lock.yaml`.

    ## Fix
    Set the template's triggers and `dessant/lock-threads` inputs: Safe.
    When permissions are granted to the whole workflow, or the job's differ
    from the template's, move them to the job and set the job's to the
    template's: Unsafe.
    """

    weight = 1
    fixable = True

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return has_workflow(std, "lock")

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        template = workflow_of("lock")
        lock = played(repo, std, template)

        if lock is None:
            return Skip("no workflow locks old threads; GHA001 reports it")

        data = repo.workflows[lock]
        steps = compare_steps(repo, std, lock, template)
        found = [f for f in (compare_triggers(repo, std, lock, template), steps) if f]
        top = data.get("permissions")
        jobs = wf.jobs(data)
        matched = _matched(std, jobs)

        for source, expected, job_id in matched:
            # A job without the template's actions is the steps' finding.
            if job_id is None and steps is not None:
                continue

            match = jobs[job_id] if job_id is not None else {}
            granted = {"permissions": match.get("permissions", top or {})}

            if writes({"jobs": {source: granted}}) != writes(
                {"jobs": {source: expected}}
            ):
                found.append(
                    Fail(
                        f"job {source} has permissions {show(granted['permissions'])}",
                        lock,
                        wf.job_line(repo, lock, source),
                    )
                )

        if not found or lock != template:
            return found  # the template edits only its own workflow

        return carrying(found, _fix(repo, std, matched))


def _matched(
    std: Standard, jobs: dict[str, dict[str, t.Any]]
) -> list[tuple[str, dict[str, t.Any], str | None]]:
    """Each job of the template's lock workflow, and the id of the first of
    the ``jobs`` that uses all its actions.
    """
    found = []

    for source, expected in wf.jobs(std.yaml(workflow_of("lock"))).items():
        actions = wf.actions_used(expected)
        job_id = next(
            (i for i, j in jobs.items() if actions <= wf.actions_used(j)),
            None,
        )
        found.append((source, expected, job_id))

    return found


def _fix(
    repo: Repo,
    std: Standard,
    matched: list[tuple[str, dict[str, t.Any], str | None]],
) -> Fix | None:
    """Set the template's triggers and inputs, and move the workflow's
    permissions to its jobs, resetting those that differ from the template's.
    """
    template = workflow_of("lock")
    edits = sync(repo, std, template)
    data = repo.workflows[template]
    top = data.get("permissions")
    moved = {} if top is None else top
    reset = []

    for source, expected, job_id in matched:
        if job_id is None:
            continue

        job = {**wf.jobs(data)[job_id]}
        job.setdefault("permissions", moved)

        if writes({"jobs": {source: job}}) != writes({"jobs": {source: expected}}):
            reset.append((job_id, source))

    if top not in ({}, None) or reset:
        scope = ScopePermissions(template, tuple(reset), expected=std.text(template))
        edits.append(scope)
        title = f"Bring {posixpath.basename(template)} in line with the standard"
        return Fix(title, "unsafe", tuple(edits))

    return maybe_fix("Set the standard lock triggers and inputs", "safe", edits)
