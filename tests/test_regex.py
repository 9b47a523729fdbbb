"""Every regular expression in eco_lint is written so that it cannot
backtrack catastrophically.

The check counts structure, not time: each pattern is parsed, and an
unbounded repeat that holds another, or two unbounded repeats that can
trade the same characters with nothing mandatory between them, fail unless
the first is possessive or atomic (it then gives nothing back). A run on
long text made of each pattern's own characters, measured in CPU time, is
the backstop.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import pkgutil
import re
import time
import typing as t
from pathlib import Path
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]

import pytest

import eco_lint

#: Methods of a compiled pattern, as the run below calls them.
_METHODS = {"match": "match", "fullmatch": "fullmatch", "search": "search"}
_METHODS |= dict.fromkeys(("sub", "subn", "findall", "finditer", "split"), "search")
#: ``re`` functions whose first argument is a pattern, and the method of a
#: compiled pattern each one behaves as.
_FUNCTIONS = {"compile": "", **_METHODS}
#: Where the flags argument of each function stands.
_FLAG_INDEX = {"compile": 1, "match": 2, "fullmatch": 2, "search": 2, "findall": 2}
_FLAG_INDEX |= {"finditer": 2, "sub": 4, "subn": 4, "split": 3}
#: eco_lint's own helpers that take a pattern, and where it stands.
_HELPERS = {"glob": 0, "line_of": 1, "_line_after": 3}
_UNBOUNDED = sre.MAXREPEAT
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
#: The characters whose classes the check compares: ASCII and a few of
#: each Unicode class.
_UNIVERSE = [chr(i) for i in range(128)] + list("\xa0\u2000\u2028é߀٣中\U0001f600")


@dataclasses.dataclass
class Pattern:
    """A pattern, where it is written, and how the code runs it."""

    text: str
    flags: int
    where: str
    methods: set[str]


def _modules() -> list[tuple[str, Path]]:
    found = [("eco_lint", Path(eco_lint.__file__))]

    for info in pkgutil.walk_packages(eco_lint.__path__, "eco_lint."):
        if info.name.endswith("__main__"):
            continue

        module = importlib.import_module(info.name)

        if module.__file__ is not None:
            found.append((info.name, Path(module.__file__)))

    return found


def _flags(node: ast.expr | None) -> int | None:
    """The value of a flags argument written as ``re.X | re.Y``."""
    if node is None:
        return 0
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "re"
    ):
        return int(getattr(re, node.attr))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = _flags(node.left), _flags(node.right)
        return None if left is None or right is None else left | right
    return None


def _literal(node: ast.expr) -> str | None:
    """A pattern written in the code: a string, or an f-string whose only
    holes are ``re.escape(...)``, which stand for a word here.
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if not isinstance(node, ast.JoinedStr):
        return None

    parts = []

    for value in node.values:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            parts.append(value.value)
        elif (
            isinstance(value, ast.FormattedValue)
            and isinstance(value.value, ast.Call)
            and isinstance(value.value.func, ast.Attribute)
            and value.value.func.attr == "escape"
        ):
            parts.append("word")
        else:
            return None

    return "".join(parts)


def _uses(tree: ast.Module) -> dict[str, set[str]]:
    """The pattern methods each name is called with in a module."""
    found: dict[str, set[str]] = {}

    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _METHODS
            and isinstance(node.func.value, ast.Name)
        ):
            name = node.func.value.id
            found.setdefault(name, set()).add(_METHODS[node.func.attr])

    return found


