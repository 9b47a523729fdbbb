"""The Python versions a project names: the ``requires-python``
minimum, ``py3.X`` envs and the tests matrix.
"""

from __future__ import annotations

import re
import typing as t

from .._facts import workflow_of
from .._roles import workflow_for
from .._tox import env_list

if t.TYPE_CHECKING:
    from ...repo import Repo


def minimum(specifier: object) -> tuple[int, int] | None:
    """The ``(3, X)`` of the first ``>=``, ``~=`` or ``==`` bound."""
    match = re.search(r"(?:>=|~=|==)\s*3\.([0-9]+)", str(specifier))
    return (3, int(match.group(1))) if match else None


def as_version(value: object) -> tuple[int, int] | None:
    """``(3, X)`` from ``"3.X"``, ``py3.X``, ``py3X`` or ``3.Xt``; ``None``
    for PyPy and anything else.
    """
    match = re.fullmatch(r"(?:py)?3\.?([0-9]+)t?", str(value).strip())
    return (3, int(match.group(1))) if match else None


def matrix_versions(workflow: dict[str, t.Any]) -> list[tuple[int, int] | None]:
    found: list[tuple[int, int] | None] = []

    for job in (workflow.get("jobs") or {}).values():
        strategy = job.get("strategy") if isinstance(job, dict) else None
        matrix = strategy.get("matrix") if isinstance(strategy, dict) else None

        if not isinstance(matrix, dict):
            continue

        values: list[object] = []

        for row in matrix.get("include") or []:
            if isinstance(row, dict):
                values.extend(row.get(k) for k in ("python", "python-version"))

        for key in ("python", "python-version"):
            if isinstance(matrix.get(key), list):
                values.extend(matrix[key])

        found.extend(as_version(v) for v in values if v is not None)

    return found


def show(version: tuple[int, int]) -> str:
    return f"{version[0]}.{version[1]}"


def oldest(versions: list[tuple[int, int] | None], prefix: str = "") -> str | None:
    found = [v for v in versions if v is not None]
    return f"{prefix}{show(min(found))}" if found else None


def tests_workflow(repo: Repo) -> str | None:
    """The workflow that runs the tests: the template's when the repository
    has it, else the first that runs them. It reads no render: the Python
    rules' verdicts rest on the repository's own files (the template's
    workflow names are the same whatever the answers).
    """
    return workflow_for(repo, "tests", workflow_of("tests"))


def env_versions(repo: Repo) -> list[tuple[int, int] | None] | None:
    """The ``(3, X)`` of each env in the tox ``env_list`` (``None`` for an
    env that names no CPython), or ``None`` when there is no such list.
    """
    names = env_list(repo)
    return None if names is None else [as_version(name) for name in names]
