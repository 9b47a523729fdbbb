"""TOX005: the update envs."""

from __future__ import annotations

from ...edits import Edit
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Tox
from .._edits import carrying
from .._facts import tox_envs
from .._tox import env
from .._tox import standard_env
from ._tox import compare
from ._tox import missing_env
from ._tox import set_keys


class TOX005(Tox):
    """update envs refresh pins and the lock

    ## What it does
    Checks that the `update-actions`, `update-pre_commit` and
    `update-requirements` envs are the template's: the same labels,
    groups, install settings and commands (descriptions may differ).

    ## Why
    `tox run -m update` refreshes the workflow action pins, the pre-commit
    hook pins and `uv.lock` in one step. It replaced Dependabot and
    pre-commit.ci's autoupdate.

    ## Example
    No `update-requirements` env, or `pre-commit autoupdate` without
    `--freeze`, which pins tags instead of commits.

    Use instead: the template's three envs, with `labels = ["update"]`.

    ## Fix
    Write the template's envs and settings, keeping their descriptions.
    Safe.
    """

    weight = 2
    fixable = True
    requires = frozenset({"TOX001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        failed: list[Fail] = []
        edits: list[Edit] = []

        for name in tox_envs().update:
            found = env(repo, name)
            path = ("tool", "tox", "env", name)

            if found is None:
                failure, edit = missing_env(name)
                failed.append(failure)
                edits.append(edit)
                continue

            expected = {
                k: v for k, v in standard_env(std, name).items() if k != "description"
            }
            failed += compare(repo, name, found.table, expected)
            edits += set_keys(found.table, expected, path)

        fix = Fix("Write the standard update envs", "safe", tuple(edits))
        return carrying(failed, fix)
