"""META006: one minimum Python everywhere."""

from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from .helpers import PY
from .helpers import TESTS

FAILING = {
    "META006": [
        Case(
            lambda r: edit(r, PY, 'python_version = "3.11"', 'python_version = "3.10"')
        ),
        Case(lambda r: edit(r, PY, 'pythonVersion = "3.11"', 'pythonVersion = "3.12"')),
        # META006 fixes the type checkers' keys only: the tox env_list, the
        # tests matrix and uv.lock are fixed by the TOX, GHA and DEP rules.
        Case(lambda r: edit(r, PY, '"py3.11", ', ""), fixable=False),
        Case(
            lambda r: edit(r, TESTS, "          - {python: '3.11'}\n", ""),
            fixable=False,
        ),
        Case(
            lambda r: edit(
                r, "uv.lock", 'requires-python = ">=3.11"', 'requires-python = ">=3.10"'
            ),
            fixable=False,
        ),
        Case(
            lambda r: edit(
                r, PY, 'requires-python = ">=3.11"', 'requires-python = ">=3.12"'
            ),
            fixable=False,
        ),
    ],
}


def test_meta006_flask_matrix(make_repo):
    """Flask runs the development versions on the oldest Python, and PyPy."""
    path: Path = make_repo()
    edit(
        path,
        TESTS,
        "          - {name: Minimum Versions",
        "          - {name: Development Versions, python: '3.11', tox: tests-dev}\n"
        "          - {name: Minimum Versions",
    )
    assert check_one(path, "META006").status == "pass"


def test_meta006_points_at_mypy(make_repo):
    path: Path = make_repo()
    edit(path, PY, 'python_version = "3.11"', 'python_version = "3.10"')
    result = check_one(path, "META006")
    assert (
        result.message == "mypy python_version is 3.10, requires-python minimum is 3.11"
    )
    assert (
        (path / PY)
        .read_text()
        .splitlines()[result.line - 1]
        .startswith("python_version")
    )
