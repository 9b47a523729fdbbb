"""CFG001: pytest runs tests/ and turns warnings into errors."""

from __future__ import annotations

from pathlib import Path

from eco_lint.repo import Repo

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from .helpers import fixed
from .helpers import P
from .helpers import setup_cfg

FAILING = {
    "CFG001": [
        # Narrowing testpaths would stop collecting tests, and turning the
        # project's warnings into errors can stop its tests: both refuse.
        Case(
            lambda r: edit(
                r, P, 'testpaths = ["tests"]', 'testpaths = ["src", "tests"]'
            ),
            fixable=False,
        ),
        Case(
            lambda r: edit(
                r,
                P,
                'filterwarnings = [\n    "error",',
                'filterwarnings = [\n    "default",',
            ),
            fixable=False,
        ),
        Case(
            lambda r: edit(r, P, "[tool.pytest.ini_options]", "[tool.pytest-old]"),
            fixable=False,
        ),
        Case(lambda r: setup_cfg(r, "[tool.pytest.ini_options]")),
    ],
}


def test_cfg001_project_markers(make_repo):
    """click adds markers and addopts; werkzeug adds markers."""
    path: Path = make_repo()
    edit(
        path,
        P,
        '    "error",\n]\n',
        '    "error",\n    "ignore::UserWarning",\n]\nmarkers = ["stress: slow"]\n'
        "addopts = \"-m 'not stress'\"\n",
    )
    assert check_one(path, "CFG001").status == "pass"


def test_cfg001_follows_the_answers(make_repo):
    """A project that records where its tests are and that their warnings
    stay warnings is held to its answers, not to a new project's.
    """
    path: Path = make_repo()
    edit(
        path,
        P,
        'testpaths = ["tests"]\nfilterwarnings = [\n    "error",\n]\n',
        'testpaths = ["src/flask_greeting/tests"]\n',
    )
    assert check_one(path, "CFG001").status == "fail"
    answers = ".copier-answers.yml"
    edit(path, answers, "tests_path: tests\n", "tests_path: src/flask_greeting/tests\n")
    edit(path, answers, "warnings_as_errors: true\n", "warnings_as_errors: false\n")
    assert check_one(path, "CFG001").status == "pass"


def test_cfg001_native_pytest_table(make_repo):
    """pallets-sphinx-themes keeps its settings in pytest 9's native
    ``[tool.pytest]`` table; pytest reads it, so CFG001 checks it there, and
    its fix edits it rather than adding ``ini_options`` beside it.
    """
    path: Path = make_repo()
    edit(path, P, "[tool.pytest.ini_options]\n", "[tool.pytest]\n")
    assert check_one(path, "CFG001").status == "pass"
    edit(path, P, 'testpaths = ["tests"]', 'testpaths = ["tests", "docs"]')
    assert check_one(path, "CFG001").status == "fail"
    assert fixed(path, "CFG001")
    repo = Repo(path)
    assert repo.tool("pytest")["testpaths"] == ["tests"]
    assert "ini_options" not in repo.tool("pytest")
    assert check_one(path, "CFG001").status == "pass"