def _written(name: str, tree: ast.Module) -> tuple[list[Pattern], list[str]]:
    """Patterns written as literals in calls of ``re`` and of the helpers
    that take one; and where a pattern is built at run time instead.
    """
    uses = _uses(tree)
    targets: dict[int, str] = {}
    parents: dict[int, ast.AST] = {}

    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if isinstance(target, ast.Name):
                targets[id(node.value)] = target.id

    found: list[Pattern] = []
    dynamic: list[str] = []

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue

        func = node.func
        where = f"{name}:{node.lineno}"

        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "re"
            and func.attr in _FUNCTIONS
        ):
            text = _literal(node.args[0])
            index = _FLAG_INDEX[func.attr]
            keyword = next((k.value for k in node.keywords if k.arg == "flags"), None)
            flag_node = node.args[index] if len(node.args) > index else keyword
            flags = _flags(flag_node)

            if text is None or flags is None:
                dynamic.append(where)
                continue

            methods = {_FUNCTIONS[func.attr]} - {""}

            if func.attr == "compile":
                parent = parents.get(id(node))
                if isinstance(parent, ast.Attribute) and parent.attr in _METHODS:
                    methods = {_METHODS[parent.attr]}
                else:
                    methods = uses.get(targets.get(id(node), ""), set())

            found.append(Pattern(text, flags, where, methods or {"search"}))
        elif (
            isinstance(func, ast.Attribute | ast.Name)
            and (attr := func.attr if isinstance(func, ast.Attribute) else func.id)
            in _HELPERS
            and len(node.args) > _HELPERS[attr]
        ):
            text = _literal(node.args[_HELPERS[attr]])

            if text is None:
                dynamic.append(where)
                continue

            try:
                re.compile(text)
            except re.error:
                continue  # a path's shell glob, no pattern

            method = "fullmatch" if attr == "glob" else "search"
            found.append(Pattern(text, 0, where, {method}))

    return found, dynamic


def _held(value: object) -> t.Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _held(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _held(item)


def _compiled(name: str, tree: ast.Module) -> list[Pattern]:
    """Patterns the module holds once imported, at module and class level:
    also those built from other values at import time.
    """
    module = importlib.import_module(name)
    uses = _uses(tree)
    found: list[Pattern] = []
    spaces: list[tuple[str, dict[str, t.Any]]] = [(name, vars(module))]
    spaces += [
        (f"{name}.{k}", vars(v))
        for k, v in vars(module).items()
        if isinstance(v, type) and v.__module__ == name
    ]

    for prefix, space in spaces:
        for key, value in space.items():
            for pattern in _held(value):
                if isinstance(pattern.pattern, str):
                    methods = uses.get(key, set()) or {"search"}
                    flags = pattern.flags & ~re.UNICODE
                    found.append(
                        Pattern(pattern.pattern, flags, f"{prefix}.{key}", methods)
                    )

    return found


def _collect() -> tuple[list[Pattern], list[str]]:
    patterns: dict[tuple[str, int], Pattern] = {}
    dynamic: list[str] = []

    for name, path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        written, built = _written(name, tree)
        dynamic += built

        for pattern in written + _compiled(name, tree):
            key = (pattern.text, re.compile(pattern.text, pattern.flags).flags)

            if key in patterns:
                patterns[key].methods |= pattern.methods
            else:
                patterns[key] = pattern

    return list(patterns.values()), dynamic


PATTERNS, DYNAMIC = _collect()


# Structure -----------------------------------------------------------

Node = tuple[t.Any, t.Any]


def _body(node: Node) -> list[list[Node]]:
    """The sequences directly inside a node."""
    op, av = node

    if op in _REPEATS:
        return [list(av[2])]
    if op is sre.SUBPATTERN:
        return [list(av[3])]
    if op is sre.ATOMIC_GROUP:
        return [list(av)]
    if op is sre.BRANCH:
        return [list(b) for b in av[1]]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [list(av[1])]
    if op is sre.GROUPREF_EXISTS:
        return [list(b) for b in av[1:] if b is not None]
    return []


def _unbounded(node: Node) -> bool:
    return node[0] in _REPEATS and node[1][1] == _UNBOUNDED


def _nullable(node: Node) -> bool:
    op, av = node

    if op in _REPEATS:
        return av[0] == 0 or all(_nullable(n) for n in av[2])
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT, sre.GROUPREF):
        return True
    if op is sre.BRANCH or op is sre.GROUPREF_EXISTS:
        return any(all(_nullable(n) for n in seq) for seq in _body(node))
    if op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
        return all(_nullable(n) for n in _body(node)[0])
    return False


