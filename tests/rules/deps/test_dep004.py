from __future__ import annotations

from pathlib import Path

from ...mutate import append
from ...mutate import Case
from ...mutate import check_one
from ...mutate import delete
from ...mutate import edit
from .helpers import P

FAILING = {
    "DEP004": [
        Case(
            lambda r: edit(
                r, "uv.lock", 'requires-python = ">=3.11"', 'requires-python = ">=3.12"'
            )
        ),
        Case(lambda r: edit(r, P, '"flask>=3.1",', '"flask>=3.1",\n    "click>=8.1",')),
        Case(lambda r: edit(r, P, '"flask>=3.1",', '"flask>=3.1.1",')),
        Case(lambda r: edit(r, P, "tests = [\n", 'tests = [\n    "pytest-cov",\n')),
        Case(lambda r: append(r, P, '\n[project.optional-dependencies]\nx = ["a"]\n')),
    ],
}


def test_dep004_skipped_without_lock(make_repo):
    path: Path = make_repo()
    delete(path, "uv.lock")
    assert check_one(path, "DEP004").status == "skip"


def test_dep004_spelling_of_requirements(make_repo):
    """uv records normalized names and specifiers; different spellings of
    the same requirement are not stale.
    """
    path: Path = make_repo()
    edit(path, P, '"flask>=3.1",', '"Flask >= 3.1",')
    edit(path, P, '    "tox-uv",\n', '    "tox_uv",\n')
    assert check_one(path, "DEP004").status == "pass"


def test_dep004_no_dependencies(make_repo):
    assert check_one(make_repo("plain-pallets-bsd"), "DEP004").status == "pass"
