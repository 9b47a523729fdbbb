"""PCO002: ruff runs as the current ruff hooks."""

from __future__ import annotations

import dataclasses

from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import PreCommit
from ._config import frozen_revs
from ._config import hook_ids
from ._config import hook_line
from ._config import hook_repos
from ._config import LEGACY_RUFF
from ._config import missing
from ._config import needs_freeze
from ._config import PATH
from ._config import ruff_ids
from ._sync import pins
from ._sync import SyncHooks


class PCO002(PreCommit):
    """ruff runs as the ruff-check and ruff-format hooks

    ## What it does
    Checks that the config has the template's ruff hooks, `ruff-check` and
    `ruff-format`, and not the legacy hook id `ruff`.

    ## Why
    ruff replaced black, flake8, isort and pyupgrade in every Pallets
    project. `ruff` is the old alias of `ruff-check` that ruff-pre-commit
    keeps for compatibility; the current generation names the hook for what
    it does, next to `ruff-format`.

    ## Example
    ```yaml
      - repo: https://github.com/astral-sh/ruff-pre-commit
        hooks:
          - id: ruff
          - id: ruff-format
    ```

    Use instead: `- id: ruff-check` and `- id: ruff-format`.

    ## Fix
    Rename the `ruff` hook to `ruff-check` and add the missing hooks, with
    the template's repository entry if there is none. Safe when the ruff
    repository is at the template's revision; otherwise the fix also moves
    it there, since older revisions have no `ruff-check` hook: Unsafe.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if skipped := missing(repo):
            return skipped

        found = hook_ids(repo.precommit)
        ids = ruff_ids(std)
        failed: list[Fail] = []

        if LEGACY_RUFF in found:
            message = f"legacy hook id {LEGACY_RUFF!r}"
            failed.append(Fail(message, PATH, hook_line(repo, LEGACY_RUFF)))

        # The legacy id is the ruff-check hook under its old name.
        absent = [
            i for i in ids if i not in found and not (failed and i == "ruff-check")
        ]

        if absent:
            failed.append(Fail(f"no {', '.join(absent)} hook", PATH))

        if failed:
            fix = _fix(repo, std, ids)
            failed[0] = dataclasses.replace(failed[0], fix=fix)

        return failed


def _fix(repo: Repo, std: Standard, ids: list[str]) -> Fix:
    """Rename the legacy hook and add the missing ones, moving the ruff
    repository to the template's revision when it is at another.
    """
    homes = {e.url for e in hook_repos(std.yaml(PATH)) if e.ids & set(ids)}
    touched = [
        e
        for e in hook_repos(repo.precommit)
        if LEGACY_RUFF in e.ids or (e.url in homes and not set(ids) <= e.ids)
    ]
    frozen = frozen_revs(std)
    moves = any(needs_freeze(e.url, e.rev, frozen) for e in touched)
    edit = SyncHooks(
        PATH,
        std.text(PATH),
        pins(std),
        tuple(ids),
        ((LEGACY_RUFF, "ruff-check"),),
        freeze=True,
    )
    return Fix(
        "Use the ruff-check and ruff-format hooks"
        + (" at the standard revision" if moves else ""),
        "unsafe" if moves else "safe",
        (edit,),
    )
