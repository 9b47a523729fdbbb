"""Dependency groups: reading them, with ``include-group`` entries
expanded, and adding requirements to them.
"""

from __future__ import annotations

import dataclasses
import typing as t

from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ...edits import FixConflict
from ...edits import toml
from ...repo import Repo
from ...standard import Standard
from .._pyproject import standard_table

PYPROJECT = "pyproject.toml"


def parse(entry: object) -> Requirement | None:
    """A requirement string parsed, or ``None`` when it is not one."""
    if not isinstance(entry, str):
        return None

    try:
        return Requirement(entry)
    except InvalidRequirement:
        return None


def names(entries: t.Iterable[object]) -> set[str]:
    """The normalized project names of the entries that are requirements."""
    return {canonicalize_name(r.name) for r in map(parse, entries) if r}


def group(
    groups: dict[str, t.Any], name: str, seen: frozenset[str] = frozenset()
) -> list[Requirement]:
    """The requirements of a dependency group, with ``include-group``
    entries expanded.
    """
    result: list[Requirement] = []
    entries = groups.get(name)

    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict):
            other = entry.get("include-group")

            if isinstance(other, str) and other not in seen:
                result.extend(group(groups, other, seen | {name}))

            continue

        req = parse(entry)

        if req is not None:
            result.append(req)

    return result


def standard_groups(std: Standard) -> dict[str, t.Any]:
    """The render's ``[dependency-groups]``."""
    return standard_table(std, "dependency-groups")


@dataclasses.dataclass(frozen=True)
class MergeGroups(toml.TomlChange):
    """Add requirements to dependency groups, creating the table and the
    groups that are missing. A requirement replaces the group's entry for
    the same project when ``replace`` is set, or when only their markers
    differ; otherwise the group's own entry is kept.
    """

    path: str
    groups: tuple[tuple[str, tuple[str, ...]], ...]
    replace: bool = True

    def change(self, doc: t.Any, repo: Repo) -> None:
        found = doc.get("dependency-groups")
        new = not isinstance(found, dict)
        table: t.Any = toml.new_table() if new else found

        for name, entries in self.groups:
            if name not in table:
                table[name] = toml.new_array(multiline=True)

            array = table[name]

            if not isinstance(array, list):
                raise FixConflict(f"group {name} in {self.path} is not a list")

            for entry in entries:
                _merge_entry(array, entry, self.replace)

        if new:
            table.add(toml.blank_line())
            toml.put_before(doc, "dependency-groups", table, ("build-system", "tool"))


def _merge_entry(array: t.Any, entry: str, replace: bool) -> None:
    req = parse(entry)
    name = canonicalize_name(req.name) if req is not None else None

    for index, have in enumerate(array):
        other = parse(str(have)) if isinstance(have, str) else None

        if other is None or canonicalize_name(other.name) != name:
            continue

        if replace and str(have) != entry:
            array[index] = entry

        return

    array.append(entry)
