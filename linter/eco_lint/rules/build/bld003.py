"""BLD003: the sdist holds what distributions rebuild and test from."""

from __future__ import annotations

import dataclasses
import re
import typing as t

from ...edits import Edit
from ...edits import Template
from ...edits.tables import ArrayItems
from ...edits.tables import TableUpdate
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Build
from .._base import is_pure_python
from .._base import lines_of
from .._pyproject import standard_table
from .._pyproject import table_line
from ._backend import not_flit
from ._backend import PYPROJECT


def _path(entry: object) -> str:
    """An sdist entry as a path, without a final slash."""
    return str(entry).strip().rstrip("/")


def _glob_matches(pattern: str, name: str) -> bool:
    """Whether a file is, or is inside, what an sdist glob names: ``**``
    stands for any text, ``*`` for any within one folder, ``?`` for one
    character of it. Matched a character at a time over the positions
    reachable so far, so that many ``**`` cost no more than one: as a
    regular expression, each ``**`` multiplied the splits it tried.
    """
    tokens: list[str] = []
    index = 0

    while index < len(pattern):
        step = 2 if pattern.startswith("**", index) else 1
        tokens.append(pattern[index : index + step])
        index += step

    positions = {0}

    for token in tokens:
        reached: set[int] = set()

        if token in ("**", "*"):
            # Any text up to a line break (``**``) or a folder's end (``*``).
            stop = "\n" if token == "**" else "/"
            covered = -1

            for start in sorted(positions):
                if start <= covered:
                    continue

                position = start
                reached.add(position)

                while position < len(name) and name[position] not in stop:
                    position += 1
                    reached.add(position)

                covered = position
        else:
            for start in positions:
                if start < len(name) and (
                    name[start] == token or (token == "?" and name[start] != "/")
                ):
                    reached.add(start + 1)

        if not reached:
            return False

        positions = reached

    return any(
        p == len(name) or (name[p] == "/" and "\n" not in name[p:]) for p in positions
    )


def _listed_exists(repo: Repo, entry: str) -> bool:
    if any(c in entry for c in "*?["):
        return any(_glob_matches(entry, name) for name in repo.files)

    return repo.exists(entry)


class BLD003(Build):
    """sdist includes docs, tests, changes and the lock file

    ## What it does
    Checks that `[tool.flit.sdist] include` lists the template's entries
    (`docs/`, `tests/`, the `CHANGES` file and `uv.lock`), that every path it
    lists exists, and that `exclude` lists `docs/_build/`.

    ## Why
    Distributions that repackage the sdist run the tests and build the docs
    from it, with the locked versions. A listed path that does not exist
    (such as `examples/` after it was removed) shows a stale config, and a
    docs build left in `docs/_build/` would bloat the archive.

    ## Example
    ```toml
    [tool.flit.sdist]
    include = ["docs/", "tests/", "requirements/"]
    ```

    Use instead:
    ```toml
    [tool.flit.sdist]
    include = ["docs/", "tests/", "CHANGES.md", "uv.lock"]
    exclude = ["docs/_build/"]
    ```

    ## Fix
    Writes the template's `include` and `exclude`, keeping the project's
    other entries whose paths exist. Safe.
    """

    weight = 2
    fixable = True

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return is_pure_python(repo)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if skip := not_flit(repo):
            return skip

        sdist = repo.tool("flit", "sdist")
        expected = standard_table(std, "tool", "flit", "sdist")

        if not isinstance(sdist, dict) or not sdist:
            fix = _fix(repo, {}, expected)
            return Fail("no [tool.flit.sdist] table", PYPROJECT, fix=fix)

        failed = [
            *_lacking(repo, sdist, expected, "include"),
            *_missing_paths(repo, sdist, expected),
            *_lacking(repo, sdist, expected, "exclude"),
        ]

        if failed:
            fix = _fix(repo, sdist, expected)
            failed[0] = dataclasses.replace(failed[0], fix=fix)

        return failed


def _listed(sdist: dict[str, t.Any], key: str) -> list[t.Any]:
    """The entries of ``include`` or ``exclude``, as written."""
    found = sdist.get(key, [])
    return found if isinstance(found, list) else []


def _lacking(
    repo: Repo, sdist: dict[str, t.Any], expected: dict[str, t.Any], key: str
) -> list[Fail]:
    """A finding when ``include`` or ``exclude`` lacks the template's
    entries. A standard entry whose file is missing is reported by the rule
    for that file; listing it or not is not this rule's concern.
    """
    paths = [_path(p) for p in _listed(sdist, key)]
    missing = [
        str(entry)
        for entry in expected[key]
        if _path(entry) not in paths and (key == "exclude" or repo.exists(_path(entry)))
    ]

    if not missing:
        return []

    line = table_line(repo, PYPROJECT, "tool.flit.sdist", key)
    return [Fail(f"sdist {key} lacks {', '.join(missing)}", PYPROJECT, line)]


def _missing_paths(
    repo: Repo, sdist: dict[str, t.Any], expected: dict[str, t.Any]
) -> list[Fail]:
    """A finding at each entry of ``include`` that names no file."""
    line = table_line(repo, PYPROJECT, "tool.flit.sdist", "include")
    standard = [_path(p) for p in expected["include"]]
    failed: list[Fail] = []

    for entry in _listed(sdist, "include"):
        if _path(entry) in standard or _listed_exists(repo, _path(entry)):
            continue

        # An array written one entry a line points at the entry's own.
        lines = lines_of(repo, PYPROJECT, rf"[\"']{re.escape(str(entry))}[\"']")
        at = next((n for n in lines if line is not None and n >= line), line)
        message = f"sdist include lists {entry}, which is missing"
        failed.append(Fail(message, PYPROJECT, at))

    return failed


def _fix(repo: Repo, sdist: dict[str, t.Any], expected: dict[str, t.Any]) -> Fix:
    """Write the template's entries, keeping the project's other entries
    whose paths exist.
    """
    keys = ("tool", "flit", "sdist")
    edits: list[Edit] = [
        TableUpdate(
            PYPROJECT,
            keys,
            values=tuple((k, Template((*keys, k))) for k in ("include", "exclude")),
            first=("flit",),
        )
    ]

    for key in ("include", "exclude"):
        standard = {_path(p) for p in expected[key]}
        extra = tuple(
            str(entry)
            for entry in _listed(sdist, key)
            if _path(entry) not in standard
            and (key == "exclude" or _listed_exists(repo, _path(entry)))
        )

        if extra:
            edits.append(ArrayItems(PYPROJECT, (*keys, key), add=extra))

    return Fix("Write the standard sdist includes", "safe", tuple(edits))
