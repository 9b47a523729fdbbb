"""CFG006: ruff selects the standard rules and sorts imports one per line."""

from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ..deps.helpers import drop_table
from .helpers import P

FAILING = {
    "CFG006": [
        Case(lambda r: edit(r, P, '    "UP",  # pyupgrade\n', "")),
        Case(
            lambda r: edit(
                r, P, "force-single-line = true", "force-single-line = false"
            )
        ),
        Case(lambda r: edit(r, P, "order-by-type = false\n", "")),
        Case(
            lambda r: (
                drop_table(r, "[tool.ruff.lint]"),
                drop_table(r, "[tool.ruff.lint.isort]"),
            )
        ),
    ],
}


def test_cfg006_extend_select(make_repo):
    path: Path = make_repo()
    edit(path, P, '    "UP",  # pyupgrade\n', "")
    edit(path, P, "[tool.ruff.lint]\n", '[tool.ruff.lint]\nextend-select = ["UP"]\n')
    assert check_one(path, "CFG006").status == "pass"
