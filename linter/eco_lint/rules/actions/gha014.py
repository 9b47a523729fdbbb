"""GHA014: Matrix jobs run every row to the end."""

from __future__ import annotations

import typing as t

from ...edits.yaml import YamlSet
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Actions
from .._roles import played
from .._workflows import job_line
from .._workflows import jobs
from .._workflows import line_after
from ._common import or_missing
from ._common import WORKFLOWS


def _stops_early(job: dict[str, t.Any]) -> bool:
    """Whether a job runs a matrix that GitHub cancels at its first failed
    row: ``fail-fast`` is true unless set to false.
    """
    strategy = job.get("strategy")
    return (
        isinstance(strategy, dict)
        and "matrix" in strategy
        and strategy.get("fail-fast", True) is not False
    )


def _runs_to_the_end(data: t.Any) -> bool:
    """Whether a workflow has a matrix job that runs every row."""
    return any(
        isinstance(job.get("strategy"), dict) and not _stops_early(job)
        for job in jobs(data).values()
    )


class GHA014(Actions):
    """Matrix jobs run every row to the end

    ## What it does
    Checks that each job with a `strategy.matrix`, in the workflows whose
    template runs its matrix to the end (the tests workflow), sets
    `fail-fast: false`.

    ## Why
    GitHub cancels the other rows of a matrix when one fails, unless
    `fail-fast` is false. A failure on one Python or one platform then
    hides whether the others pass, and a contributor has to push again to
    find out; the Pallets projects let every row finish.

    ## Example
    ```yaml
    jobs:
      tests:
        strategy:
          matrix:
            include:
              - {python: '3.14'}
    ```

    Use instead: `fail-fast: false` under `strategy`, as the template's
    `tests.yaml` has it.

    ## Fix
    Set `strategy.fail-fast: false` on each such job, leaving the rest of
    the workflow as it is. Safe.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        names = [
            found
            for name in std.files()
            if name.startswith(WORKFLOWS) and _runs_to_the_end(std.yaml(name))
            for found in [played(repo, std, name)]
            if found is not None
        ]
        found = [
            Fail(
                f"job {job_id} stops its matrix at the first failure",
                name,
                line_after(repo, name, job_line(repo, name, job_id), r"^\s+strategy:"),
                fix=Fix(
                    "Let every matrix row run to the end",
                    "safe",
                    (YamlSet(name, ("jobs", job_id, "strategy", "fail-fast"), False),),
                ),
            )
            for name in dict.fromkeys(names)
            for job_id, job in jobs(repo.workflows[name]).items()
            if _stops_early(job)
        ]
        return or_missing(repo, std, found)
