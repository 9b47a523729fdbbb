"""YAML read safely: PyYAML's safe loader reading YAML 1.2 booleans, with
documents refused before any Python value is made when they nest too deep,
refer to themselves, or whose aliases expand too far.
"""

from __future__ import annotations

import re
import typing as t

import yaml

#: The deepest nesting of lists and tables a parsed file may have.
MAX_DEPTH = 64
#: How many values YAML aliases may add to a document, beyond its own.
MAX_ALIASED = 100_000


def _yaml12(base: t.Any) -> t.Any:
    """A safe loader that reads YAML 1.2 booleans only, so that the ``on:``
    key of a workflow stays the string ``"on"``.
    """
    loader: t.Any = type(f"YAML12{base.__name__}", (base,), {})
    loader.yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for key, resolvers in base.yaml_implicit_resolvers.items()
    }
    loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    return loader


#: The pure-Python loader, and libyaml's where PyYAML was built with it,
#: which parses the same documents many times faster. Both resolve tags in
#: Python, with the same resolvers.
PY_LOADER = _yaml12(yaml.SafeLoader)
LOADER = _yaml12(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


class TooComplex(ValueError):
    """A file is too large, too deep or expands too far to be read."""


_FLOW = re.compile(r"[\[\]{}]")
_BLOCK = re.compile(r"^[ \t]*+(?:[-?:][ \t]++)*+", re.MULTILINE)


def _prescan(text: str) -> None:
    """Refuse YAML nested so deep that a parser could run out of stack,
    before any parser sees it: a bound from brackets and from the columns
    before a line's content, which is over the real depth.
    """
    depth = worst = 0

    for match in _FLOW.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        worst = max(worst, depth)

    if worst > 16 * MAX_DEPTH:
        raise TooComplex(f"nests more than {MAX_DEPTH} levels deep")

    if any(len(m.group()) > 64 * MAX_DEPTH for m in _BLOCK.finditer(text)):
        raise TooComplex(f"nests more than {MAX_DEPTH} levels deep")


def _check_graph(root: yaml.Node) -> None:
    """Refuse a composed YAML document that nests too deep, refers to
    itself, or whose aliases would expand it past :data:`MAX_ALIASED`
    values. Each node is visited once: aliases share their node.
    """
    done: dict[int, tuple[int, int]] = {}
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]

    def children(node: yaml.Node) -> list[yaml.Node]:
        if isinstance(node, yaml.MappingNode):
            return [item for pair in node.value for item in pair]

        if isinstance(node, yaml.SequenceNode):
            return list(node.value)

        return []

    while stack:
        node, finished = stack.pop()
        key = id(node)

        if finished:
            below = [done[id(c)] for c in children(node)]
            size = 1 + sum(s for s, _ in below)
            height = 1 + max((h for _, h in below), default=0)

            if height > MAX_DEPTH:
                raise TooComplex(f"nests more than {MAX_DEPTH} levels deep")

            done[key] = (size, height)
            open_.discard(key)
            continue

        if key in done:
            continue

        if key in open_:
            raise TooComplex("has an alias that refers to itself")

        open_.add(key)
        stack.append((node, True))

        for child in children(node):
            if id(child) in open_:
                raise TooComplex("has an alias that refers to itself")

            if id(child) not in done:
                stack.append((child, False))

    if done[id(root)][0] > len(done) + MAX_ALIASED:
        raise TooComplex(f"has aliases that expand past {MAX_ALIASED} values")


def load_yaml(text: str) -> t.Any:
    """Parse YAML text safely, keeping ``on`` as a string. Documents that
    nest too deep or whose aliases expand too far raise :class:`TooComplex`
    before any Python value is made.
    """
    _prescan(text)
    loader = LOADER(text)

    try:
        node = loader.get_single_node()

        if node is None:
            return None

        _check_graph(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def check_depth(data: t.Any) -> None:
    """Refuse parsed data nested deeper than :data:`MAX_DEPTH`."""
    stack = [(data, 1)]

    while stack:
        value, depth = stack.pop()

        if depth > MAX_DEPTH:
            raise TooComplex(f"nests more than {MAX_DEPTH} levels deep")

        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
