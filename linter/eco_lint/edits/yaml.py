"""Edits of YAML files, made with ruamel.yaml so that the rest of the
file stays as it was. This is the only module that knows ruamel.yaml,
and imports it only when an edit is applied.

An edit is addressed by a route: the keys and list indexes down to a
value, where a selector (a hashable object with a ``matches(item)``
method, such as :class:`~eco_lint.edits.workflow.Step`) stands for each
item of a list that it matches. Edits find their place when they are
applied, so that they still apply after other fixes changed the same
file, and leave the file byte for byte when it already is as they would
make it. A value may be the template's (:class:`~eco_lint.edits.Template`):
the render's same file, with its comments and styles.
"""

from __future__ import annotations

import copy
import dataclasses
import typing as t

from ..standard import standard_for
from . import Edit
from . import FixConflict
from . import keep_newlines
from . import Template

if t.TYPE_CHECKING:
    from ..repo import Repo


class Selector(t.Protocol):
    """In a route, each item of a list that it matches."""

    def matches(self, item: t.Any) -> bool:
        """Whether an item is one of these."""
        ...


Route: t.TypeAlias = tuple["str | int | Selector", ...]

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


def node(data: t.Any, route: Route, missing: str) -> t.Any:
    """The value at a route of keys and indexes; :class:`FixConflict`
    with the ``missing`` message when it is not there.
    """
    found = data

    for key in route:
        if isinstance(found, dict) and key in found:
            found = found[key]
        elif isinstance(found, list) and isinstance(key, int) and key < len(found):
            found = found[key]
        else:
            raise FixConflict(missing)

    return found


def put(
    mapping: t.Any,
    key: t.Any,
    value: t.Any,
    after: t.Sequence[str] = (),
    order: t.Sequence[t.Any] = (),
) -> None:
    """Set a key. A new key goes after the first key of ``after`` that the
    mapping has; else before the first key that comes after it in
    ``order`` (the template's order of the same mapping); else last.
    """
    if key not in mapping:
        anchor = next((a for a in after if a in mapping), None)
        later = set(list(order)[list(order).index(key) + 1 :]) if key in order else ()
        following = next((k for k in mapping if k in later), None)

        if anchor is not None:
            mapping.insert(list(mapping).index(anchor) + 1, key, value)
            return

        if following is not None:
            mapping.insert(list(mapping).index(following), key, value)
            return

    mapping[key] = value


def _selects(key: object) -> bool:
    """Whether a key of a route is a selector."""
    return not isinstance(key, (str, int))


def _last_selector(route: Route) -> int:
    """Where the last selector of a route is; -1 without one."""
    return max((i for i, key in enumerate(route) if _selects(key)), default=-1)


def _reach(
    data: t.Any, route: Route, create: t.Callable[[t.Any, t.Any, int], None] | None
) -> list[t.Any]:
    """The values a route leads to, one for each item its selector
    matches. Above the last selector, a key that is not there leads
    nowhere; below it (everywhere, in a route without one), ``create``
    makes each missing mapping, and a value that is neither a mapping nor
    a list is a conflict.
    """
    last = _last_selector(route)
    found = [data]

    for depth, key in enumerate(route):
        below = depth > last
        reached: list[t.Any] = []

        for parent in found:
            if not isinstance(key, (str, int)):
                items = parent if isinstance(parent, list) else []
                reached += [item for item in items if key.matches(item)]
            elif isinstance(parent, dict):
                if below and create is not None and parent.get(key) is None:
                    create(parent, key, depth)

                if key in parent:
                    reached.append(parent[key])
            elif (
                isinstance(parent, list) and isinstance(key, int) and key < len(parent)
            ):
                reached.append(parent[key])
            elif below and create is not None:
                raise FixConflict(f"no mapping at {'/'.join(map(str, route[:depth]))}")

        found = reached

    return found


