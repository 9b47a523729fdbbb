"""The TOML operations the rules describe their fixes with: update a
table, change an array keeping its layout and comments, rewrite arrays
with a plain function. They are written on the primitives of
:mod:`.toml`, which alone knows tomlkit, and take plain values.
"""

from __future__ import annotations

import dataclasses
import typing as t

from . import Edit
from . import FixConflict
from . import keep_newlines
from . import Template
from .toml import blank_line
from .toml import copy_comment
from .toml import dumps
from .toml import has_item_comments
from .toml import is_multiline
from .toml import is_table
from .toml import item
from .toml import parse
from .toml import plain
from .toml import prune
from .toml import put
from .toml import resolve
from .toml import table_at
from .toml import tidy
from .toml import walk

if t.TYPE_CHECKING:
    from ..repo import Repo

# Tables ----------------------------------------------------------------


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
        doc = parse(source)
        created = table_at(doc, self.table, create=False) is None
        table = table_at(doc, self.table, bool(self.values), self.first)

        if table is None:
            return source

        self._set(table, repo)

        for key in self.remove:
            if key in table:
                del table[key]

        self._undynamic(table)
        items = list(table.values())

        if created and items and not is_table(items[-1]):
            table.add(blank_line())

        prune(doc, self.table)
        new = dumps(doc)
        return source if new == source else _tidy(new, source)

    def _set(self, table: t.Any, repo: Repo) -> None:
        """Set the values, each new key after its anchor."""
        after = dict(self.after)

        for key, value in self.values:
            if key in table and self.missing_only:
                continue

            if isinstance(value, Template):
                new = resolve(repo, self.path, value)
            else:
                new = item(value, key)

            put(table, key, new, after.get(key))

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


# Arrays ----------------------------------------------------------------


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
        def change(source: str) -> str:
            doc = parse(source)
            table = table_at(doc, self.keys[:-1], create=bool(self.add))

            if table is None:
                return source

            array = table.get(self.keys[-1])

            if array is None:
                table[self.keys[-1]] = item(list(self.add), self.keys[-1])
                return dumps(doc)

            if not isinstance(array, list):
                raise FixConflict(f"{'.'.join(self.keys)} is not an array")

            for index in reversed(range(len(array))):
                if str(array[index]) in self.remove:
                    del array[index]

            for value in self.add:
                if value not in array:
                    array.append(value)

            return dumps(doc)

        if text is None and not self.add:
            return None

        return keep_newlines(text or "", change)


@dataclasses.dataclass(frozen=True)
class TomlList(Edit):
    """Change a TOML array in place, keeping its layout and comments:
    remove values, put values first, and add the values it lacks.

    :param before: Added values go before this value when it is there.
    :param like: An array (such as ``Template(keys)``) to start from when
        the array is missing; added values take their place and comment
        from it.
    :param prune: Remove the array when it is left empty, and the tables
        that it leaves empty.
    """

    path: str
    keys: tuple[str, ...]
    first: tuple[t.Any, ...] = ()
    add: tuple[t.Any, ...] = ()
    remove: tuple[t.Any, ...] = ()
    before: t.Any = None
    like: t.Any = None
    prune: bool = False

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        like = resolve(repo, self.path, self.like)
        return keep_newlines(text, lambda source: self._change(source, like))

    def _change(self, source: str, like: t.Any) -> str:
        doc = parse(source)
        tables = self._tables(doc, like)

        if tables is None:
            return source

        key = self.keys[-1]

        if not isinstance(tables[-1][key], list):
            raise FixConflict(f"{'.'.join(self.keys)} is not an array")

        _change_array(tables[-1], key, self, like)

        if self.prune and not tables[-1][key]:
            self._prune(tables)

        return tidy(dumps(doc), source)

    def _tables(self, doc: t.Any, like: t.Any) -> list[t.Any] | None:
        """The tables down to the array, made where it may grow, with the
        array in the last; ``None`` when it is missing and may not grow.
        """
        grow = bool(self.first or self.add)
        tables = walk(doc, self.keys[:-1], self.path, create=grow)

        if tables is None:
            return None

        if self.keys[-1] not in tables[-1]:
            if not grow:
                return None

            tables[-1][self.keys[-1]] = like if like is not None else []

        return tables

    def _prune(self, tables: list[t.Any]) -> None:
        """Remove the emptied array and the tables it leaves empty."""
        del tables[-1][self.keys[-1]]

        for depth in reversed(range(len(self.keys) - 1)):
            if tables[depth][self.keys[depth]]:
                break

            del tables[depth][self.keys[depth]]


