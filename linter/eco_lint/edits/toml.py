"""Edits of TOML files, made with tomlkit so that the rest of the file
stays as it was.

This is the one module that knows tomlkit: its item types, whitespace and
comments, and the private API it has no public one for. It offers the
primitives that the operations of :mod:`.tables` and the rules' own
rewrites are written on, and the edits that set, remove and replace a
value. tomlkit is imported only when an edit is applied.
"""

from __future__ import annotations

import dataclasses
import typing as t

from ..standard import standard_for
from . import Edit
from . import FixConflict
from . import keep_newlines
from . import Template

if t.TYPE_CHECKING:
    from ..repo import Repo

# Documents -------------------------------------------------------------


def parse(source: str) -> t.Any:
    """A TOML document for a round trip: a mapping of tomlkit items that
    keeps comments, whitespace and key order.
    """
    import tomlkit

    return tomlkit.parse(source)


def dumps(doc: t.Any) -> str:
    """The text of a parsed document, with whatever was not changed kept
    byte for byte.
    """
    import tomlkit

    return tomlkit.dumps(doc)


def tidy(new: str, old: str) -> str:
    """No blank lines at the start or the end of a file that tomlkit
    changed, unless the file had them.
    """
    if not old.startswith("\n"):
        new = new.lstrip("\n")

    if not old.endswith("\n\n"):
        new = new.rstrip("\n") + "\n"

    return new if new.strip() else ""


def toml_template(repo: Repo, path: str, keys: tuple[str | int, ...]) -> t.Any:
    """The value at ``keys`` of the template's render of a TOML file, with
    its formatting and comments.
    """
    source = standard_for(repo).text(path)

    if source is None:
        raise FixConflict(f"the template has no {path}")

    value: t.Any = parse(source)

    for key in keys:
        try:
            value = value[key]
        except (KeyError, IndexError):
            raise FixConflict(
                f"the template's {path} has no {'.'.join(map(str, keys))}"
            ) from None

    return value


def resolve(repo: Repo, path: str, value: t.Any) -> t.Any:
    """A value, or the template's value that a :class:`Template` names."""
    if isinstance(value, Template):
        return toml_template(repo, path, value.keys)

    return value


# Items -----------------------------------------------------------------


def new_table(super_table: bool = False) -> t.Any:
    """An empty table; a super table has no header of its own, only its
    sub-tables have.
    """
    import tomlkit

    return tomlkit.table(is_super_table=super_table)


def new_array(multiline: bool = False) -> t.Any:
    """An empty array, written one item per line when ``multiline``."""
    import tomlkit

    array = tomlkit.array()

    if multiline:
        array.multiline(True)

    return array


def blank_line() -> t.Any:
    """A blank line, to add to a table after its last key."""
    import tomlkit

    return tomlkit.nl()


def item(value: t.Any, key: str = "") -> t.Any:
    """A plain value as a tomlkit item, in the template's style: a list of
    several strings one per line, people as inline tables, a table of
    tables as sub-tables followed by a blank line.
    """
    import tomlkit

    if isinstance(value, list):
        array = tomlkit.array()

        for entry in value:
            if isinstance(entry, dict):
                inline = tomlkit.inline_table()
                inline.update(entry)
                array.append(inline)
            else:
                array.append(entry)

        if all(isinstance(entry, str) for entry in value) and (
            len(value) > 1 or key == "dependencies"
        ):
            array.multiline(True)

        return array

    if isinstance(value, dict):
        table = tomlkit.table()

        for name, entry in value.items():
            table.add(name, item(entry, name))

        if not any(isinstance(entry, dict) for entry in value.values()):
            table.add(tomlkit.nl())

        return table

    return value


def plain(value: t.Any) -> t.Any:
    """A tomlkit item as the plain Python value it holds."""
    unwrap = getattr(value, "unwrap", None)
    return unwrap() if unwrap is not None else value


def is_table(value: t.Any) -> bool:
    """Whether an item is a table with a header (not an inline table)."""
    from tomlkit.items import Table

    return isinstance(value, Table)


# Tables ----------------------------------------------------------------


def _container(table: t.Any) -> t.Any:
    """The tomlkit container of a table or document that can insert keys
    at a position, or ``None``.
    """
    if hasattr(table, "_insert_at"):
        return table

    value = getattr(table, "value", None)
    return value if hasattr(value, "_insert_at") else None


def put(table: t.Any, key: str, value: t.Any, after: str | None = None) -> None:
    """Set a key of a table. A new key goes after the key ``after`` names
    when the table has it, first when ``after`` is ``""``, else last.
    """
    container = _container(table)

    if key in table or container is None:
        table[key] = value
    elif after == "" and len(table):
        container._insert_at(0, key, value)
    elif after is not None and after in table:
        container._insert_after(after, key, value)
    else:
        table[key] = value


def put_before(doc: t.Any, key: str, value: t.Any, anchors: tuple[str, ...]) -> None:
    """Add a top-level table before the first of the ``anchors`` that the
    document has, or last.
    """
    for anchor in anchors:
        index = getattr(doc, "_map", {}).get(anchor)

        if isinstance(index, int):
            try:
                doc._insert_at(index, key, value)
            except Exception:  # noqa: BLE001 -- tomlkit's private API changed
                break

            return

    doc[key] = value