def _order(template: t.Any, keys: Route, up: int) -> list[t.Any]:
    """The keys of the template's mapping ``up`` levels above ``keys``."""
    try:
        parent = node(template, keys[:-up], "")
    except FixConflict:
        return []

    return list(parent) if isinstance(parent, dict) else []


# Edits -----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class YamlChange(Edit):
    """A change made in place on a round-tripped YAML mapping. Subclasses
    implement :meth:`change`; when it returns ``False`` nothing changed and
    the file is left byte for byte. ``expected`` is the text of the
    template's same file, or ``None`` to read the render for the
    repository when the change needs it.
    """

    path: str
    expected: str | None = dataclasses.field(default=None, kw_only=True, repr=False)

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

    def template(self, repo: Repo) -> t.Any:
        """The template's same file, round-tripped."""
        text = self.expected

        if text is None:
            text = standard_for(repo).text(self.path)

        if text is None:
            raise FixConflict(f"the template has no {self.path}")

        return yaml_load(text)[1]

    def resolve(self, repo: Repo, value: t.Any) -> t.Any:
        """A copy of a value, or of the template's at a :class:`Template`."""
        if isinstance(value, Template):
            where = "/".join(map(str, value.keys))
            missing = f"the template's {self.path} has no {where}"
            value = node(self.template(repo), value.keys, missing)

        return copy.deepcopy(value)


@dataclasses.dataclass(frozen=True)
class YamlSet(YamlChange):
    """Set the value at ``route`` to ``value``, or to the template's at a
    :class:`Template`, creating the mappings above it. A new key goes
    after the first key of ``after`` that its mapping has; else, when
    ``ordered``, where the template's order puts it (new mappings above it
    too); else last.
    """

    route: Route
    value: t.Any = None
    after: tuple[str, ...] = ()
    ordered: bool = False

    def change(self, data: t.Any, repo: Repo) -> bool:
        template = self.template(repo) if self.ordered else None
        keys = self.value.keys if isinstance(self.value, Template) else self.route
        up = len(self.route)

        def create(parent: t.Any, key: t.Any, depth: int) -> None:
            put(parent, key, mapping(), order=_order(template, keys, up - depth))

        key = self.route[-1]
        changed = False

        for parent in _reach(data, self.route[:-1], create):
            if not isinstance(parent, dict):
                raise FixConflict(f"{self.path} has no mapping at {self.route[:-1]}")

            new = self.resolve(repo, self.value)

            if key not in parent or parent[key] != new:
                put(parent, key, new, self.after, _order(template, keys, 1))
                changed = True

        return changed


@dataclasses.dataclass(frozen=True)
class YamlRemove(YamlChange):
    """Remove the mapping key or list item at ``route`` where it is there.
    Below a selector, the mappings this leaves empty go too (a ``with:``
    left with no input).
    """

    route: Route

    def change(self, data: t.Any, repo: Repo) -> bool:
        last = _last_selector(self.route)
        rest = self.route[last + 1 :]
        changed = False

        for top in _reach(data, self.route[: last + 1], None):
            chain = [top]

            for key in rest[:-1]:
                below = _reach(chain[-1], (key,), None)

                if not below or not isinstance(below[0], (dict, list)):
                    break

                chain.append(below[0])
            else:
                changed |= _delete(chain, rest, prune=last >= 0)

        return changed


def _delete(chain: list[t.Any], route: Route, prune: bool) -> bool:
    """Delete the last key of ``route`` from the last value of ``chain``,
    the values down to it, and, if ``prune``, the mappings this leaves
    empty.
    """
    parent, key = chain[-1], route[-1]

    if isinstance(parent, dict) and key in parent:
        del parent[key]
    elif isinstance(parent, list) and isinstance(key, int) and key < len(parent):
        del parent[key]
    else:
        return False

    for above, name in zip(chain[-2::-1], route[-2::-1], strict=True):
        if not prune or above[name]:
            break

        del above[name]

    return True
