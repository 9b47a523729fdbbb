from __future__ import annotations

from pathlib import Path

from ...mutate import append
from ...mutate import Case
from ...mutate import check_one
from ...mutate import delete
from ...mutate import write
from .helpers import fix_written

FAILING = {
    "DEP003": [
        # Only `uv lock` makes a lock, and the linter never runs it.
        Case(lambda r: delete(r, "uv.lock"), fixable=False),
        Case(lambda r: append(r, ".gitignore", "*.lock\n")),
        Case(lambda r: write(r, ".git/info/exclude", "/uv.lock\n")),
    ],
}


def test_dep003_negated_ignore(make_repo):
    path: Path = make_repo()
    append(path, ".gitignore", "*.lock\n!uv.lock\nuv.lock/\n")
    assert check_one(path, "DEP003").status == "pass"


def test_dep003_fix_negates_wide_pattern(make_repo):
    path: Path = make_repo()
    append(path, ".gitignore", "*.lock\nuv.lock\n")
    assert fix_written(path, "DEP003") == (".gitignore",)
    lines = (path / ".gitignore").read_text().splitlines()
    assert lines[-2:] == ["*.lock", "!/uv.lock"]
    assert check_one(path, "DEP003").status == "pass"
