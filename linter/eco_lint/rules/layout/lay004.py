"""LAY004: the licence text is in ``LICENSE.txt``."""

from __future__ import annotations

import dataclasses
import re

from ...edits import Edit
from ...edits.text import DeleteFile
from ...edits.text import MoveFile
from ...edits.text import WriteFile
from ...edits.toml import TomlSet
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Layout

LICENSE = "LICENSE.txt"


class LAY004(Layout):
    """License text is in LICENSE.txt

    ## What it does
    Checks that the licence text is in `LICENSE.txt`, and in no other
    `LICENSE`, `LICENSE.rst`, `LICENSE.md` or `COPYING` file.

    ## Why
    `license-files = ["LICENSE.txt"]` puts it in every wheel and sdist, and
    the docs' licence page includes it by that name.

    ## Example
    A `LICENSE` file with no extension.

    Use instead: `LICENSE.txt`.

    ## Fix
    Rename the file. Unsafe: it renames a file.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        others = _license_files(repo)

        if others:
            # Worked out when fixes are made: a rename reads pyproject.toml,
            # which the verdict does not need.
            first, *rest = [Fail(f"licence text in {name}", name) for name in others]
            return [
                dataclasses.replace(first, fix=lambda: _renamed(repo, others)),
                *rest,
            ]

        if not repo.is_file(LICENSE):
            fix = Fix(f"Write {LICENSE}", "unsafe", (WriteFile(LICENSE),))
            return Fail(f"{LICENSE} is missing", LICENSE, fix=fix)

        return None


def _license_files(repo: Repo) -> list[str]:
    """Top-level licence files other than ``LICENSE.txt``."""
    pattern = re.compile(r"(LICEN[CS]E|COPYING)(\.(rst|md|txt))?", re.I)
    return [
        name
        for name in repo.files
        if "/" not in name and pattern.fullmatch(name) and name != LICENSE
    ]


def _renamed(repo: Repo, others: list[str]) -> Fix:
    """The other licence files deleted beside ``LICENSE.txt``, or the first
    renamed to it and the rest deleted.
    """
    if repo.is_file(LICENSE):
        deletes = tuple(DeleteFile(name) for name in others)
        return Fix("Delete the other licence files", "unsafe", deletes)

    first, rest = others[0], others[1:]
    edits: tuple[Edit, ...] = (
        MoveFile(first, LICENSE),
        *(DeleteFile(n) for n in rest),
        *_renamed_in_pyproject(repo, first),
    )
    return Fix(f"Rename {first} to {LICENSE}", "unsafe", edits)


def _renamed_in_pyproject(repo: Repo, old: str) -> tuple[Edit, ...]:
    """The edits that point ``pyproject.toml``'s licence file at
    ``LICENSE.txt`` where it names ``old``, so that the rename leaves a
    project that builds.
    """
    license = repo.project.get("license")
    files = repo.project.get("license-files")
    edits: list[Edit] = []

    if isinstance(license, dict) and license.get("file") == old:
        edits.append(TomlSet("pyproject.toml", ("project", "license", "file"), LICENSE))

    if isinstance(files, list) and old in files:
        # A tuple, so that the fix can be told from another by its value.
        renamed = tuple(LICENSE if f == old else f for f in files)
        edits.append(TomlSet("pyproject.toml", ("project", "license-files"), renamed))

    return tuple(edits)
