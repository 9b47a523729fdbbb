"""Edits of TOML arrays that several families share, and how a rule's
failures carry their fix.
"""

from __future__ import annotations

import dataclasses
import typing as t

from ..edits import Edit
from ..edits import FixConflict
from ..edits import keep_newlines
from ..edits import Template
from ..edits.toml import toml_template
from ..registry import Fail

if t.TYPE_CHECKING:
    from ..fix import Fix
    from ..repo import Repo


def carrying(
    failed: list[Fail], fix: Fix | t.Callable[[], Fix | None] | None
) -> list[Fail]:
    """The failures with a rule-wide fix carried by the first of them: a
    fix, or a function that works it out when fixes are made (for a fix
    that reads what the check does not, see :class:`~eco_lint.registry.Fail`).
    """
    if not failed or fix is None:
        return failed

    return [dataclasses.replace(failed[0], fix=fix), *failed[1:]]


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

        like = self.like

        if isinstance(like, Template):
            like = toml_template(repo, self.path, like.keys)

        return keep_newlines(text, lambda source: self._change(source, like))

    def _change(self, source: str, like: t.Any) -> str:
        import tomlkit

        doc = tomlkit.parse(source)
        tables = self._tables(doc, like)

        if tables is None:
            return source

        key = self.keys[-1]

        if not isinstance(tables[-1][key], list):
            raise FixConflict(f"{'.'.join(self.keys)} is not an array")

        _change_array(tables[-1], key, self, like)

        if self.prune and not tables[-1][key]:
            self._prune(tables)

        return tidy(tomlkit.dumps(doc), source)

    def _tables(self, doc: t.Any, like: t.Any) -> list[t.Any] | None:
        """The tables down to the array, made where it may grow, with the
        array in the last; ``None`` when it is missing and may not grow.
        """
        import tomlkit

        tables: list[t.Any] = [doc]
        grow = bool(self.first or self.add)

        for key in self.keys[:-1]:
            if key not in tables[-1]:
                if not grow:
                    return None

                tables[-1][key] = tomlkit.table(is_super_table=True)

            if not isinstance(tables[-1][key], dict):
                raise FixConflict(f"{key} in {self.path} is not a table")

            tables.append(tables[-1][key])

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
    values = [_plain(v) for v in array]
    multiline = "\n" in array.as_string()
    # A one-line array is written anew, as tomlkit would write it.
    target: t.Any = array if multiline else list(values)
    drop = [*edit.remove, *edit.first]

    for index in reversed(range(len(values))):
        if values[index] in drop:
            del target[index]

    for value in reversed(edit.first):
        target.insert(0, value)

    order = [_plain(v) for v in like] if like is not None else []
    comments = multiline and any(
        getattr(group, "comment", None) for group in getattr(array, "_value", [])
    )

    for value in dict.fromkeys(edit.add):
        current = [_plain(v) for v in target]

        if value in current:
            continue

        at = _position(current, value, order, edit.before)
        target.insert(at, value)

        if comments and value in order:
            _copy_comment(like, order.index(value), array, at)

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


def _copy_comment(source: t.Any, index: int, target: t.Any, at: int) -> None:
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


def tidy(new: str, old: str) -> str:
    """No blank lines at the start or the end of a file that tomlkit
    changed, unless the file had them.
    """
    if not old.startswith("\n"):
        new = new.lstrip("\n")

    if not old.endswith("\n\n"):
        new = new.rstrip("\n") + "\n"

    return new if new.strip() else ""


def _plain(value: t.Any) -> t.Any:
    unwrap = getattr(value, "unwrap", None)
    return unwrap() if unwrap is not None else value
