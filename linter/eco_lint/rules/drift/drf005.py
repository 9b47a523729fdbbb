"""DRF005: ``pyproject.toml`` keeps the template's tables in the template's
layout.
"""

from __future__ import annotations

import dataclasses
import re
import typing as t

from ...edits import Edit
from ...edits import FixConflict
from ...edits import keep_newlines
from ...edits.toml import blank_line
from ...edits.toml import dumps
from ...edits.toml import parse
from ...fix import Fix
from ...registry import Fail
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from ...template import ANSWERS_FILE
from .._base import Drift
from .._base import requirement_name
from ._template import other_version

PYPROJECT = "pyproject.toml"
#: The template's pytest table, and pytest 9's native one that stands for it.
INI_OPTIONS, NATIVE = "tool.pytest.ini_options", "tool.pytest"


class DRF005(Drift):
    """pyproject keeps the template's tables in the template's layout

    ## What it does
    Checks that `pyproject.toml` has every table of the template's render,
    in its order, each with the template's keys and values. The `[project]`
    tables, and the keys, tables and array items the project adds (after or
    between the template's, such as `files = ["src", "tests/typing"]` for
    mypy), are its own, as is a pin on a template requirement (`"sphinx<9"`
    for `"sphinx"`).

    ## Why
    `copier update` merges the next template version into `pyproject.toml`
    line by line. Where the project's tables are elsewhere or hold other
    values than the render they came from, the template's next change to
    them lands on lines the project changed, and the update stops with a
    conflict.

    ## Example
    `[tool.mypy]` before `[tool.pytest.ini_options]`, or `strict = false`.

    Use instead: the template's tables in its order, with the project's own
    keys after them.

    ## Fix
    Rebuild `pyproject.toml` on the template's render, keeping `[project]`
    and everything the project adds. Unsafe: comments between tables are
    not kept.
    """

    weight = 2
    fixable = True
    requires = frozenset({"DRF002"})

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return repo.is_file(ANSWERS_FILE) and repo.is_file(PYPROJECT)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        if skip := other_version(repo):
            return skip

        render = std.text(PYPROJECT)
        difference = layout_difference(render or "", repo.text(PYPROJECT) or "")

        if difference:
            edit = MergePyproject(render=render)
            title = "Rebuild pyproject.toml on the template's tables"
            return Fail(difference, PYPROJECT, fix=Fix(title, "unsafe", (edit,)))

        return None


# One way to match each line (the name is stripped after), so that a long
# line cannot make it backtrack.
_HEADER = re.compile(r"^\[\[?([^\]]*)\]\]?[ \t]*(#.*)?$")


def _tables(text: str) -> dict[str, list[str]]:
    """The lines of each table of a TOML file, by header, in file order,
    without the blank lines that end them. Lines before the first header
    are under ``""``.
    """
    tables: dict[str, list[str]] = {"": []}
    current = ""

    for line in text.replace("\r\n", "\n").split("\n"):
        match = _HEADER.match(line)

        if match and match.group(1).strip():
            current = match.group(1).strip()
            tables[current] = []
        else:
            tables[current].append(line)

    return {
        name: "\n".join(lines).rstrip("\n").split("\n")
        for name, lines in tables.items()
    }


def layout_difference(render: str, project: str) -> str | None:
    """Where the project's ``pyproject.toml`` leaves the template's text:
    a table it lacks or has elsewhere, or a table whose values do not keep
    the template's (see :func:`_keeps`). The ``[project]`` tables are the
    project's own.
    """
    expected = [
        name
        for name in _tables(render)
        if name and name != "project" and not name.startswith("project.")
    ]
    found = list(_tables(project))
    # pytest 9's native [tool.pytest] table stands for the template's
    # [tool.pytest.ini_options]: pytest reads one of them.
    aliased = NATIVE in found and INI_OPTIONS not in found
    found = [INI_OPTIONS if n == NATIVE and aliased else n for n in found]
    missing = [name for name in expected if name not in found]

    if missing:
        return f"lacks [{missing[0]}]"

    if [name for name in found if name in expected] != expected:
        return "has the template's tables in another order"

    return _value_difference(render, project, expected, aliased)


def _value_difference(
    render: str, project: str, expected: list[str], aliased: bool
) -> str | None:
    """The first of the template's tables whose values the project's do
    not keep, or that the file is not TOML.
    """
    import tomllib

    try:
        ours, theirs = tomllib.loads(render), tomllib.loads(project)
    except tomllib.TOMLDecodeError:
        return "is not valid TOML"

    for name in expected:
        wanted = _table(ours, name)
        value = _table(theirs, NATIVE if name == INI_OPTIONS and aliased else name)

        if not _keeps(wanted, value, name == "dependency-groups"):
            return f"[{name}] differs from the template's"

    return None


