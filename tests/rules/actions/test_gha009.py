"""GHA009: its failing cases and tests."""

from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from .helpers import TESTS
from .helpers import TESTS_ON

FAILING = {
    "GHA009": [
        # Setting the standard triggers would stop CI on pushes to other
        # branches: the fix refuses.
        Case(
            lambda r: edit(r, TESTS, TESTS_ON, "on: [push, pull_request]\n"),
            fixable=False,
        ),
        Case(
            lambda r: edit(
                r, TESTS, "branches: [main, stable]", "branches: [main, '*.x']"
            ),
            fixable=False,
        ),
        Case(
            lambda r: edit(r, TESTS, TESTS_ON, "on:\n  push:\n    branches: [main]\n")
        ),
        Case(
            lambda r: edit(
                r, TESTS, "['docs/**', 'README.md']", "['docs/**', '*.md', '*.rst']", 2
            )
        ),
    ],
}


def test_gha009_extra_event_passes(make_repo):
    path: Path = make_repo()
    edit(path, TESTS, "on:\n", "on:\n  workflow_dispatch:\n")
    assert check_one(path, "GHA009").status == "pass"
