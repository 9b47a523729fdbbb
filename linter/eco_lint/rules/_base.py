"""Family base classes and small helpers the rules share."""

from __future__ import annotations

import re
import typing as t

from ..registry import FAMILIES
from ..registry import Rule

if t.TYPE_CHECKING:
    from ..repo import Repo

_FAMILY = {f.prefix: f for f in FAMILIES}


class Layout(Rule):
    family = _FAMILY["LAY"]


class Metadata(Rule):
    family = _FAMILY["META"]


class Build(Rule):
    family = _FAMILY["BLD"]


class Dependencies(Rule):
    family = _FAMILY["DEP"]


class ToolConfig(Rule):
    family = _FAMILY["CFG"]


class Tox(Rule):
    family = _FAMILY["TOX"]


class PreCommit(Rule):
    family = _FAMILY["PCO"]


class Actions(Rule):
    family = _FAMILY["GHA"]


class Publishing(Rule):
    family = _FAMILY["PUB"]


class Docs(Rule):
    family = _FAMILY["DOC"]


class Drift(Rule):
    family = _FAMILY["DRF"]


def requirement_name(requirement: str) -> str:
    """The normalized project name of a PEP 508 requirement string."""
    name = re.split(r"[\s\[<>=!~;(@]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def line_of_key(repo: Repo, path: str, key: str) -> int | None:
    """The line of a TOML table header or a ``key =`` line in a file."""
    if key.startswith("["):
        return repo.line_of(path, rf"^\s*{re.escape(key)}\s*$")

    return repo.line_of(path, rf"^\s*{re.escape(key)}\s*=")


def lines_of(repo: Repo, path: str, pattern: str) -> list[int]:
    """Every line number (from 1) in a file that matches a regular
    expression, in order, to point each of several findings at its own.
    """
    regex = re.compile(pattern)
    text = repo.text(path) or ""
    return [n for n, line in enumerate(text.splitlines(), 1) if regex.search(line)]


def nth(lines: t.Sequence[int], index: int) -> int | None:
    """The ``index``-th of some lines, else the last, else ``None``."""
    return lines[min(index, len(lines) - 1)] if lines else None


def is_pure_python(repo: Repo) -> bool:
    """Whether the project has no C extension: no C, C++, Cython or Rust
    sources next to the package.
    """
    return not any(
        name.endswith((".c", ".cpp", ".pyx", ".rs"))
        and name.startswith(("src/", "crates/"))
        for name in repo.files
    )
