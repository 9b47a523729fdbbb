"""PCO003: the template's hooks are all configured."""

from __future__ import annotations

import dataclasses
import re

from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import PreCommit
from ._config import Hook
from ._config import hook_ids
from ._config import hook_line
from ._config import hook_repos
from ._config import HookRepo
from ._config import missing
from ._config import PATH
from ._config import ruff_ids
from ._sync import pins
from ._sync import SyncHooks


class PCO003(PreCommit):
    """The standard hooks are all configured

    ## What it does
    Checks that every hook repository and every hook id of the template's
    `.pre-commit-config.yaml` is present: uv-pre-commit's `uv-lock`,
    codespell, and pre-commit-hooks' `check-merge-conflict`,
    `debug-statements`, `fix-byte-order-marker`, `trailing-whitespace` and
    `end-of-file-fixer`. Hook arguments are the project's own, except the
    flags the template sets, such as codespell's `--write-changes`. The ruff
    hooks are PCO002's.

    ## Why
    `uv-lock` keeps `uv.lock` in step with `pyproject.toml`, which CI
    requires with `--locked`. The other hooks catch merge markers, stray
    breakpoints, typos and whitespace before review does.

    ## Example
    ```yaml
      - repo: https://github.com/codespell-project/codespell
        hooks:
          - id: codespell
    ```

    Use instead: `args: ['--write-changes']` on the codespell hook, so that
    it fixes the typos it finds.

    ## Fix
    Add the missing repositories (with the template's frozen revision),
    hooks and flags from the template, keeping the project's own hooks and
    arguments. Safe.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if skipped := missing(repo):
            return skipped

        skip = set(ruff_ids(std))
        found: dict[str, list[Hook]] = {}
        failed: list[Fail] = []

        for entry in hook_repos(repo.precommit):
            found.setdefault(entry.url, []).extend(entry.hooks)

        for entry in hook_repos(std.yaml(PATH)):
            expected = [h for h in entry.hooks if h.id not in skip]

            if not expected:
                continue

            if entry.url not in found:
                failed.append(Fail(f"no hooks from {entry.repo}", PATH))
                continue

            failed += _hook_failures(repo, entry, expected, found[entry.url])

        if failed:
            ids = tuple(sorted(hook_ids(std.yaml(PATH)) - skip))
            edit = SyncHooks(PATH, std.text(PATH), pins(std), ids)
            fix = Fix("Add the missing standard hooks", "safe", (edit,))
            failed[0] = dataclasses.replace(failed[0], fix=fix)

        return failed


def _hook_failures(
    repo: Repo,
    entry: HookRepo,
    expected: list[Hook],
    present: list[Hook],
) -> list[Fail]:
    """The template's hooks of one repository that the project lacks, or
    whose flags it lacks.
    """
    home = entry.url
    by_id = {h.id: h for h in present}
    # A missing hook is pointed at the repository that should hold it.
    line = repo.line_of(
        PATH, rf"(?i)repo:\s*['\"]?{re.escape(home)}(\.git)?/?['\"]?\s*(#|$)"
    )
    failed: list[Fail] = []

    for hook in expected:
        hook_id = hook.id

        if hook_id not in by_id:
            message = f"no {hook_id} hook from {entry.repo}"
            failed.append(Fail(message, PATH, line))
            continue

        lacking = hook.flags - by_id[hook_id].flags

        if lacking:
            failed.append(
                Fail(
                    f"{hook_id} hook lacks {', '.join(sorted(lacking))}",
                    PATH,
                    hook_line(repo, hook_id),
                )
            )

    return failed
