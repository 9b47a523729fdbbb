"""What the META rules share: the release calendar, and the edit of the
``pyproject.toml`` tables they write with.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from eco_lint import pythons
from eco_lint.edits.tables import TableUpdate
from eco_lint.repo import Repo

from .helpers import PY


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_table_update_keeps_the_rest(tmp_path: Path, newline: str):
    old = (
        "# mine\n[project]\nname = 'x'  # kept\ndynamic = [\"version\"]\n\n"
        "[tool.mypy]\nstrict = true\n"
    ).replace("\n", newline)
    (tmp_path / PY).write_bytes(old.encode())
    repo = Repo(tmp_path)
    edit = TableUpdate(
        PY,
        ("project",),
        values=(("version", "1.0"), ("name", "y")),
        undynamic=("version",),
        missing_only=True,
        after=(("version", "name"),),
    )
    new = edit.apply(old, repo)
    assert new == (
        "# mine\n[project]\nname = 'x'  # kept\nversion = \"1.0\"\n\n"
        "[tool.mypy]\nstrict = true\n"
    ).replace("\n", newline)
    assert edit.apply(new, repo) == new


def test_calendar():
    assert pythons.newest_released(datetime.date(2025, 10, 6)) == (3, 13)
    assert pythons.newest_released(datetime.date(2025, 10, 7)) == (3, 14)
    assert pythons.newest_released(datetime.date(2026, 11, 30)) == (3, 15)
    assert pythons.end_of_life((3, 9), datetime.date(2025, 11, 1))
    assert not pythons.end_of_life((3, 10), datetime.date(2026, 10, 31))
    assert pythons.end_of_life((3, 10), datetime.date(2026, 11, 1))
    assert pythons.end_of_life((3, 7), datetime.date(2020, 1, 1))
    assert not pythons.end_of_life((3, 16), datetime.date(2026, 1, 1))
