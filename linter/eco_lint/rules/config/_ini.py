"""Tool settings still in INI files (``setup.cfg``, ``tox.ini``), read as
the values of their ``pyproject.toml`` tables.
"""

from __future__ import annotations

import dataclasses
import re
import typing as t

from ...edits.ini import RemoveSections
from .._ini import sections

if t.TYPE_CHECKING:
    from ...repo import Repo

#: Options read as lists, by tool. pytest splits its ``args`` options on
#: spaces; coverage and mypy split on commas.
_PYTEST_LISTS = frozenset(
    {
        "testpaths",
        "norecursedirs",
        "python_files",
        "python_classes",
        "python_functions",
        "usefixtures",
        "required_plugins",
        "filterwarnings",
        "markers",
    }
)
_PYTEST_LINES = frozenset({"filterwarnings", "markers"})
_COVERAGE_LISTS = frozenset(
    {
        "source",
        "source_pkgs",
        "omit",
        "include",
        "exclude_lines",
        "exclude_also",
        "partial_branches",
        "partial_branches_always",
        "plugins",
        "concurrency",
        "debug",
        "disable_warnings",
    }
)
_MYPY_LISTS = frozenset(
    {
        "files",
        "plugins",
        "mypy_path",
        "packages",
        "modules",
        "always_true",
        "always_false",
        "disable_error_code",
        "enable_error_code",
    }
)


@dataclasses.dataclass(frozen=True)
class Moved:
    """A tool's settings read from INI sections, and the edit that removes
    those sections once they are in ``pyproject.toml``.
    """

    values: dict[str, t.Any]
    remove: RemoveSections


def _value(
    raw: str, listed: bool, separator: str | None, lines_only: bool = False
) -> t.Any:
    """A setting of an INI file as a TOML value: a list for multi-line
    values and list options, a boolean for ``true`` and ``false``, else
    the string.
    """
    lines = [line.strip() for line in raw.strip().splitlines() if line.strip()]

    if len(lines) > 1 or (listed and lines_only):
        return lines

    text = lines[0] if lines else ""

    if listed:
        parts = text.split(separator) if separator else text.split()
        return [part.strip() for part in parts if part.strip()]

    if text.lower() in {"true", "false"}:
        return text.lower() == "true"

    return text


def _section(repo: Repo, names: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    """The first of these ``(file, section)`` pairs that exists."""
    for path, section in names:
        if section in sections(repo, path):
            return path, section

    return None


def pytest_from_ini(repo: Repo) -> Moved | None:
    """pytest's settings in ``setup.cfg`` ``[tool:pytest]`` or ``tox.ini``
    ``[pytest]``.
    """
    found = _section(repo, (("setup.cfg", "tool:pytest"), ("tox.ini", "pytest")))

    if found is None:
        return None

    path, section = found
    values = {
        key: _value(raw, key in _PYTEST_LISTS, None, key in _PYTEST_LINES)
        for key, raw in sections(repo, path)[section].items()
    }
    return Moved(values, RemoveSections(path, re.escape(section)))


def coverage_from_ini(repo: Repo, part: str) -> Moved | None:
    """A ``[coverage:<part>]`` section of ``setup.cfg`` or ``tox.ini``."""
    section = f"coverage:{part}"
    found = _section(repo, (("setup.cfg", section), ("tox.ini", section)))

    if found is None:
        return None

    path = found[0]
    values: dict[str, t.Any] = {}

    for key, raw in sections(repo, path)[section].items():
        value = _value(raw, part == "paths" or key in _COVERAGE_LISTS, ",")

        if isinstance(value, str) and re.fullmatch(r"[0-9]+(\.[0-9]+)?", value):
            value = float(value) if "." in value else int(value)

        values[key] = value

    return Moved(values, RemoveSections(path, re.escape(section)))


def mypy_from_ini(repo: Repo) -> Moved | None:
    """mypy's ``setup.cfg`` ``[mypy]`` section, with its ``[mypy-*]``
    sections as ``overrides``.
    """
    if "mypy" not in repo.setup_cfg:
        return None

    values: dict[str, t.Any] = {}
    overrides: list[dict[str, t.Any]] = []

    for section, options in repo.setup_cfg.items():
        if section != "mypy" and not section.startswith("mypy-"):
            continue

        table = {
            key: _value(raw, key in _MYPY_LISTS, ",") for key, raw in options.items()
        }

        if section == "mypy":
            values.update(table)
        else:
            modules = [m.strip() for m in section[5:].split(",") if m.strip()]
            module: t.Any = modules[0] if len(modules) == 1 else modules
            overrides.append({"module": module, **table})

    if overrides:
        values["overrides"] = overrides

    return Moved(values, RemoveSections("setup.cfg", r"mypy(-.*)?"))