def _change_array(table: t.Any, key: str, edit: TomlList, like: t.Any) -> None:
    array = table[key]
    values = [plain(v) for v in array]
    multiline = is_multiline(array)
    # A one-line array is written anew, as tomlkit would write it.
    target: t.Any = array if multiline else list(values)
    drop = [*edit.remove, *edit.first]

    for index in reversed(range(len(values))):
        if values[index] in drop:
            del target[index]

    for value in reversed(edit.first):
        target.insert(0, value)

    order = [plain(v) for v in like] if like is not None else []
    comments = multiline and has_item_comments(array)

    for value in dict.fromkeys(edit.add):
        current = [plain(v) for v in target]

        if value in current:
            continue

        at = _position(current, value, order, edit.before)
        target.insert(at, value)

        if comments and value in order:
            copy_comment(like, order.index(value), array, at)

    if not multiline and target != values:
        table[key] = target


def _position(
    current: list[t.Any], value: t.Any, order: list[t.Any], before: t.Any
) -> int:
    """Where an added value goes: before ``before``, else after the values
    that come before it in ``order``, else last.
    """
    if before is not None and before in current:
        return current.index(before)

    if value in order:
        earlier = order[: order.index(value)]
        found = [i for i, v in enumerate(current) if v in earlier]

        if found:
            return found[-1] + 1

        later = [i for i, v in enumerate(current) if v in order]

        if later:
            return later[0]

    return len(current)


@dataclasses.dataclass(frozen=True)
class RewriteArrays(Edit):
    """Rewrite arrays with a plain function, keeping the items it keeps as
    they were written. ``keys`` may hold ``"*"`` for every key of a table
    or item of an array; ``change`` takes the keys of one array found
    there and its items as plain values, and returns its new items.
    """

    path: str
    keys: tuple[str, ...]
    change: t.Callable[[tuple[str | int, ...], list[t.Any]], list[t.Any]]

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        def rewrite(source: str) -> str:
            doc = parse(source)
            changed = False

            for keys, array in _arrays(doc, self.keys, ()):
                new = self.change(keys, [plain(v) for v in array])
                changed |= _rewrite(array, new)

            return dumps(doc) if changed else source

        return keep_newlines(text, rewrite)


def _arrays(
    node: t.Any, keys: tuple[str, ...], found: tuple[str | int, ...]
) -> t.Iterator[tuple[tuple[str | int, ...], t.Any]]:
    """The arrays at ``keys`` (``"*"`` for any key or item), with their
    keys.
    """
    if not keys:
        if isinstance(node, list):
            yield found, node
    elif isinstance(node, dict):
        names = list(node) if keys[0] == "*" else [keys[0]] if keys[0] in node else []

        for name in names:
            yield from _arrays(node[name], keys[1:], (*found, name))
    elif isinstance(node, list) and keys[0] == "*":
        for index, value in enumerate(node):
            yield from _arrays(value, keys[1:], (*found, index))


def _rewrite(array: t.Any, new: list[t.Any]) -> bool:
    """Make an array hold ``new``, replacing only the items between those
    it keeps at its start and end; whether it changed.
    """
    old = [plain(v) for v in array]

    if old == new:
        return False

    start = 0

    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1

    end = 0

    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1

    for index in reversed(range(start, len(old) - end)):
        del array[index]

    for offset, value in enumerate(new[start : len(new) - end]):
        array.insert(start + offset, value)

    return True
