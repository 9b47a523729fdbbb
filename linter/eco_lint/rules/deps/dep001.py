"""DEP001: the dependency groups are the template's."""

from __future__ import annotations

import re
import typing as t

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ...edits import Edit
from ...edits.toml import TomlRemove
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Dependencies
from .._edits import carrying
from .._facts import tox_envs
from .._pyproject import key_line
from .._pyproject import table_line
from .._tox import env
from ._groups import group
from ._groups import MergeGroups
from ._groups import parse
from ._groups import PYPROJECT
from ._groups import standard_groups

#: For each of the template's groups the project has, the requirements its
#: group lacks (``None``) or has with another marker.
_Lacking: t.TypeAlias = dict[str, list[tuple[Requirement, Requirement | None]]]
_TITLE = "Add the standard dependency groups"


class DEP001(Dependencies):
    """Dependency groups are the standard ones

    ## What it does
    Checks that `[dependency-groups]` has every group the template has. The
    `dev`, `pre-commit`, `gha-update` and `docs-auto` groups, and the `tests`
    and `typing` groups, must hold the template's entries (by name; extras,
    version specifiers and extra entries are fine, markers must match).
    `docs` must install Sphinx; its theme and extensions may vary. Extra
    groups are fine.

    ## Why
    The tox envs, the workflows and the Read the Docs build install these
    groups by name: `uv run --group dev tox`, `--group pre-commit`,
    `--group docs`. A missing group or tool breaks them.

    ## Example
    A `dev` group without `tox-uv`, or no `gha-update` group.

    Use instead: the template's groups, plus the project's own entries.

    ## Fix
    Add the missing groups, and the template's entries that a group lacks
    or has with another marker, keeping the project's own. Safe; unsafe
    when it also moves `[tool.uv] dev-dependencies` into the `dev` group.
    Run `uv lock` afterwards.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        groups = repo.pyproject.get("dependency-groups")
        header = table_line(repo, PYPROJECT, "dependency-groups")

        if not isinstance(groups, dict):
            legacy = repo.tool("uv").get("dev-dependencies")
            note = " (only [tool.uv] dev-dependencies)" if legacy else ""
            # Worked out when fixes are made: only the fix reads the render
            # then.
            message = f"no [dependency-groups] table{note}"
            return Fail(message, PYPROJECT, fix=lambda: _moved(repo, std))

        expected = standard_groups(std)
        lacking = _all_lacking(repo, groups, expected)
        missing = [name for name in expected if name not in groups]
        found: list[Fail] = []

        if missing:
            message = f"[dependency-groups] lacks {', '.join(missing)}"
            found.append(Fail(message, PYPROJECT, header))

        for name, problems in lacking.items():
            found += _failures(repo, name, problems, header)

        add = _additions(expected, groups, lacking)
        return carrying(found, Fix(_TITLE, "safe", (MergeGroups(PYPROJECT, add),)))


def _failures(
    repo: Repo,
    name: str,
    problems: list[tuple[Requirement, Requirement | None]],
    header: int | None,
) -> list[Fail]:
    """A finding for the template's requirements a group lacks, and one
    for each it has with another marker.
    """
    found: list[Fail] = []
    lacking = [req.name for req, have in problems if have is None]

    if lacking:
        line = key_line(repo, PYPROJECT, ("dependency-groups",), name) or header
        message = f"group {name!r} lacks {', '.join(lacking)}"
        found.append(Fail(message, PYPROJECT, line))

    for req, have in problems:
        if have is not None:
            marker = f"marker {str(have.marker)!r}" if have.marker else "no marker"
            message = (
                f"{req.name!r} in group {name!r} has {marker}, not {str(req.marker)!r}"
            )
            line = repo.line_of(PYPROJECT, rf"^\s*\"{re.escape(have.name)}\b")
            found.append(Fail(message, PYPROJECT, line))

    return found


def _moved(repo: Repo, std: Standard) -> Fix:
    """The groups written from uv's older spellings, ``[tool.uv]
    dev-dependencies`` and groups under ``[tool.uv.dependency-groups]``,
    with the template's added.
    """
    legacy = repo.tool("uv").get("dev-dependencies")
    misplaced = repo.tool("uv", "dependency-groups")
    moved: dict[str, list[t.Any]] = {}
    removals: list[Edit] = []

    if isinstance(legacy, list):
        moved["dev"] = legacy
        removals.append(TomlRemove(PYPROJECT, ("tool", "uv", "dev-dependencies")))

    if isinstance(misplaced, dict) and all(
        isinstance(v, list) for v in misplaced.values()
    ):
        moved.update(misplaced)
        removals.append(TomlRemove(PYPROJECT, ("tool", "uv", "dependency-groups")))

    expected = standard_groups(std)
    add = (
        *((name, tuple(str(e) for e in entries)) for name, entries in moved.items()),
        *_additions(expected, moved, _all_lacking(repo, moved, expected)),
    )
    edits = (MergeGroups(PYPROJECT, add), *removals)
    return Fix(_TITLE, "unsafe" if moved else "safe", edits)


def _additions(
    expected: dict[str, t.Any], groups: dict[str, t.Any], lacking: _Lacking
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The template's groups the project lacks, whole, and the entries its
    groups lack; an entry whose marker differs keeps the project's extras
    and version specifier.
    """
    add: list[tuple[str, tuple[str, ...]]] = []

    for name, entries in expected.items():
        if name not in groups:
            add.append((name, tuple(e for e in entries if isinstance(e, str))))
            continue

        for req, have in lacking[name]:
            entry = _entry(expected, name, req)

            if have is not None:
                extras = f"[{','.join(sorted(have.extras))}]" if have.extras else ""
                marker = entry.partition(";")[2].strip()
                entry = f"{have.name}{extras}{have.specifier} ; {marker}"

            add.append((name, (entry,)))

    return tuple(add)


def _all_lacking(
    repo: Repo, groups: dict[str, t.Any], expected: dict[str, t.Any]
) -> _Lacking:
    """What each of the template's groups that the project has lacks."""
    return {
        name: _lacking(repo, groups, expected, name)
        for name in expected
        if name in groups
    }


def _lacking(
    repo: Repo, groups: dict[str, t.Any], expected: dict[str, t.Any], name: str
) -> list[tuple[Requirement, Requirement | None]]:
    """The template's requirements of a group that the project's group
    lacks (``None``) or has with another marker.
    """
    found = {canonicalize_name(r.name): r for r in group(groups, name)}
    # The typing env installs the group of its own name.
    typing = tox_envs().typing
    typing_env = env(repo, typing)
    typing_groups = typing_env.dependency_groups if typing_env is not None else ()

    if name == typing and "tests" in typing_groups:
        # The typing env may install the tests group beside it.
        for req in group(groups, "tests"):
            found.setdefault(canonicalize_name(req.name), req)

    want = group(expected, name)

    if name == "docs":
        want = [r for r in want if canonicalize_name(r.name) == "sphinx"]

    result: list[tuple[Requirement, Requirement | None]] = []

    for req in want:
        have = found.get(canonicalize_name(req.name))

        if have is None or (
            req.marker is not None and str(have.marker) != str(req.marker)
        ):
            result.append((req, have))

    return result


def _entry(groups: dict[str, t.Any], name: str, req: Requirement) -> str:
    """The template's own text of a requirement in a group."""
    for entry in groups.get(name, []):
        parsed = parse(entry)

        if parsed is not None and canonicalize_name(parsed.name) == canonicalize_name(
            req.name
        ):
            return str(entry)

    return str(req)
