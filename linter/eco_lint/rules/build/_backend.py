"""Reading how a project is built: its ``[build-system]`` table and the
requirements it lists.
"""

from __future__ import annotations

import dataclasses
import typing as t

from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement

from ...registry import Skip
from ...repo import Repo
from .._base import requirement_name
from .._facts import backend

PYPROJECT = "pyproject.toml"


@dataclasses.dataclass(frozen=True)
class BuildSystem:
    """A project's ``[build-system]`` table, as far as it is one.

    :param table: The table, ``None`` when there is none or it is not a
        table.
    """

    table: dict[str, t.Any] | None

    @property
    def backend(self) -> t.Any:
        """The ``build-backend``, ``None`` when unset."""
        return (self.table or {}).get("build-backend")

    @property
    def requires(self) -> t.Any:
        """The ``requires`` list as written, ``None`` when unset."""
        return (self.table or {}).get("requires")


def build_system(repo: Repo) -> BuildSystem:
    """The project's ``[build-system]`` table."""
    found = repo.pyproject.get("build-system")
    return BuildSystem(found if isinstance(found, dict) else None)


def parse_requirement(text: object) -> Requirement | None:
    """A requirement string parsed, ``None`` when it is not one."""
    try:
        return Requirement(str(text))
    except InvalidRequirement:
        return None


def same_requirements(found: object, expected: list[str]) -> bool:
    """Whether two lists of requirements name the same projects with the
    same specifiers, however the names are spelled (``flit-core`` is
    ``flit_core``) and the specifiers ordered.
    """
    if not isinstance(found, list) or len(found) != len(expected):
        return False

    def key(requirements: list[t.Any]) -> list[tuple[str, str, str]] | None:
        parsed = [parse_requirement(r) for r in requirements]

        if None in parsed:
            return None

        return sorted(
            (requirement_name(r.name), str(r.specifier), str(r.marker or ""))
            for r in parsed
            if r is not None
        )

    return key(found) is not None and key(found) == key(expected)


def not_flit(repo: Repo) -> Skip | None:
    """A skip when flit_core is not the build backend. A flit_core that
    BLD001 fails for another reason, such as its version bound, still has
    its own config checked.
    """
    expected = backend()

    if build_system(repo).backend != expected.module:
        message = f"not built with {expected.name}; BLD001 reports it"
        return Skip(message, because="BLD001")

    return None
