"""Where a table or a key is in a TOML file such as ``pyproject.toml``, for
the families that point their findings at it.

``tomllib`` gives values but no lines, so the file's lines are read here:
a header or a key counts only on a line that starts outside any array,
inline table or multi-line string, so that a nested array such as tox's
``commands = [["pytest"]]`` written over several lines is not taken for a
table header.
"""

from __future__ import annotations

import re
import typing as t

if t.TYPE_CHECKING:
    from ..repo import Repo
    from ..standard import Standard

PYPROJECT = "pyproject.toml"

# One way to match each line (the name is split after), so that a long
# line cannot make it backtrack.
_HEADER = re.compile(r"^[ \t]*\[\[?([^\]#]*)\]\]?[ \t]*(?:#.*)?$")

#: A key of a dotted name: quoted (the quotes are not part of it) or bare.
_KEY = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'([^']*)'|([^.\s\"']+)")


def standard_table(std: Standard, *keys: str) -> dict[str, t.Any]:
    """A table of the template's ``pyproject.toml``, such as
    ``standard_table(std, "tool", "tox")``; ``{}`` when it has none.
    """
    value: t.Any = std.toml(PYPROJECT)

    for key in keys:
        value = value.get(key, {}) if isinstance(value, dict) else {}

    return value if isinstance(value, dict) else {}


def table_line(
    repo: Repo, path: str, table: str | tuple[str, ...], key: str | None = None
) -> int | None:
    """The line of ``key =`` inside the TOML table ``[table]`` of a file, or
    the table's header line when the key is not written there (or no key
    is asked for); ``None`` when the table has no header of its own. The
    table is named by its keys, or by its dotted name (``project.urls``)
    when none of them holds a dot. Its header may carry a comment and
    quote its keys, and the key may be quoted; dotted keys and inline
    tables are not followed.
    """
    header, found = _lines(repo.text(path) or "", table, key)
    return found if found is not None else header


def key_line(
    repo: Repo, path: str, table: str | tuple[str, ...], key: str
) -> int | None:
    """The line of ``key =`` inside ``[table]``, as :func:`table_line`
    finds it, or ``None`` when the key is not written there.
    """
    return _lines(repo.text(path) or "", table, key)[1]


def _lines(
    text: str, table: str | tuple[str, ...], key: str | None
) -> tuple[int | None, int | None]:
    """The line of a table's header and of a key in it."""
    keys = tuple(table.split(".")) if isinstance(table, str) else table
    pattern = re.compile(rf"""^\s*["']?{re.escape(key or "")}["']?\s*=""")
    header_line = None

    for number, line in top_lines(text):
        name = header_keys(line)

        if name is not None:
            if header_line is not None:
                break

            if name == keys:
                header_line = number

            continue

        if header_line is not None and key is not None and pattern.match(line):
            return header_line, number

    return header_line, None


def header_keys(line: str) -> tuple[str, ...] | None:
    """The keys a table header (``[a."b.c"]``, ``[[a.b]]``) names, or
    ``None`` if the line is not a header.
    """
    match = _HEADER.match(line)

    if match is None:
        return None

    return tuple(q or s or b for q, s, b in _KEY.findall(match.group(1)))


def top_lines(text: str) -> t.Iterator[tuple[int, str]]:
    """Each line (numbered from 1) that starts outside any array, inline
    table or multi-line string.
    """
    depth, quote = 0, ""

    for number, line in enumerate(text.splitlines(), 1):
        if not depth and not quote:
            yield number, line

        depth, quote = _scan(line, depth, quote)


def _scan(line: str, depth: int, quote: str) -> tuple[int, str]:
    """The bracket depth and the open multi-line string's quotes after a
    line, given those before it.
    """
    index = 0

    while index < len(line):
        if quote:
            end = line.find(quote, index)

            if end < 0:
                return depth, quote

            index, quote = end + 3, ""
            continue

        char = line[index]

        if char == "#":
            break

        if line.startswith(('"""', "'''"), index):
            quote = line[index : index + 3]
            index += 3
        elif char in "\"'":
            index = _string_end(line, index)
        else:
            depth += {"[": 1, "{": 1, "]": -1, "}": -1}.get(char, 0)
            depth = max(depth, 0)
            index += 1

    return depth, quote


def _string_end(line: str, start: int) -> int:
    """The index after a one-line string that starts at ``start``."""
    index = start + 1

    while index < len(line) and line[index] != line[start]:
        index += 2 if line[start] == '"' and line[index] == "\\" else 1

    return index + 1
