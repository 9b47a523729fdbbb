"""TOX003: env_list names Python envs with dots."""

from __future__ import annotations

from pathlib import Path

from eco_lint.repo import Repo

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from .helpers import fixed
from .helpers import P

FAILING = {
    "TOX003": [
        Case(lambda r: edit(r, P, '"py3.15", "py3.14"', '"py315", "py3.14"')),
        Case(lambda r: edit(r, P, '"pypy3.11"', '"pypy311"')),
        Case(lambda r: edit(r, P, '"py3.12", ', "")),
        Case(
            lambda r: edit(r, P, '    "docs",\n]', '    "docs",\n    "tests-min",\n]')
        ),
        Case(lambda r: edit(r, P, '"py3.11", ', '"py3{11,12}", ')),
    ],
}


def test_tox003_flask_and_click_lists(make_repo):
    """flask lists py3.14t after py3.14 and tests-dev; click adds stress
    envs.
    """
    path: Path = make_repo()
    edit(
        path,
        P,
        '"py3.15", "py3.14", "py3.13", "py3.12", "py3.11", "py3.15t",',
        '"py3.15", "py3.15t", "py3.14", "py3.13", "py3.12", "py3.11",',
    )
    edit(
        path,
        P,
        '    "tests-min",\n',
        '    "tests-min", "tests-dev",\n    "stress-py3.15",\n',
    )
    assert check_one(path, "TOX003").status == "pass"


def test_tox003_fix_keeps_project_envs(make_repo):
    path: Path = make_repo()
    edit(path, P, '"py3.12", ', '"py312", "stress-py3{13,14}", ')
    assert fixed(path, "TOX003")
    env_list = Repo(path).tool("tox")["env_list"]
    assert env_list[-5:] == [
        "stress-py3.13",
        "stress-py3.14",
        "style",
        "typing",
        "docs",
    ]
    assert "py3.12" in env_list
