"""META008: the newest released Python is tested, read against the
release calendar at a date the tests choose.
"""

from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from .helpers import drop_from_env_list
from .helpers import drop_from_matrix
from .helpers import PY
from .helpers import TESTS

FAILING = {
    "META008": [
        Case(drop_from_env_list, fixable=False),
        Case(drop_from_matrix, fixable=False),
    ],
}


def test_meta008_newest_python_missing(make_repo, on):
    """A matrix and env list that end at 3.14 pass until 3.15 is released,
    and fail after, in both places.
    """
    path: Path = make_repo()
    on("2026-11-30")
    assert check_one(path, "META008").status == "pass"
    drop_from_matrix(path)
    drop_from_env_list(path)
    result = check_one(path, "META008")
    assert [f.path for f in result.locations] == [TESTS, PY]
    on("2026-09-30")
    assert check_one(path, "META008").status == "pass"


def test_meta008_reads_the_tests_workflow_by_what_it_does(make_repo, on):
    path: Path = make_repo()
    on("2026-11-30")
    (path / TESTS).rename(path / ".github/workflows/ci.yaml")
    drop_from_matrix(path, ".github/workflows/ci.yaml")
    result = check_one(path, "META008")
    assert result.status == "fail"
    assert result.path == ".github/workflows/ci.yaml"
