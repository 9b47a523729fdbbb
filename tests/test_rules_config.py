from __future__ import annotations

from pathlib import Path

from eco_lint.check import fix_repository
from eco_lint.repo import Repo
from eco_lint.settings import Settings

from .mutate import append
from .mutate import Case
from .mutate import check_one
from .mutate import edit
from .mutate import write
from .test_rules_deps import drop_table

P = "pyproject.toml"
SETUP_CFG = """\
[tool:pytest]
testpaths = tests
filterwarnings =
    error
    ignore::UserWarning

[coverage:run]
branch = True
source =
    flask_greeting
    tests

[flake8]
max-line-length = 80

[mypy]
files = src/flask_greeting
python_version = 3.10
strict = True

[mypy-flask_greeting.vendor.*]
ignore_errors = True
"""


def setup_cfg(repo: Path, *tables: str) -> None:
    """Tool settings still in setup.cfg (G0), in place of these tables."""
    write(repo, "setup.cfg", SETUP_CFG)

    for table in tables:
        drop_table(repo, table)


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
    "CFG002": [
        Case(
            lambda r: edit(
                r,
                P,
                'source = ["flask_greeting", "tests"]',
                'source = ["jinja2", "tests"]',
            )
        ),
        Case(lambda r: edit(r, P, "branch = true", "branch = false")),
        Case(lambda r: edit(r, P, '    "raise NotImplementedError",\n', "")),
        Case(lambda r: edit(r, P, '"*/site-packages"', '"site-packages"')),
        Case(lambda r: setup_cfg(r, "[tool.coverage.run]")),
        Case(
            lambda r: (
                write(r, "tox.ini", "[coverage:report]\nshow_missing = true\n"),
                drop_table(r, "[tool.coverage.report]"),
            )
        ),
    ],
    "CFG003": [
        Case(lambda r: edit(r, P, "strict = true", "strict = false")),
        Case(lambda r: edit(r, P, 'files = ["src"]', 'files = ["tests"]')),
        Case(lambda r: edit(r, P, "pretty = true\n", "")),
        Case(lambda r: edit(r, P, 'python_version = "3.11"\n', "")),
        Case(lambda r: setup_cfg(r, "[tool.mypy]")),
    ],
    "CFG004": [
        Case(lambda r: edit(r, P, '"standard"', '"strict"')),
        Case(lambda r: edit(r, P, 'include = ["src"]', 'include = ["src", "tests"]')),
        Case(lambda r: edit(r, P, 'pythonVersion = "3.11"\n', "")),
    ],
    "CFG005": [
        Case(lambda r: edit(r, P, 'output-format = "full"', "show-source = true")),
        Case(lambda r: edit(r, P, "fix = true\n", "fix = true\nline-length = 100\n")),
        Case(lambda r: edit(r, P, "fix = true\n", "fix = true\nselect = ['E']\n")),
        Case(
            lambda r: edit(
                r, P, "[tool.ruff.lint]\n", '[tool.ruff.lint]\nignore = ["UP038"]\n'
            )
        ),
        Case(lambda r: edit(r, P, "show-fixes = true\n", "")),
        Case(
            lambda r: append(
                r,
                P,
                '\n[tool.gha-update]\ntag-only = ["slsa-framework/'
                'slsa-github-generator"]\n',
            )
        ),
        Case(lambda r: write(r, "ruff.toml", "line-length = 88\n")),
        Case(lambda r: write(r, ".ruff.toml", "[lint]\nignore = ['E501']\n")),
    ],
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


def test_cfg003_cfg004_flask_type_check_paths(make_repo):
    """flask checks tests/type_check with both checkers, pyright in basic
    mode.
    """
    path: Path = make_repo()
    paths = '["src", "tests/type_check"]'
    edit(path, P, 'files = ["src"]', f"files = {paths}")
    edit(path, P, 'include = ["src"]', f"include = {paths}")
    edit(path, P, '"standard"', '"basic"')
    assert check_one(path, "CFG003").status == "pass"
    assert check_one(path, "CFG004").status == "pass"


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


def test_cfg002_extra_exclude_lines(make_repo):
    path: Path = make_repo()
    edit(
        path,
        P,
        "exclude_also = [\n",
        'exclude_also = [\n    "if __name__ == .__main__.:",\n',
    )
    assert check_one(path, "CFG002").status == "pass"


def test_cfg005_cfg006_click_additions(make_repo):
    """click excludes examples/, selects ICN and sets an alias; an explicit
    88 columns is the default.
    """
    path: Path = make_repo()
    edit(path, P, "[tool.ruff]\n", '[tool.ruff]\nextend-exclude = ["examples/"]\n')
    edit(path, P, "fix = true\n", "fix = true\nline-length = 88\n")
    edit(
        path,
        P,
        '    "W",  # pycodestyle warning\n',
        '    "W",  # pycodestyle warning\n    "ICN",\n',
    )
    append(
        path, P, '\n[tool.ruff.lint.flake8-import-conventions.aliases]\ntyping = "t"\n'
    )
    assert check_one(path, "CFG005").status == "pass"
    assert check_one(path, "CFG006").status == "pass"


def test_cfg006_extend_select(make_repo):
    path: Path = make_repo()
    edit(path, P, '    "UP",  # pyupgrade\n', "")
    edit(path, P, "[tool.ruff.lint]\n", '[tool.ruff.lint]\nextend-select = ["UP"]\n')
    assert check_one(path, "CFG006").status == "pass"


def _fix(path: Path, *codes: str) -> tuple[str, ...]:
    run = fix_repository(str(path), Settings(select=codes), ("safe", "unsafe"))
    return run.written


def test_cfg_fix_moves_setup_cfg_sections(make_repo):
    path: Path = make_repo()
    setup_cfg(path, "[tool.pytest.ini_options]", "[tool.coverage.run]", "[tool.mypy]")
    assert _fix(path, "CFG001", "CFG002", "CFG003")
    repo = Repo(path)
    assert repo.tool("pytest", "ini_options") == {
        "testpaths": ["tests"],
        "filterwarnings": ["error", "ignore::UserWarning"],
    }
    assert repo.tool("coverage", "run") == {
        "branch": True,
        "source": ["flask_greeting", "tests"],
    }
    mypy = repo.tool("mypy")
    assert mypy["files"] == ["src"]
    assert mypy["python_version"] == "3.10"
    assert mypy["overrides"] == [
        {"module": "flask_greeting.vendor.*", "ignore_errors": True}
    ]
    # [flake8] is PCO005's to remove.
    assert repo.text("setup.cfg") == "[flake8]\nmax-line-length = 80\n"


def test_cfg005_fix_moves_ruff_toml(make_repo):
    path: Path = make_repo()
    write(path, "ruff.toml", "line-length = 100\nselect = ['E']\n\n[lint.isort]\n")
    assert _fix(path, "CFG005")
    ruff = Repo(path).tool("ruff")
    assert "line-length" not in ruff
    assert "select" not in ruff
    assert ruff["lint"]["select"] == ["B", "E", "F", "I", "UP", "W"]
    assert not (path / "ruff.toml").exists()
    assert check_one(path, "CFG005").status == "pass"


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
    assert _fix(path, "CFG001")
    repo = Repo(path)
    assert repo.tool("pytest")["testpaths"] == ["tests"]
    assert "ini_options" not in repo.tool("pytest")
    assert check_one(path, "CFG001").status == "pass"
