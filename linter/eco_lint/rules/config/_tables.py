"""The ``[tool.*]`` tables of ``pyproject.toml``: the project's, the
template's, and where their keys are.
"""

from __future__ import annotations

import typing as t

from ...registry import Fail
from .._pyproject import PYPROJECT
from .._pyproject import standard_table
from .._pyproject import table_line

if t.TYPE_CHECKING:
    from ...repo import Repo
    from ...standard import Standard


def standard_tool(std: Standard, *keys: str) -> dict[str, t.Any]:
    """A ``[tool.*]`` table of the template's ``pyproject.toml``."""
    return standard_table(std, "tool", *keys)


def table(repo: Repo, *keys: str) -> dict[str, t.Any] | None:
    """A ``[tool.*]`` table of the repository, or ``None`` if it is missing
    or is not a table.
    """
    value = repo.tool(*keys)
    return value if isinstance(value, dict) and value else None


def header(*keys: str) -> str:
    """The header of a ``[tool.*]`` table."""
    return f"[{'.'.join(('tool', *keys))}]"


def at(repo: Repo, keys: tuple[str, ...], key: str) -> int | None:
    """The line of a key of a ``[tool.*]`` table, else of its header."""
    return table_line(repo, PYPROJECT, ("tool", *keys), key)


def differences(
    repo: Repo, found: dict[str, t.Any], expected: dict[str, t.Any], *keys: str
) -> list[Fail]:
    """A failure for every key of ``expected`` whose value differs in
    ``found``, in the order of ``expected``.
    """
    name = header(*keys)
    return [
        Fail(f"{name} lacks {key}", PYPROJECT, at(repo, keys, key))
        if key not in found
        else Fail(
            f"{name} {key} is {found[key]!r}, not {value!r}",
            PYPROJECT,
            at(repo, keys, key),
        )
        for key, value in expected.items()
        if key not in found or found[key] != value
    ]


def missing(*keys: str) -> Fail:
    """The failure for a missing ``[tool.*]`` table."""
    return Fail(f"no {header(*keys)} table", PYPROJECT)


def pytest_keys(repo: Repo) -> tuple[str, ...]:
    """Where the project keeps pytest's settings: the native
    ``[tool.pytest]`` table of pytest 9 when it has any, else the
    template's ``[tool.pytest.ini_options]``. pytest reads one of them, so
    a fix edits the one the project uses rather than adding the other.
    """
    native = repo.tool("pytest")

    if isinstance(native, dict) and set(native) - {"ini_options"}:
        return ("pytest",)

    return ("pytest", "ini_options")