def table_at(
    doc: t.Any, keys: tuple[str, ...], create: bool, first: tuple[str, ...] = ()
) -> t.Any:
    """The table at ``keys`` of a document, created when asked: the tables
    above it as super tables, each new one last in its parent except those
    named in ``first``. ``None`` when it is missing.
    """
    table = doc

    for depth, key in enumerate(keys):
        if key not in table:
            if not create:
                return None

            new = new_table(super_table=depth < len(keys) - 1)
            put(table, key, new, "" if key in first else None)

        table = table[key]

        if not isinstance(table, dict):
            raise FixConflict(f"{'.'.join(keys[: depth + 1])} is not a table")

    return table


def walk(
    doc: t.Any, keys: tuple[str, ...], path: str, create: bool
) -> list[t.Any] | None:
    """The document and the tables down to ``keys``, the missing ones made
    as super tables when ``create``; ``None`` when one is missing.
    """
    tables: list[t.Any] = [doc]

    for key in keys:
        if key not in tables[-1]:
            if not create:
                return None

            tables[-1][key] = new_table(super_table=True)

        if not isinstance(tables[-1][key], dict):
            raise FixConflict(f"{key} in {path} is not a table")

        tables.append(tables[-1][key])

    return tables


def prune(doc: t.Any, keys: tuple[str, ...]) -> None:
    """Remove the tables at ``keys`` and above that are left empty."""
    for depth in range(len(keys), 0, -1):
        parent = table_at(doc, keys[: depth - 1], create=False)
        table = parent.get(keys[depth - 1]) if parent is not None else None

        if parent is None or not isinstance(table, dict) or table:
            return

        del parent[keys[depth - 1]]


# Arrays ----------------------------------------------------------------


def is_multiline(array: t.Any) -> bool:
    """Whether an array is written over several lines."""
    return "\n" in array.as_string()


def has_item_comments(array: t.Any) -> bool:
    """Whether an item of an array has a comment after it."""
    return any(
        getattr(group, "comment", None) for group in getattr(array, "_value", [])
    )


def copy_comment(source: t.Any, index: int, target: t.Any, at: int) -> None:
    """Give an array item the comment of an item of another array (tomlkit
    has no public API for item comments).
    """
    import copy

    try:
        comment = source._value[source._index_map[index]].comment
        group = target._value[target._index_map[at]]
    except (AttributeError, KeyError, IndexError):
        return

    if comment is not None:
        group.comment = copy.deepcopy(comment)


# Edits -----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class TomlSet(Edit):
    """Set a key or a table, creating the tables above it."""

    path: str
    keys: tuple[str, ...]
    value: t.Any

    def apply(self, text: str | None, repo: Repo) -> str | None:
        value = resolve(repo, self.path, self.value)

        def change(source: str) -> str:
            doc = parse(source)
            tables = walk(doc, self.keys[:-1], self.path, create=True) or [doc]
            tables[-1][self.keys[-1]] = value
            return dumps(doc)

        return keep_newlines(text or "", change)


@dataclasses.dataclass(frozen=True)
class TomlRemove(Edit):
    """Remove a key or a table, if it is there."""

    path: str
    keys: tuple[str, ...]

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        def change(source: str) -> str:
            doc = parse(source)
            table: t.Any = doc

            for key in self.keys[:-1]:
                table = table.get(key)

                if not isinstance(table, dict):
                    return source

            if self.keys[-1] in table:
                del table[self.keys[-1]]

            return dumps(doc)

        return keep_newlines(text, change)


@dataclasses.dataclass(frozen=True)
class TomlChange(Edit):
    """A rule's own change of a parsed TOML document, made in place with
    the primitives of this module where no operation of :mod:`.tables`
    fits. Subclasses implement :meth:`change`. A missing file starts
    empty; the result has no blank lines at its ends that the file had not
    (:func:`tidy`).
    """

    path: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        def change(source: str) -> str:
            doc = parse(source)
            self.change(doc, repo)
            return tidy(dumps(doc), source)

        return keep_newlines(text or "", change)

    def change(self, doc: t.Any, repo: Repo) -> None:
        """Change the document in place."""
        raise NotImplementedError


@dataclasses.dataclass(frozen=True)
class TomlItem(Edit):
    """Replace, or insert, an item of a TOML array by its index."""

    path: str
    keys: tuple[str, ...]
    index: int
    value: t.Any
    insert: bool = False

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        value = resolve(repo, self.path, self.value)
        return keep_newlines(text, lambda source: self._change(source, value))

    def _change(self, source: str, value: t.Any) -> str:
        doc = parse(source)
        array: t.Any = doc

        for key in self.keys:
            array = array.get(key) if isinstance(array, dict) else None

        if not isinstance(array, list) or self.index > len(array):
            raise FixConflict(f"{self.path} has no {'.'.join(self.keys)} array")

        if self.insert:
            array.insert(self.index, value)
        elif self.index < len(array):
            array[self.index] = value
        else:
            raise FixConflict(f"{'.'.join(self.keys)} has no item {self.index}")

        return dumps(doc)
