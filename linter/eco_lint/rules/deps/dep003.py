"""DEP003: ``uv.lock`` is committed."""

from __future__ import annotations

import fnmatch

from ...edits.text import EditLines
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Dependencies
from .._edits import carrying

LOCK = "uv.lock"
#: The files whose patterns keep files out of commits.
IGNORES = (".gitignore", ".git/info/exclude")
#: The lines that ignore the lock and nothing else.
_EXACT = frozenset({"uv.lock", "/uv.lock", "**/uv.lock"})


class DEP003(Dependencies):
    """uv.lock is committed

    ## What it does
    Checks that `uv.lock` exists at the top of the repository and that
    neither `.gitignore` nor `.git/info/exclude` ignores it.

    ## Why
    CI, tox and Read the Docs all install from the lock (`uv run --locked`,
    `uv-venv-lock-runner`), so every run uses the same versions, and the
    `update-requirements` env refreshes it in one reviewed commit. An
    ignored lock is never committed and every run resolves afresh.

    ## Example
    No `uv.lock`, or a `.gitignore` with a `*.lock` line.

    Use instead: run `uv lock` and commit `uv.lock`.

    ## Fix
    Drop the line that ignores `uv.lock`, or add `!/uv.lock` after a wider
    pattern such as `*.lock`. Safe. A missing lock has no fix: run
    `uv lock`, which the linter never runs.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if not repo.is_file(LOCK):
            return Fail("uv.lock is missing", "uv.lock")

        found: list[Fail] = []
        edits: list[EditLines] = []

        for name in IGNORES:
            text = repo.text(name) or ""
            line = ignored_by(text, LOCK)

            if line is not None:
                found.append(Fail(f"uv.lock is ignored by {name}", name, line))
                edits.append(_unignored(name, text))

        return carrying(found, Fix("Stop ignoring uv.lock", "safe", tuple(edits)))


def ignored_by(text: str, name: str) -> int | None:
    """The line of the ``.gitignore``-style pattern that ignores a file at
    the top of the repository, or ``None`` if the file is not ignored.
    """
    line: int | None = None

    for number, raw in enumerate(text.splitlines(), 1):
        pattern = raw.strip()

        if not pattern or pattern.startswith("#") or pattern.endswith("/"):
            continue

        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").removeprefix("/").removeprefix("**/")

        if "/" in pattern.rstrip("/"):
            continue

        if fnmatch.fnmatchcase(name, pattern):
            line = None if negate else number

    return line


def _unignored(name: str, text: str) -> EditLines:
    """The lines that ignore only the lock removed, and ``!/uv.lock`` added
    after a wider pattern that still would.
    """
    lines = text.splitlines()
    remove = tuple(line.strip() for line in lines if line.strip() in _EXACT)
    rest = "\n".join(line for line in lines if line.strip() not in _EXACT)
    add = ("!/uv.lock",) if ignored_by(rest, LOCK) is not None else ()
    return EditLines(name, add=add, remove=remove)
