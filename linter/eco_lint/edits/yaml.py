"""Edits of YAML files, made with ruamel.yaml so that the rest of the
file stays as it was.
"""

from __future__ import annotations

import dataclasses
import typing as t

from . import Edit
from . import FixConflict
from . import keep_newlines

if t.TYPE_CHECKING:
    from ..repo import Repo

# YAML ------------------------------------------------------------------


def yaml_load(source: str) -> tuple[t.Any, t.Any]:
    """Load YAML for a round trip, with the indentation the file uses."""
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    _, sequence, offset = load_yaml_guess_indent(source)
    mapping = next(
        (
            len(line) - len(line.lstrip(" "))
            for line in source.splitlines()
            if line.startswith(" ") and not line.lstrip(" ").startswith(("-", "#"))
        ),
        2,
    )
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=mapping, sequence=sequence or mapping, offset=offset or 0)
    return yaml, yaml.load(source)


def yaml_dump(yaml: t.Any, data: t.Any) -> str:
    import io

    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


# Nodes and scalar styles ----------------------------------------------


def mapping(flow: bool = False) -> t.Any:
    """A new, empty round-trip mapping, in flow style (``{a: 1}``) when
    ``flow``.
    """
    from ruamel.yaml.comments import CommentedMap

    found = CommentedMap()

    if flow:
        found.fa.set_flow_style()

    return found


def sequence() -> t.Any:
    """A new, empty round-trip sequence."""
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq()


def quoted(text: str) -> t.Any:
    """A string written in single quotes (``'3.14'``)."""
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    return SingleQuotedScalarString(text)


def restyled(old: t.Any, text: str) -> t.Any:
    """A new string written in the block style of the ``old`` one: literal
    (``|``) or folded (``>``) when it was, else plain.
    """
    from ruamel.yaml.scalarstring import FoldedScalarString
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(old, (FoldedScalarString, LiteralScalarString)):
        return type(old)(text)

    return text


# Routes ----------------------------------------------------------------


def _walk(data: t.Any, route: tuple[str | int, ...], path: str, create: bool) -> t.Any:
    node = data

    for key in route:
        if isinstance(node, dict):
            if key not in node:
                if not create:
                    raise FixConflict(f"{path} has no {'/'.join(map(str, route))}")

                node[key] = mapping()

            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        else:
            raise FixConflict(f"{path} has no {'/'.join(map(str, route))}")

    return node


@dataclasses.dataclass(frozen=True)
class YamlChange(Edit):
    """A change made in place on a round-tripped YAML mapping. Subclasses
    implement :meth:`change`; when it returns ``False`` nothing changed and
    the file is left byte for byte.
    """

    path: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        def change(source: str) -> str:
            yaml, data = yaml_load(source)

            if not isinstance(data, dict):
                raise FixConflict(f"{self.path} is not a mapping")

            if self.change(data, repo) is False:
                return source

            return yaml_dump(yaml, data)

        return keep_newlines(text, change)

    def change(self, data: t.Any, repo: Repo) -> bool | None:
        """Change the data in place; return ``False`` if nothing changed."""
        raise NotImplementedError


@dataclasses.dataclass(frozen=True)
class YamlSet(Edit):
    """Set a mapping key, creating the mappings above it. A new key goes
    after the key named by ``after``, or last.
    """

    path: str
    route: tuple[str | int, ...]
    value: t.Any
    after: str | None = None

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        def change(source: str) -> str:
            yaml, data = yaml_load(source)
            parent = _walk(data, self.route[:-1], self.path, create=True)
            key = self.route[-1]

            if not isinstance(parent, dict):
                raise FixConflict(f"{self.path} has no mapping at {self.route[:-1]}")

            if key in parent or self.after not in parent:
                parent[key] = self.value
            else:
                position = list(parent).index(self.after) + 1
                parent.insert(position, key, self.value)  # type: ignore[attr-defined]

            return yaml_dump(yaml, data)

        return keep_newlines(text, change)


@dataclasses.dataclass(frozen=True)
class YamlRemove(Edit):
    """Remove a mapping key or a list item, if it is there."""

    path: str
    route: tuple[str | int, ...]

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        def change(source: str) -> str:
            yaml, data = yaml_load(source)
            parent = _walk(data, self.route[:-1], self.path, create=False)
            key = self.route[-1]

            if isinstance(parent, dict) and key in parent:
                del parent[key]
            elif (
                isinstance(parent, list) and isinstance(key, int) and key < len(parent)
            ):
                del parent[key]
            else:
                return source

            return yaml_dump(yaml, data)

        return keep_newlines(text, change)
