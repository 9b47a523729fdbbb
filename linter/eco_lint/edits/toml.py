"""Edits of TOML files, made with tomlkit so that the rest of the file
stays as it was.
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

# TOML ------------------------------------------------------------------


def toml_template(repo: Repo, path: str, keys: tuple[str | int, ...]) -> t.Any:
    import tomlkit

    source = standard_for(repo).text(path)

    if source is None:
        raise FixConflict(f"the template has no {path}")

    value: t.Any = tomlkit.parse(source)

    for key in keys:
        try:
            value = value[key]
        except (KeyError, IndexError):
            raise FixConflict(
                f"the template's {path} has no {'.'.join(map(str, keys))}"
            ) from None

    return value


@dataclasses.dataclass(frozen=True)
class TomlSet(Edit):
    """Set a key or a table, creating the tables above it."""

    path: str
    keys: tuple[str, ...]
    value: t.Any

    def apply(self, text: str | None, repo: Repo) -> str | None:
        import tomlkit

        value = self.value

        if isinstance(value, Template):
            value = toml_template(repo, self.path, value.keys)

        def change(source: str) -> str:
            doc = tomlkit.parse(source)
            table: t.Any = doc

            for key in self.keys[:-1]:
                if key not in table:
                    table[key] = tomlkit.table(is_super_table=True)

                table = table[key]

                if not isinstance(table, dict):
                    raise FixConflict(f"{key} in {self.path} is not a table")

            table[self.keys[-1]] = value
            return tomlkit.dumps(doc)

        return keep_newlines(text or "", change)


@dataclasses.dataclass(frozen=True)
class TomlRemove(Edit):
    """Remove a key or a table, if it is there."""

    path: str
    keys: tuple[str, ...]

    def apply(self, text: str | None, repo: Repo) -> str | None:
        import tomlkit

        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        def change(source: str) -> str:
            doc = tomlkit.parse(source)
            table: t.Any = doc

            for key in self.keys[:-1]:
                table = table.get(key)

                if not isinstance(table, dict):
                    return source

            if self.keys[-1] in table:
                del table[self.keys[-1]]

            return tomlkit.dumps(doc)

        return keep_newlines(text, change)
