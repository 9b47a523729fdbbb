"""GHA013: Old closed threads are locked daily."""

from __future__ import annotations

from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .. import _workflows as wf
from .._base import Actions
from .._roles import played
from ._common import LOCK
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
          - uses: dessant/lock-threads@89ae32b08ed1a541efecbab17912962a5e38981c # v6.0.2
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
        return LOCK in std.files()

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        lock = played(repo, LOCK)

        if lock is None:
            return Skip("no workflow locks old threads; GHA001 reports it")

        steps = compare_steps(repo, lock, LOCK)
        found = [f for f in (compare_triggers(repo, lock, LOCK), steps) if f]
        top = repo.workflows[lock].get("permissions")
        jobs = wf.jobs(repo.workflows[lock])

        for job_id, job in wf.jobs(std.yaml(LOCK)).items():
            actions = {wf.action(s) for s in wf.steps(job)} - {None}
            match = next(
                (
                    j
                    for j in jobs.values()
                    if actions <= {wf.action(s) for s in wf.steps(j)}
                ),
                None,
            )

            # A job without the template's actions is the steps' finding.
            if match is None and steps is not None:
                continue

            match = match or {}
            granted = {"permissions": match.get("permissions", top or {})}

            if writes({"jobs": {job_id: granted}}) != writes({"jobs": {job_id: job}}):
                found.append(
                    Fail(
                        f"job {job_id} has permissions {show(granted['permissions'])}",
                        lock,
                        wf.job_line(repo, lock, job_id),
                    )
                )

        return found

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if played(repo, LOCK) != LOCK:
            return None  # the template edits only its own workflow

        edits = sync(repo, LOCK)
        found = repo.workflows[LOCK]
        top = found.get("permissions")
        moved = {} if top is None else top
        reset = []

        for source, expected in wf.jobs(std.yaml(LOCK)).items():
            actions = {wf.action(s) for s in wf.steps(expected)} - {None}
            job_id = next(
                (
                    i
                    for i, j in wf.jobs(found).items()
                    if actions <= {wf.action(s) for s in wf.steps(j)}
                ),
                None,
            )

            if job_id is None:
                continue

            job = {**wf.jobs(found)[job_id]}
            job.setdefault("permissions", moved)

            if writes({"jobs": {source: job}}) != writes({"jobs": {source: expected}}):
                reset.append((job_id, source))

        if top not in ({}, None) or reset:
            edits.append(ScopePermissions(LOCK, tuple(reset)))
            return Fix(
                "Bring lock.yaml in line with the standard", "unsafe", tuple(edits)
            )

        return maybe_fix("Set the standard lock triggers and inputs", "safe", edits)
