"""Answers inferred from what a repository declares, never invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from eco_lint.adopt import gather_answers
from eco_lint.answers import copyright_lines
from eco_lint.answers import how_tests_run
from eco_lint.answers import infer_answers
from eco_lint.repo import Repo
from eco_lint.standard import validate_answers


def _repo(path: Path, files: dict[str, str]) -> Repo:
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text)

    return Repo(path)


@pytest.mark.parametrize(
    ("line", "year", "holder"),
    [
        ("Copyright (c) 2011 Matthew Frazier", "2011", "Matthew Frazier"),
        ("Copyright (C) 2010-2012 Jane Doe", "2010", "Jane Doe"),
        ("Copyright © 2014 by Jane Doe.", "2014", "Jane Doe"),
        ("Copyright 2010, 2013 Pallets", "2010", "Pallets"),
        ("Copyright Pallets", None, "Pallets"),
    ],
)
def test_copyright_forms(tmp_path: Path, line: str, year: str | None, holder: str):
    repo = _repo(tmp_path, {"LICENSE": f"MIT License\n\n{line}\n\nPermission...\n"})
    assert copyright_lines(repo) == [(year, holder)]


def test_every_holder_is_kept(tmp_path: Path):
    repo = _repo(
        tmp_path,
        {
            "LICENSE": "Copyright (c) 2010 by Thadeus Burgess.\n"
            "Copyright (c) 2016 by Peter Justin.\n"
            "Copyright 2024 Pallets\n"
        },
    )
    answers = infer_answers(repo)
    assert answers["copyright_year"] == "2010"
    assert answers["copyright_holder"] == "Thadeus Burgess, Peter Justin, Pallets"


def test_facts_as_declared(tmp_path: Path):
    repo = _repo(
        tmp_path,
        {
            "pyproject.toml": """\
[project]
name = "Flask-Thing"
dynamic = ["version"]
requires-python = ">=3.11"
maintainers = [{name = "Jane Doe"}, {name = "John Roe"}]
dependencies = [
    "cachelib",
    "ordered-set>4,<5",
    "Flask >= 0.9",
    "tomli; python_version < '3.11'",
]

[project.urls]
Source = "https://github.com/jane/flask-thing"
""",
            "src/flask_thing/__init__.py": '__version__ = "2.0.1.dev0"\n',
        },
    )
    answers = infer_answers(repo)
    assert answers["dependencies"] == [
        "cachelib",
        "ordered-set>4,<5",
        "Flask >= 0.9",
        "tomli; python_version < '3.11'",
    ]
    assert answers["framework"] == "flask"
    assert answers["version"] == "2.0.1.dev0"
    assert answers["org"] == "jane"
    assert answers["maintainer_name"] == "Jane Doe"
    # A person's name never gets the organization's contact address.
    assert answers["maintainer_email"] == ""
    assert answers["python_min"] == "3.11"


@pytest.mark.parametrize(
    ("files", "tool"),
    [
        (
            {
                "pyproject.toml": '[build-system]\nrequires = ["setuptools", '
                '"setuptools-scm>=8"]\n[project]\nname = "x"\n'
                'dynamic = ["version"]\n[tool.setuptools_scm]\n'
            },
            "setuptools_scm",
        ),
        (
            {
                "pyproject.toml": '[build-system]\nrequires = ["hatchling", '
                '"hatch-vcs"]\n[project]\nname = "x"\ndynamic = ["version"]\n'
                '[tool.hatch.version]\nsource = "vcs"\n'
            },
            "hatch-vcs",
        ),
    ],
)
def test_version_from_git_tags_stops(tmp_path: Path, files: dict[str, str], tool: str):
    answers = gather_answers(_repo(tmp_path, files), {})
    assert "version" in answers.missing
    assert f"the version comes from git tags through {tool}" in answers.message()


@pytest.mark.parametrize(
    ("files", "tests_path", "errors"),
    [
        # No pytest config: the folder holding every test module, and
        # warnings that were never errors.
        (
            {"src/pkg/tests/test_a.py": "", "src/pkg/tests/unit/test_b.py": ""},
            "src/pkg/tests",
            False,
        ),
        (
            {
                "setup.cfg": "[tool:pytest]\ntestpaths = t\n"
                "filterwarnings =\n    error\n    ignore::UserWarning\n",
                "t/test_a.py": "",
            },
            "t",
            True,
        ),
        (
            {
                "pyproject.toml": '[tool.pytest.ini_options]\ntestpaths = ["tests/"]\n'
                'filterwarnings = ["ignore::UserWarning"]\n',
            },
            "tests",
            False,
        ),
        # Several folders are no one answer: the default stays.
        (
            {"pytest.ini": "[pytest]\ntestpaths = tests docs\n", "tests/test_a.py": ""},
            None,
            False,
        ),
        ({"test_root.py": "", "tests/test_a.py": ""}, None, False),
    ],
)
def test_test_practice(
    tmp_path: Path, files: dict[str, str], tests_path: str | None, errors: bool
):
    found = how_tests_run(_repo(tmp_path, files))
    assert found.get("tests_path", (None,))[0] == tests_path
    assert found["warnings_as_errors"][0] is errors


def test_adoption_records_the_test_practice(tmp_path: Path):
    repo = _repo(tmp_path, {"pkg/tests/test_a.py": ""})
    answers = gather_answers(repo, {})
    assert answers.values["tests_path"] == "pkg/tests"
    assert answers.sources["tests_path"] == "inferred from the test modules"
    assert answers.values["warnings_as_errors"] is False
    given = gather_answers(repo, {"warnings_as_errors": "true"})
    assert given.sources["warnings_as_errors"] == "given"
    # Checking a project that is not adopted holds it to the defaults.
    assert "tests_path" not in infer_answers(repo)
    assert "warnings_as_errors" not in infer_answers(repo)


@pytest.mark.parametrize("value", ["../tests", "/tests", "tests/../x", ".hidden", ""])
def test_tests_path_stays_inside(value: str):
    assert "tests_path" in validate_answers({"import_name": "pkg", "tests_path": value})


@pytest.mark.parametrize("value", ["1", "{a = 1}", "[1, 2]", "true"])
def test_test_settings_of_another_type(tmp_path: Path, value: str):
    text = f"[tool.pytest.ini_options]\ntestpaths = {value}\nfilterwarnings = {value}\n"
    found = how_tests_run(_repo(tmp_path, {"pyproject.toml": text}))
    assert found == {"warnings_as_errors": (False, "inferred from filterwarnings")}


MATRIX = "jobs:\n  t:\n    strategy:\n      matrix:\n"


@pytest.mark.parametrize(
    "files",
    [
        {".github/workflows/t.yaml": MATRIX + "        python: 1\n"},
        {".github/workflows/t.yaml": MATRIX + "        include: 3\n"},
        {".github/workflows/t.yaml": "jobs:\n  t: [1]\n"},
        {".github/workflows/t.yaml": "jobs: [1, 2]\n"},
        {"pyproject.toml": "[tool.tox]\nenv_list = 3\n"},
        {"pyproject.toml": '[tool.tox]\nenv_list = "py3.12"\n'},
        {"pyproject.toml": "[tool]\ntox = 3\n"},
    ],
)
def test_pythons_tested_of_another_type(tmp_path: Path, files: dict[str, str]):
    """A matrix or an env list of another type tells no Python version,
    and stops nothing."""
    answers = infer_answers(_repo(tmp_path, files))
    assert "python_max" not in answers
