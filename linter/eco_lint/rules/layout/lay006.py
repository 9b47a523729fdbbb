"""LAY006: the changelog is ``CHANGES.rst`` or ``CHANGES.md``."""

from __future__ import annotations

import re

from ...edits.text import MoveFile
from ...edits.text import WriteFile
from ...fix import Fix
from ...fix import refusal
from ...registry import Fail
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Layout


class LAY006(Layout):
    """Changelog is CHANGES.rst or CHANGES.md

    ## What it does
    Checks that the changelog is `CHANGES.rst` or `CHANGES.md` at the top of
    the repository.

    ## Why
    The release steps, the docs' changes page and the sdist all name
    `CHANGES`. `CHANGELOG`, `HISTORY` or only GitHub releases leave the sdist
    and the docs without a history.

    ## Example
    `HISTORY.md`, or no changelog file.

    Use instead: `CHANGES.md` with a `## Version X.Y.Z` section.

    ## Fix
    Rename the file, or create one with a section for the current version.
    Unsafe: the changelog is user-owned. Refused when the history is kept in
    `docs/` (such as `docs/changelog.rst`): a new file beside it would be a
    second changelog; moving it, and the docs page that shows it, is left to
    the maintainer.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        if repo.is_file("CHANGES.rst") or repo.is_file("CHANGES.md"):
            return None

        others = [
            n
            for n in repo.files
            if "/" not in n and re.match(r"(CHANGELOG|HISTORY|CHANGES)", n, re.I)
        ]

        # Worked out when fixes are made: it reads the render, which the
        # verdict does not need.
        def fix() -> Fix:
            return _changelog(repo, std)

        if others:
            return Fail(f"changelog in {others[0]}", others[0], fix=fix)

        return Fail("no CHANGES.rst or CHANGES.md", fix=fix)


def _changelog(repo: Repo, std: Standard) -> Fix:
    """A changelog in Markdown or reStructuredText renamed to ``CHANGES``,
    else the template's written, unless the history is kept in ``docs/``.
    """
    others = [
        n
        for n in repo.files
        if "/" not in n
        and re.fullmatch(r"(CHANGELOG|HISTORY|CHANGES)\.(md|rst)", n, re.I)
    ]

    if others:
        target = f"CHANGES.{others[0].rpartition('.')[2].lower()}"
        return Fix(
            f"Rename {others[0]} to {target}", "unsafe", (MoveFile(others[0], target),)
        )

    name = next(n for n in std.files() if n.startswith("CHANGES."))

    if kept := _docs_changelog(repo, name.partition(".")[0]):
        return refusal(
            f"Write {name}",
            f"the history is kept in {kept}, and {name} would be a second"
            f" changelog; move {kept} to {name} and include it from the docs",
            kept,
        )

    return Fix(f"Write {name}", "unsafe", (WriteFile(name),))


def _docs_changelog(repo: Repo, top: str) -> str | None:
    """A changelog kept in ``docs/`` rather than included from the
    repository's ``top`` one (``CHANGES``), or ``None``.
    """
    for name in repo.files:
        folder, _, base = name.rpartition("/")

        if folder != "docs" or not re.fullmatch(
            r"(changelog|changes|history)\.(rst|md)", base, re.I
        ):
            continue

        if top not in (repo.text(name) or ""):
            return name

    return None
