"""Edits of the tables of ``pyproject.toml`` that keep the template's
layout: set and remove keys of a table, add and remove strings of an array.
They import tomlkit only when applied.
"""

from __future__ import annotations

import dataclasses
import typing as t

from ..edits import Edit
from ..edits import FixConflict
from ..edits import keep_newlines
from ..edits import Template
from ..edits.toml import toml_template
from ..repo import Repo

# Edits -----------------------------------------------------------------


def _toml_item(value: t.Any, key: str = "") -> t.Any:
    """A plain value as a tomlkit item, in the template's style: a list of
    several strings one per line, people as inline tables, a table of
    tables as sub-tables followed by a blank line.
    """
    import tomlkit

    if isinstance(value, list):
        array = tomlkit.array()

        for item in value:
            if isinstance(item, dict):
                inline = tomlkit.inline_table()
                inline.update(item)
                array.append(inline)
            else:
                array.append(item)

        if all(isinstance(item, str) for item in value) and (
            len(value) > 1 or key == "dependencies"
        ):
            array.multiline(True)

        return array

    if isinstance(value, dict):
        table = tomlkit.table()

        for name, item in value.items():
            table.add(name, _toml_item(item, name))

        if not any(isinstance(item, dict) for item in value.values()):
            table.add(tomlkit.nl())

        return table

    return value


def _container(table: t.Any) -> t.Any:
    """The tomlkit container of a table or document that can insert keys
    at a position, or ``None``.
    """
    if hasattr(table, "_insert_at"):
        return table

    value = getattr(table, "value", None)
    return value if hasattr(value, "_insert_at") else None


def _table(
    doc: t.Any, keys: tuple[str, ...], create: bool, first: tuple[str, ...] = ()
) -> t.Any:
    """The table at ``keys`` of a tomlkit document, created when asked:
    the tables above it as super tables, each new one last in its parent
    except those named in ``first``. ``None`` when it is missing.
    """
    import tomlkit

    table = doc

    for depth, key in enumerate(keys):
        if key not in table:
            if not create:
                return None

            new = tomlkit.table(is_super_table=depth < len(keys) - 1)
            container = _container(table)

            if key in first and container is not None and len(table):
                container._insert_at(0, key, new)
            else:
                table[key] = new

        table = table[key]

        if not isinstance(table, dict):
            raise FixConflict(f"{'.'.join(keys[: depth + 1])} is not a table")

    return table


def _prune(doc: t.Any, keys: tuple[str, ...]) -> None:
    """Remove the tables at ``keys`` and above that are left empty."""
    for depth in range(len(keys), 0, -1):
        parent = _table(doc, keys[: depth - 1], create=False)
        table = parent.get(keys[depth - 1]) if parent is not None else None

        if parent is None or not isinstance(table, dict) or table:
            return

        del parent[keys[depth - 1]]


@dataclasses.dataclass(frozen=True)
class TableUpdate(Edit):
    """Set and remove keys of one TOML table, creating the table if needed
    (a new table named in ``first`` goes first in its parent).

    :param values: Keys and plain values to set. With ``missing_only``,
        only the keys the table does not have yet are set.
    :param remove: Keys to remove; a table left empty is removed.
    :param undynamic: Names to drop from the table's ``dynamic`` list,
        which is removed when it is left empty.
    :param after: For a new key, the key it goes after.
    """

    path: str
    table: tuple[str, ...]
    values: tuple[tuple[str, t.Any], ...] = ()
    remove: tuple[str, ...] = ()
    undynamic: tuple[str, ...] = ()
    missing_only: bool = False
    first: tuple[str, ...] = ()
    after: tuple[tuple[str, str], ...] = ()

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None and not self.values:
            return None

        return keep_newlines(text or "", lambda source: self._change(source, repo))

    def _change(self, source: str, repo: Repo) -> str:
        import tomlkit
        from tomlkit.items import Table

        doc = tomlkit.parse(source)
        created = _table(doc, self.table, create=False) is None
        table = _table(doc, self.table, bool(self.values), self.first)

        if table is None:
            return source

        self._set(table, repo)

        for key in self.remove:
            if key in table:
                del table[key]

        self._undynamic(table)
        items = list(table.values())

        if created and items and not isinstance(items[-1], Table):
            table.add(tomlkit.nl())

        _prune(doc, self.table)
        new = tomlkit.dumps(doc)
        return source if new == source else _tidy(new, source)

    def _set(self, table: t.Any, repo: Repo) -> None:
        """Set the values, each new key after its anchor."""
        after = dict(self.after)

        for key, value in self.values:
            if key in table and self.missing_only:
                continue

            if isinstance(value, Template):
                item = toml_template(repo, self.path, value.keys)
            else:
                item = _toml_item(value, key)

            anchor = after.get(key)
            container = _container(table)

            if key in table or container is None:
                table[key] = item
            elif anchor == "" and len(table):
                container._insert_at(0, key, item)
            elif anchor is not None and anchor in table:
                container._insert_after(anchor, key, item)
            else:
                table[key] = item

    def _undynamic(self, table: t.Any) -> None:
        """Drop names from ``dynamic``, and the list when it is left empty."""
        dynamic = table.get("dynamic")

        if self.undynamic and isinstance(dynamic, list):
            for index in reversed(range(len(dynamic))):
                if dynamic[index] in self.undynamic:
                    del dynamic[index]

            if not dynamic:
                del table["dynamic"]


def _tidy(new: str, old: str) -> str:
    """One newline at the end of a file that had one, and no blank lines
    before the first table.
    """
    new = new.lstrip("\n")
    return (
        new.rstrip("\n") + "\n"
        if new.strip() and (old.endswith("\n") or not old)
        else new
    )


@dataclasses.dataclass(frozen=True)
class ArrayItems(Edit):
    """Add strings to a TOML array (created if missing) and remove others,
    keeping the array's layout and comments.
    """

    path: str
    keys: tuple[str, ...]
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()

    def apply(self, text: str | None, repo: Repo) -> str | None:
        import tomlkit

        def change(source: str) -> str:
            doc = tomlkit.parse(source)
            table = _table(doc, self.keys[:-1], create=bool(self.add))

            if table is None:
                return source

            array = table.get(self.keys[-1])

            if array is None:
                table[self.keys[-1]] = _toml_item(list(self.add), self.keys[-1])
                return tomlkit.dumps(doc)

            if not isinstance(array, list):
                raise FixConflict(f"{'.'.join(self.keys)} is not an array")

            for index in reversed(range(len(array))):
                if str(array[index]) in self.remove:
                    del array[index]

            for value in self.add:
                if value not in array:
                    array.append(value)

            return tomlkit.dumps(doc)

        if text is None and not self.add:
            return None

        return keep_newlines(text or "", change)