def _ends(node: Node, last: bool) -> list[Node]:
    """The unbounded repeats that can match the first (or, with ``last``,
    the last) characters of a node. A possessive repeat or an atomic group
    gives nothing back, so it has no last one.
    """
    op, av = node

    if _unbounded(node):
        return [] if last and op is sre.POSSESSIVE_REPEAT else [node]
    if op in (sre.ASSERT, sre.ASSERT_NOT) or (last and op is sre.ATOMIC_GROUP):
        return []

    found: list[Node] = []

    for seq in _body(node):
        for item in reversed(seq) if last else seq:
            found += _ends(item, last)

            if not _nullable(item):
                break

    return found


_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


def _accepts(node: Node, char: str, flags: int, groups: dict[int, Node]) -> bool:
    op, av = node
    ascii_ = re.ASCII if flags & re.ASCII else 0
    chars = {char, char.lower(), char.upper()} if flags & re.IGNORECASE else {char}

    if op is sre.LITERAL:
        return chr(av) in chars
    if op is sre.NOT_LITERAL:
        return chr(av) not in chars
    if op is sre.ANY:
        return bool(flags & re.DOTALL) or char != "\n"
    if op is sre.GROUPREF:
        return char in _single(groups[av], flags, groups)

    negate = bool(av) and av[0][0] is sre.NEGATE
    found = False

    for kind, value in av[1:] if negate else av:
        if kind is sre.LITERAL:
            found |= chr(value) in chars
        elif kind is sre.RANGE:
            found |= any(value[0] <= ord(c) <= value[1] for c in chars)
        elif kind is sre.CATEGORY:
            found |= re.fullmatch(_CATEGORIES[value], char, ascii_) is not None

    return found != negate


def _single(node: Node, flags: int, groups: dict[int, Node]) -> set[str]:
    """The characters, among ``_UNIVERSE``, that a node matches alone: one
    iteration of a repeat of one character class, or of a group whose only
    mandatory part is one. Two repeats that both take one such character
    can trade any run of it between them.
    """
    op, av = node

    if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
        return {c for c in _UNIVERSE if _accepts(node, c, flags, groups)}
    if op is sre.GROUPREF:
        return _single(groups[av], flags, groups)
    if op in (sre.ASSERT, sre.ASSERT_NOT) or (op in _REPEATS and av[1] == 0):
        return set()

    found: set[str] = set()

    for seq in _body(node):
        mandatory = [n for n in seq if not _nullable(n)]

        if len(mandatory) == 1:
            found |= _single(mandatory[0], flags, groups)
        elif not mandatory:
            for item in seq:
                found |= _single(item, flags, groups)

    return found


def _walk(seq: list[Node]) -> t.Iterator[list[Node]]:
    """Every sequence in a parsed pattern, itself first."""
    yield seq

    for node in seq:
        for inner in _body(node):
            yield from _walk(inner)


def _groups(seq: list[Node]) -> dict[int, Node]:
    found: dict[int, Node] = {}

    for inner in _walk(seq):
        for node in inner:
            if node[0] is sre.SUBPATTERN and node[1][0] is not None:
                found[node[1][0]] = node

    return found


def _giving(seq: list[Node], held: bool = False) -> t.Iterator[Node]:
    """The unbounded repeats that can give back what they took: neither
    possessive nor inside an atomic group or a possessive repeat.
    """
    for node in seq:
        if _unbounded(node) and not held and node[0] is not sre.POSSESSIVE_REPEAT:
            yield node

        inner = held or node[0] in (sre.ATOMIC_GROUP, sre.POSSESSIVE_REPEAT)

        for body in _body(node):
            yield from _giving(body, inner)


def problems(text: str, flags: int = 0) -> list[str]:
    """Where a pattern can backtrack without bound: (a) each unbounded
    repeat that holds another unbounded repeat that can give back, and (b)
    each pair of unbounded repeats that can both take one character of the
    same class with nothing mandatory between them. A possessive repeat or
    an atomic group gives nothing back, so it clears both.
    """
    parsed = parser.parse(text, flags)
    flags |= parsed.state.flags
    root = list(parsed)
    groups = _groups(root)
    found: list[str] = []

    for node in _giving(root):
        if any(any(_giving(body)) for body in _body(node)):
            found.append("an unbounded repeat holds another that gives back")

    for seq in _walk(root):
        for index, node in enumerate(seq):
            for before in _ends(node, last=True):
                chars = _single(before, flags, groups)
                # Mandatory characters that both repeats can take part
                # nothing: in \s*\n\s* either can take the line break.
                between: set[str] = set()

                for after_node in seq[index + 1 :]:
                    for after in _ends(after_node, last=False):
                        other = _single(after, flags, groups)
                        shared = chars & other

                        if shared and between <= other:
                            sample = "".join(sorted(shared)[:6])
                            found.append(f"two repeats in a row both take {sample!r}")

                    if _nullable(after_node):
                        continue
                    if after_node[0] not in (sre.LITERAL, sre.IN):
                        break

                    between |= _single(after_node, flags, groups)

                    if not between <= chars:
                        break

    return found


