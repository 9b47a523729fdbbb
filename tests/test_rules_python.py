"""The Python versions a project supports, read against the release
calendar at a date the tests choose.
"""

from __future__ import annotations

import datetime
import typing as t
from pathlib import Path

import pytest

from eco_lint import pythons

from .mutate import Case
from .mutate import check_one
from .mutate import edit

P = "pyproject.toml"
TESTS = ".github/workflows/tests.yaml"


def _require(version: str) -> t.Callable[[Path], None]:
    def apply(repo: Path) -> None:
        text = (repo / P).read_text()
        old = text.split('requires-python = "', 1)[1].split('"', 1)[0]
        edit(repo, P, f'requires-python = "{old}"', f'requires-python = ">={version}"')

    return apply


def _drop_from_env_list(repo: Path) -> None:
    newest = pythons.show(pythons.newest_released())
    edit(repo, P, f'"py{newest}", ', "")
    edit(repo, P, f'"py{newest}t",', "")


def _drop_from_matrix(repo: Path, name: str = TESTS) -> None:
    newest = pythons.show(pythons.newest_released())
    text = (repo / name).read_text()
    (repo / name).write_text(text.replace(f"'{newest}", "'3.14"))


FAILING = {
    "META007": [Case(_require("3.9"), fixable=False)],
    "META008": [
        Case(_drop_from_env_list, fixable=False),
        Case(_drop_from_matrix, fixable=False),
    ],
}


@pytest.fixture
def on(monkeypatch: pytest.MonkeyPatch) -> t.Callable[[str], None]:
    def set_today(value: str) -> None:
        day = datetime.date.fromisoformat(value)
        monkeypatch.setattr(pythons, "today", lambda: day)

    return set_today


def test_calendar():
    assert pythons.newest_released(datetime.date(2025, 10, 6)) == (3, 13)
    assert pythons.newest_released(datetime.date(2025, 10, 7)) == (3, 14)
    assert pythons.newest_released(datetime.date(2026, 11, 30)) == (3, 15)
    assert pythons.end_of_life((3, 9), datetime.date(2025, 11, 1))
    assert not pythons.end_of_life((3, 10), datetime.date(2026, 10, 31))
    assert pythons.end_of_life((3, 10), datetime.date(2026, 11, 1))
    assert pythons.end_of_life((3, 7), datetime.date(2020, 1, 1))
    assert not pythons.end_of_life((3, 16), datetime.date(2026, 1, 1))


def test_meta007_minimum_past_end_of_life(make_repo, on):
    """Flask, Werkzeug and Click require 3.10, which reached end of life at
    the end of October 2026.
    """
    path: Path = make_repo()
    _require("3.10")(path)
    on("2026-10-15")
    assert check_one(path, "META007").status == "pass"
    on("2026-11-30")
    result = check_one(path, "META007")
    assert result.status == "fail"
    assert result.line is not None
    assert "3.10" in result.message and "2026-10-31" in result.message


def test_meta008_newest_python_missing(make_repo, on):
    """A matrix and env list that end at 3.14 pass until 3.15 is released,
    and fail after, in both places.
    """
    path: Path = make_repo()
    on("2026-11-30")
    assert check_one(path, "META008").status == "pass"
    _drop_from_matrix(path)
    _drop_from_env_list(path)
    result = check_one(path, "META008")
    assert [f.path for f in result.locations] == [TESTS, P]
    on("2026-09-30")
    assert check_one(path, "META008").status == "pass"


def test_meta008_reads_the_tests_workflow_by_what_it_does(make_repo, on):
    path: Path = make_repo()
    on("2026-11-30")
    (path / TESTS).rename(path / ".github/workflows/ci.yaml")
    _drop_from_matrix(path, ".github/workflows/ci.yaml")
    result = check_one(path, "META008")
    assert result.status == "fail"
    assert result.path == ".github/workflows/ci.yaml"
