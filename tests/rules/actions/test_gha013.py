"""GHA013: its failing cases and tests."""

from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import delete
from ...mutate import edit
from .helpers import LOCK

FAILING = {
    "GHA013": [
        # The project's own schedule is kept: the fix refuses.
        Case(
            lambda r: edit(r, LOCK, "cron: '0 0 * * *'", "cron: '0 0 28 * *'"),
            fixable=False,
        ),
        Case(lambda r: edit(r, LOCK, "pr-inactive-days: 14", "pr-inactive-days: 30")),
        Case(
            lambda r: edit(
                r,
                LOCK,
                "      discussions: write  # lock inactive closed discussions\n",
                "",
            )
        ),
    ],
}


def test_gha013_not_a_repeat_of_gha001(make_repo):
    path: Path = make_repo()
    delete(path, LOCK)
    assert check_one(path, "GHA013").status == "skip"
