"""LAY011: the dev container sets up with uv."""

from __future__ import annotations

from ...edits.text import WriteFile
from ...fix import Fix
from ...registry import Fail
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Layout


class LAY011(Layout):
    """Dev container sets up with uv

    ## What it does
    When the repository has `.devcontainer/on-create-command.sh`, checks that
    it runs `uv sync` and does not install from `requirements/`.

    ## Why
    The requirements files were replaced by `uv.lock`; a dev container that
    still reads them fails on its first start.

    ## Example
    `pip install -r requirements/dev.txt`.

    Use instead: `uv sync` and `uv run pre-commit install --install-hooks`.

    ## Fix
    Write the template's script. Safe.
    """

    weight = 1
    fixable = True
    path = ".devcontainer/on-create-command.sh"

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return repo.is_file(cls.path)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        text = repo.text(cls.path) or ""
        fix = Fix("Write the uv dev container script", "safe", (WriteFile(cls.path),))

        if "requirements/" in text:
            line = repo.line_of(cls.path, "requirements/")
            return Fail("installs from requirements/", cls.path, line, fix=fix)

        if "uv sync" not in text:
            return Fail("does not run uv sync", cls.path, fix=fix)

        return None