def _table(document: dict[str, t.Any], header: str) -> t.Any:
    """The value under a table header such as ``tool.tox.env.docs``."""
    node: t.Any = document

    for part in header.split("."):
        node = node.get(part.strip().strip("\"'")) if isinstance(node, dict) else None

    return node


def _keeps(expected: t.Any, found: t.Any, groups: bool = False) -> bool:
    """Whether a project's value keeps the template's, as the rebuild of
    ``pyproject.toml`` keeps it: every key of a table, each kept; the
    template's items of an array in its order, with the project's own
    between or after them (a requirement the project pins, ``"sphinx<9"``,
    is the template's ``"sphinx"``); any other value the same.
    """
    if isinstance(expected, dict):
        return isinstance(found, dict) and all(
            key in found and _keeps(value, found[key], groups)
            for key, value in expected.items()
        )

    if isinstance(expected, list):
        ident = _ident if groups else repr
        return isinstance(found, list) and _in_order(
            [ident(item) for item in expected], [ident(item) for item in found]
        )

    return bool(expected == found)


def _in_order(expected: list[t.Any], found: list[t.Any]) -> bool:
    """Whether every expected item is in ``found``, in the same order, with
    the project's own items anywhere between them.
    """
    items = iter(found)
    return all(any(item == wanted for item in items) for wanted in expected)


def _ident(item: t.Any) -> str:
    """A dependency group entry's identity: its project name, or the
    group it includes.
    """
    if isinstance(item, str):
        return requirement_name(item)

    return str(dict(item))


@dataclasses.dataclass(frozen=True)
class MergePyproject(Edit):
    """Rebuild ``pyproject.toml`` on the template's render: the template's
    tables, keys and values in its order, with the project's ``[project]``
    values and everything the project adds kept: extra keys and tables at
    the end of their table, extra list entries after the template's.

    :param render: The template's render of the file.
    """

    path: str = PYPROJECT
    render: str | None = dataclasses.field(default=None, repr=False)

    def apply(self, text: str | None, repo: Repo) -> str | None:
        source = self.render

        if source is None or text is None:
            raise FixConflict(f"no {self.path} to rebuild")

        from .._migration import migration_blocker

        # A build that cannot move to flit_core keeps its backend.
        keep_build = migration_blocker(repo) is not None
        return keep_newlines(
            text, lambda current: _rebuilt(source, current, keep_build)
        )


def _rebuilt(source: str, current: str, keep_build: bool) -> str:
    """The template's ``pyproject.toml`` with the project's merged in."""
    doc = parse(source)
    ours = parse(current)
    _merge_tables(doc, ours, ())

    if keep_build and "build-system" in ours:
        doc["build-system"] = ours["build-system"]

    # pytest reads one table: a project on pytest 9's native [tool.pytest]
    # keeps it, without the template's ini_options.
    native = (ours.get("tool") or {}).get("pytest") or {}

    if set(native) - {"ini_options"} and "ini_options" not in native:
        del doc["tool"]["pytest"]["ini_options"]
        doc["tool"]["pytest"].add(blank_line())

    # What the build computes is not written as a value beside it.
    project, theirs = doc.get("project") or {}, ours.get("project") or {}

    for key in theirs.get("dynamic", []):
        if key not in theirs and key in project:
            del project[key]

    return dumps(doc)


def _merge_tables(into: t.Any, ours: t.Any, path: tuple[str, ...]) -> None:
    """Merge the project's tables (``ours``) into the template's: keys it
    lacks are added, tables merged, ``[project]`` values the project's,
    arrays merged by :func:`_merge_array`; other template values stay.
    """
    for key, value in ours.items():
        if key not in into:
            into[key] = value
        elif isinstance(value, dict) and isinstance(into[key], dict):
            _merge_tables(into[key], value, (*path, key))
        elif path[:1] == ("project",):
            into[key] = value
        elif isinstance(value, list) and isinstance(into[key], list):
            _merge_array(into, key, value, path[:1] == ("dependency-groups",))


def _merge_array(into: t.Any, key: str, value: list[t.Any], groups: bool) -> None:
    """The project's array where it keeps the template's items in order,
    else the template's with the project's other items after them. A
    requirement the project pins (``"sphinx<9"``) is the template's entry
    (``"sphinx"``), not another one.
    """
    if list(value) == list(into[key]):
        return

    ident: t.Callable[[t.Any], str] = _ident if groups else str

    if _in_order([ident(item) for item in into[key]], [ident(i) for i in value]):
        into[key] = value
    else:
        known = {ident(item) for item in into[key]}
        into[key].extend(i for i in value if ident(i) not in known)
