"""GHA011: its failing cases and tests."""

from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from .helpers import TESTS

FAILING = {
    "GHA011": [
        Case(lambda r: edit(r, TESTS, "          - {python: '3.12'}\n", "")),
        # The project's own rows are kept: the fix refuses to remove them.
        Case(
            lambda r: edit(
                r,
                TESTS,
                "          - {python: '3.11'}\n",
                "          - {python: '3.11'}\n          - {python: '3.10'}\n",
            ),
            fixable=False,
        ),
        # unquoted, 3.10 is the float 3.1: a row the fix refuses to drop
        Case(
            lambda r: edit(
                r,
                TESTS,
                "          - {python: '3.11'}\n",
                "          - {python: '3.11'}\n          - {python: 3.10}\n",
            ),
            fixable=False,
        ),
        Case(lambda r: edit(r, "pyproject.toml", ' "py3.15t",', "")),
    ],
}


def test_gha011_python_list_matrix(make_repo):
    """A ``python:`` list counts as rows, as well as ``include``."""
    path: Path = make_repo()
    edit(
        path,
        TESTS,
        "          - {python: '3.13'}\n          - {python: '3.12'}\n",
        "",
    )
    edit(
        path,
        TESTS,
        "      matrix:\n",
        "      matrix:\n        python: ['3.13', '3.12']\n",
    )
    assert check_one(path, "GHA011").status == "pass"


def test_gha011_tests_dev_row(make_repo):
    """Flask's tests-dev env runs on the lowest Python."""
    path: Path = make_repo()
    edit(path, "pyproject.toml", '"tests-min",', '"tests-min", "tests-dev",')
    assert check_one(path, "GHA011").status == "fail"
    edit(
        path,
        TESTS,
        "tox: tests-min}\n",
        "tox: tests-min}\n"
        "          - {name: Development Versions, python: '3.10', tox: tests-dev}\n",
    )
    assert check_one(path, "GHA011").status == "pass"
