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
