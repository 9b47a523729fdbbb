"""LAY005: the README is Markdown."""

from __future__ import annotations

from ...registry import Fail
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Layout


class LAY005(Layout):
    """README is Markdown

    ## What it does
    Checks that the README is `README.md`, and that no `README.rst` or
    `README.txt` remains.

    ## Why
    Pallets projects moved their READMEs to Markdown in 2024; PyPI and GitHub
    both render it, and `readme = "README.md"` is the standard metadata.

    ## Example
    `README.rst`.

    Use instead: `README.md`, with `readme = "README.md"` in `[project]`.

    ## Fix
    Convert the text to Markdown. Display only: the conversion needs review.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        others = [n for n in ("README.rst", "README.txt", "README") if repo.is_file(n)]

        if others:
            return Fail(f"README in {others[0]}", others[0])

        if not repo.is_file("README.md"):
            return Fail("README.md is missing", "README.md")

        return None
