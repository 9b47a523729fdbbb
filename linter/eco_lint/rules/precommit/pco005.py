"""PCO005: no hooks or configuration of the tools ruff and uv replaced."""

from __future__ import annotations

import dataclasses
import re

from ...edits import Edit
from ...edits.ini import RemoveSections
from ...edits.text import DeleteFile
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import lines_of
from .._base import nth
from .._base import PreCommit
from .._ini import section_line
from .._ini import sections
from .._ini import SETUP_CFG
from .._ini import TOX_INI
from ._config import config_path
from ._config import hook_repos
from ._config import PATH
from ._config import REPLACED
from ._config import ruff_ids
from ._sync import pins
from ._sync import SyncHooks


class PCO005(PreCommit):
    """No tools that ruff and uv replaced

    ## What it does
    Checks that no hook runs black, flake8, isort, pyupgrade,
    reorder-python-imports, autoflake or pip-compile-multi, and that flake8
    has no configuration left: no `.flake8` and no `[flake8]` section in
    `setup.cfg` or `tox.ini`.

    ## Why
    ruff does the work of the first six with one configuration in
    `pyproject.toml`; `uv.lock` replaced the pip-compile-multi requirements.
    Running both ruff and the old tools gives two formatters that disagree,
    and a leftover config misleads contributors.

    ## Example
    ```yaml
      - repo: https://github.com/psf/black
        hooks:
          - id: black
    ```

    Use instead: the `ruff-check` and `ruff-format` hooks of
    `astral-sh/ruff-pre-commit`.

    ## Fix
    Delete the hooks (and the repositories left without hooks), add the
    template's ruff hooks, delete `.flake8`, and remove the `[flake8]`
    section of `setup.cfg` and `tox.ini`, keeping the rest of those files.
    The ruff settings themselves are CFG005's and CFG006's fixes. Unsafe:
    reformatting with ruff changes code.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        path = config_path(repo)
        found = _replaced_hooks(repo, path)
        hooks = bool(found)
        edits: list[Edit] = []

        if repo.is_file(".flake8"):
            found.append(Fail("flake8 configuration in .flake8", ".flake8"))
            edits.append(DeleteFile(".flake8"))

        for name in (SETUP_CFG, TOX_INI):
            if "flake8" in sections(repo, name):
                line = section_line(repo, name, "flake8")
                found.append(Fail(f"[flake8] section in {name}", name, line))
                edits.append(RemoveSections(name, "flake8", required=True))

        if found:
            flake8 = tuple(edits)
            # Only the hooks' edit reads the render, which the check does not:
            # it is worked out when fixes are made.
            fix = (lambda: _fix(path, flake8, std)) if hooks else _fix(path, flake8)
            found[0] = dataclasses.replace(found[0], fix=fix)

        return found


def _fix(path: str, flake8: tuple[Edit, ...], std: Standard | None = None) -> Fix:
    """Delete the flake8 configuration and, given the render, the replaced
    hooks, adding the template's ruff hooks in their place.
    """
    edits = flake8

    if std is not None:
        ids = tuple(ruff_ids(std))
        sync = SyncHooks(path, std.text(PATH), pins(std), ids, drop=True, freeze=True)
        edits = (sync, *flake8)

    return Fix("Replace the old linters and formatters with ruff", "unsafe", edits)


def _replaced_hooks(repo: Repo, path: str) -> list[Fail]:
    """A finding at each hook of a tool that ruff or uv replaced."""
    found: list[Fail] = []
    seen: dict[str, int] = {}

    for entry in hook_repos(repo.precommit):
        name = entry.url.rpartition("/")[2]

        for hook in entry.hooks:
            hook_id = hook.id

            if REPLACED.fullmatch(hook_id) or REPLACED.fullmatch(name):
                pattern = rf"id:\s*['\"]?{re.escape(hook_id)}\b"
                line = nth(lines_of(repo, path, pattern), seen.get(hook_id, 0))
                seen[hook_id] = seen.get(hook_id, 0) + 1
                message = f"hook {hook_id} from {entry.repo}"
                found.append(Fail(message, path, line))

    return found