def test_patterns_are_found():
    """The collection reaches the patterns it must: written, compiled at
    import time, held in tables, and passed to the file helpers.
    """
    from eco_lint.rules import _roles
    from eco_lint.rules import _workflows

    texts = {p.text for p in PATTERNS}
    assert len(PATTERNS) > 100
    assert _workflows.USES.pattern in texts
    assert _roles._COMMANDS["tests"].pattern in texts
    assert r"['\"]?word['\"]?\s*:(?:\s.*)?" in texts


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (r"(a+)+b", 1),
        (r"(?:\.[\w-]+)*", 1),
        (r"(?:\.[\w-]+)*+", 0),
        (r"(?:\.[\w-]++)*", 0),
        (r"(?>(?:\.[\w-]+)*)", 0),
        (r"\s*\s*x", 1),
        (r"\s*(?:-\s+)?x", 0),
        (r"\s*-?\s*x", 1),
        (r"\s*+-?\s*x", 0),
        (r"[a-z]+\d+", 0),
        (r"\w+\d+", 1),
        (r"(?P<q>['\"]?)[^'\"\s]+(?P=q)", 0),
        (r"(?P<q>['\"]?)[^'\"\s]+(?P=q).*$", 1),
        (r"a.*b.*c", 1),
        (r"a[^b]*b.*c", 0),
        (r"\s*\n\s*x", 1),
        (r"[^\S\n]*+\n\s*x", 0),
        (r"-[A-Za-z]*W[A-Za-z]*", 1),
        (r"(.*)<[^<>]+>", 0),
        (r"x.*(?=y).*", 1),
        (r"(?:a|b*)c*", 0),
        (r"(?:a|b*)b*", 1),
    ],
)
def test_structure_is_counted(text: str, count: int):
    """The count itself: nested and adjacent overlapping repeats are found,
    and a possessive or atomic first repeat, a mandatory character between
    or disjoint classes clear them.
    """
    assert len(problems(text)) == count, problems(text)


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.where)
def test_pattern_cannot_backtrack_without_bound(pattern: Pattern):
    assert problems(pattern.text, pattern.flags) == [], pattern.text


def _adversarial(text: str, flags: int, size: int) -> list[str]:
    """Long texts of a pattern's own characters: each alone, each between
    spaces, and its literal text repeated, whole and cut short.
    """
    parsed = list(parser.parse(text, flags))
    literal = "".join(
        chr(node[1]) for seq in _walk(parsed) for node in seq if node[0] is sre.LITERAL
    )
    chars = set(literal) | {" ", "a", "1", "\n", "\t"}
    texts = []

    for char in sorted(chars):
        texts += [char * size, (char + " ") * (size // 2)]
        texts.append(literal + char * size)

    for unit in (literal, literal[:-1], literal + " "):
        if unit:
            texts.append(unit * (size // len(unit) + 1))

    return texts


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.where)
def test_pattern_runs_in_bounded_time_on_adversarial_text(pattern: Pattern):
    """The backstop: 20,000 characters of the pattern's own, run the way
    the code runs it, in a small budget of CPU time. A growing size stops
    early on a pattern that would take minutes.
    """
    compiled = re.compile(pattern.text, pattern.flags)

    for size in (500, 20_000):
        for text in _adversarial(pattern.text, pattern.flags, size):
            for method in sorted(pattern.methods):
                start = time.process_time()
                getattr(compiled, method)(text)
                spent = time.process_time() - start
                assert spent < 0.5, (method, size, text[:40])
