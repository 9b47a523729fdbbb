"""Where a key is in the tables of ``pyproject.toml``, for the families that
point their findings at it.
"""

from __future__ import annotations

import re
import typing as t

from ._base import line_of_key

if t.TYPE_CHECKING:
    from ..repo import Repo

PYPROJECT = "pyproject.toml"


def line_in_table(repo: Repo, path: str, header: str, key: str) -> int | None:
    """The line of ``key =`` inside a TOML table, or of the table's header
    if the key is not there.
    """
    start = line_of_key(repo, path, header)

    if start is None:
        return None

    lines = (repo.text(path) or "").splitlines()
    pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")

    for number in range(start + 1, len(lines) + 1):
        line = lines[number - 1]

        if line.lstrip().startswith("["):
            break

        if pattern.match(line):
            return number

    return start


# One way to match each line (the name is stripped after), so that a long
# line cannot make it backtrack.
_HEADER = re.compile(r"^[ \t]*\[\[?([^\]#]*)\]\]?[ \t]*(?:#.*)?$")


def table_line(repo: Repo, path: str, table: str, key: str | None = None) -> int | None:
    """The line of ``key =`` inside the TOML table ``[table]`` of a file, or
    the table's header line when the key is not written there. The table
    is named by its dotted name (``project.urls``), its header may carry a
    comment, and the key may be quoted; dotted keys and inline tables are
    not followed.
    """
    text = repo.text(path)

    if text is None:
        return None

    pattern = re.compile(rf"""^\s*["']?{re.escape(key or "")}["']?\s*=""")
    header_line = None

    for number, line in enumerate(text.splitlines(), 1):
        match = _HEADER.match(line)

        if match:
            if header_line is not None:
                break

            name = re.sub(r"""[\s"']""", "", match.group(1))

            if name == table:
                header_line = number

            continue

        if header_line is not None and key is not None and pattern.match(line):
            return number

    return header_line
