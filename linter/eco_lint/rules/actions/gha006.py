"""GHA006: Workflows cancel superseded runs."""

from __future__ import annotations

import typing as t

from ...edits import Edit
from ...edits import Template
from ...edits.yaml import YamlSet
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Actions
from .._roles import played
from ._common import or_missing
from ._common import WORKFLOWS


def _cancels(data: t.Any) -> bool:
    concurrency = data.get("concurrency") if isinstance(data, dict) else None
    return (
        isinstance(concurrency, dict) and concurrency.get("cancel-in-progress") is True
    )


class GHA006(Actions):
    """Workflows cancel superseded runs

    ## What it does
    Checks that each workflow the template sets `concurrency` with
    `cancel-in-progress: true` on (tests, pre-commit, zizmor, publish and
    lock) does the same, where the repository has it.

    ## Why
    A new push to a pull request makes the runs of the previous one
    useless. Cancelling them frees the runners and keeps two runs of the
    same workflow from racing each other.

    ## Example
    A `tests.yaml` without a `concurrency` key.

    Use instead: the template's `concurrency` block, whose group is the
    workflow and the pull request or ref, with `cancel-in-progress: true`.

    ## Fix
    Set `cancel-in-progress: true`, or add the template's `concurrency`
    block where there is none. Safe.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found = [
            Fail(
                "no concurrency with cancel-in-progress: true",
                name,
                repo.line_of(name, r"^concurrency:"),
                fix=_fix(repo, std, name) if name == standard else None,
            )
            for standard in std.files()
            if standard.startswith(WORKFLOWS) and _cancels(std.yaml(standard))
            for name in [played(repo, std, standard)]
            if name is not None and not _cancels(repo.workflows[name])
        ]
        return or_missing(repo, std, found)


def _fix(repo: Repo, std: Standard, name: str) -> Fix:
    """Cancel superseded runs of the template's workflow: set
    ``cancel-in-progress``, or add the template's ``concurrency`` block.
    """
    edit: Edit

    if isinstance(repo.workflows[name].get("concurrency"), dict):
        edit = YamlSet(name, ("concurrency", "cancel-in-progress"), True)
    else:
        after = ("permissions", "on")
        route = ("concurrency",)
        edit = YamlSet(
            name, route, Template(route), after=after, expected=std.text(name)
        )

    return Fix("Cancel superseded workflow runs", "safe", (edit,))
