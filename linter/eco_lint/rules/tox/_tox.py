"""What the tox rules share: where the keys of ``[tool.tox]`` tables are,
how they differ from the template's, and the names of envs (the tables
themselves are read by :mod:`eco_lint.rules._tox`).
"""

from __future__ import annotations

import re
import typing as t

from ...edits import Edit
from ...edits import Template
from ...edits.toml import TomlSet
from ...registry import Fail
from .._pyproject import PYPROJECT
from .._pyproject import table_line

if t.TYPE_CHECKING:
    from ...repo import Repo


def missing_env(name: str) -> tuple[Fail, Edit]:
    """The finding of an env the project lacks, and the edit that writes
    the template's.
    """
    path = ("tool", "tox", "env", name)
    found = Fail(f"no {env_header(name)} env", PYPROJECT)
    return found, TomlSet(PYPROJECT, path, Template(path))


def env_header(name: str) -> str:
    """The header of an env's table."""
    key = name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else f'"{name}"'
    return f"[tool.tox.env.{key}]"


def at(repo: Repo, name: str | None, key: str) -> int | None:
    """The line of a key of an env, or of ``env_run_base`` for ``None``."""
    table = ("env_run_base",) if name is None else ("env", name)
    return table_line(repo, PYPROJECT, ("tool", "tox", *table), key)


def show(value: object) -> str:
    """A value for a message, cut short when long."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def compare(
    repo: Repo, name: str | None, found: dict[str, t.Any], expected: dict[str, t.Any]
) -> list[Fail]:
    """A failure for every key of the template's env that differs."""
    table = "env_run_base" if name is None else f"env {name}"
    failed: list[Fail] = []

    for key, value in expected.items():
        if key not in found:
            failed.append(Fail(f"{table} lacks {key}", PYPROJECT, at(repo, name, key)))
        elif found[key] != value:
            text = f"is {found[key]!r}, not {value!r}"
            text = text if len(text) <= 80 else "is not the template's"
            line = at(repo, name, key)
            failed.append(Fail(f"{table} {key} {text}", PYPROJECT, line))

    return failed


def set_keys(
    found: dict[str, t.Any], expected: dict[str, t.Any], path: tuple[str, ...]
) -> tuple[Edit, ...]:
    """The template's value for each key that differs."""
    return tuple(
        TomlSet(PYPROJECT, (*path, key), Template((*path, key)))
        for key, value in expected.items()
        if found.get(key) != value
    )


def expand(name: str) -> list[str]:
    """tox's generative names: ``py3{11,10}-x`` is ``py311-x, py310-x``."""
    match = re.search(r"\{([^{}]*)\}", name)

    if match is None:
        return [name]

    return [
        expanded
        for part in match.group(1).split(",")
        for expanded in expand(
            f"{name[: match.start()]}{part.strip()}{name[match.end() :]}"
        )
    ]


def dotted(name: str) -> str:
    """An env name with dotted Python factors: ``py311`` is ``py3.11``."""
    return re.sub(r"(^|-)(pypy|py)3([0-9]+)(t?)(?=$|-)", r"\1\g<2>3.\3\4", name)


def extra_envs(names: t.Iterable[object], expected: list[str]) -> tuple[str, ...]:
    """The project's own envs in an env_list: not the template's, and not
    a Python version alone, which the template's list has.
    """
    result: list[str] = []

    for raw in names:
        for name in map(dotted, expand(str(raw))):
            python = re.fullmatch(r"(pypy|py)(3(\.[0-9]+)?t?)?", name)

            if not python and name not in expected and name not in result:
                result.append(name)

    return tuple(result)
