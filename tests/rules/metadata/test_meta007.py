"""META007: the minimum Python is not past end of life, read against the
release calendar at a date the tests choose.
"""

from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from .helpers import require

FAILING = {
    "META007": [Case(require("3.9"), fixable=False)],
}


def test_meta007_minimum_past_end_of_life(make_repo, on):
    """Flask, Werkzeug and Click require 3.10, which reached end of life at
    the end of October 2026.
    """
    path: Path = make_repo()
    require("3.10")(path)
    on("2026-10-15")
    assert check_one(path, "META007").status == "pass"
    on("2026-11-30")
    result = check_one(path, "META007")
    assert result.status == "fail"
    assert result.line is not None
    assert "3.10" in result.message and "2026-10-31" in result.message
