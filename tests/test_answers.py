"""Answers inferred from what a repository declares, never invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from eco_lint.adopt import gather_answers
from eco_lint.answers import copyright_lines
from eco_lint.answers import infer_answers
from eco_lint.repo import Repo


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
