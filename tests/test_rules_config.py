from __future__ import annotations

from pathlib import Path

from .mutate import append
from .mutate import Case
from .mutate import check_one
from .mutate import edit
from .mutate import write

P = "pyproject.toml"

FAILING = {
    "CFG001": [
        Case(
            lambda r: edit(
                r, P, 'testpaths = ["tests"]', 'testpaths = ["src", "tests"]'
            )
        ),
        Case(
            lambda r: edit(
                r,
                P,
                'filterwarnings = [\n    "error",',
                'filterwarnings = [\n    "default",',
            )
        ),
        Case(lambda r: edit(r, P, "[tool.pytest.ini_options]", "[tool.pytest-old]")),
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
    ],
    "CFG003": [
        Case(lambda r: edit(r, P, "strict = true", "strict = false")),
        Case(lambda r: edit(r, P, 'files = ["src"]', 'files = ["tests"]')),
        Case(lambda r: edit(r, P, "pretty = true\n", "")),
        Case(lambda r: edit(r, P, 'python_version = "3.10"\n', "")),
    ],
    "CFG004": [
        Case(lambda r: edit(r, P, '"standard"', '"strict"')),
        Case(lambda r: edit(r, P, 'include = ["src"]', 'include = ["src", "tests"]')),
        Case(lambda r: edit(r, P, 'pythonVersion = "3.10"\n', "")),
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
                '\n[tool.gha-update]\ntag-only = ["slsa-framework/"'
                '"slsa-github-generator"]\n',
            )
        ),
        Case(lambda r: write(r, "ruff.toml", "line-length = 88\n")),
    ],
    "CFG006": [
        Case(lambda r: edit(r, P, '    "UP",  # pyupgrade\n', "")),
        Case(
            lambda r: edit(
                r, P, "force-single-line = true", "force-single-line = false"
            )
        ),
        Case(lambda r: edit(r, P, "order-by-type = false\n", "")),
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
