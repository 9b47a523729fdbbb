from __future__ import annotations

from pathlib import Path

import pytest

from eco_lint.edits.ini import RemoveSections
from eco_lint.fix import plan
from eco_lint.repo import Repo
from eco_lint.rules.build._poetry import poetry_version

from ...mutate import append
from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import fix_of
from ...mutate import write
from .helpers import fixed
from .helpers import FLIT_BACKEND
from .helpers import PY
from .helpers import take_project
from .helpers import to_poetry
from .helpers import to_setup_cfg
from .helpers import to_setuptools_dynamic

FAILING = {
    "BLD005": [
        Case(
            lambda r: write(r, "setup.py", "from setuptools import setup\n\nsetup()\n")
        ),
        Case(lambda r: write(r, "MANIFEST.in", "include uv.lock\n")),
        Case(lambda r: write(r, "setup.cfg", "[metadata]\nname = Flask-Greeting\n")),
        Case(lambda r: append(r, PY, "\n[tool.hatch.build]\nonly-packages = true\n")),
        Case(lambda r: append(r, PY, '\n[tool.poetry]\nname = "flask-greeting"\n')),
        # The migrations do not carry setup.py's install_requires, nor
        # Poetry's dependencies, yet: the fix refuses to lose them.
        Case(to_setup_cfg, fixable=False),
        Case(to_setup_cfg, base="click-plugin", fixable=False),
        Case(to_poetry, fixable=False),
        Case(to_setuptools_dynamic),
    ],
}


def test_bld005_fix_leaves_other_tools_in_setup_cfg(make_repo):
    """The pytest and flake8 sections are for the rules of those tools:
    setup.cfg stays while they are in it.
    """
    path: Path = make_repo()
    to_setup_cfg(path)
    append(path, "setup.cfg", "\n# style\n[flake8]\nmax-line-length = 88\n")
    new = fixed(path, "BLD005")
    assert new["setup.cfg"] == (
        "[tool:pytest]\ntestpaths = tests\n\n# style\n[flake8]\nmax-line-length = 88\n"
    )
    assert new["setup.py"] is None and new["MANIFEST.in"] is None


def test_bld005_fix_removes_only_the_tables_it_reports(quick_repo):
    """A plugin's table that shares a tool's prefix is not the tool's: the
    fix removes what the check names, and nothing else.
    """
    path: Path = quick_repo()
    append(
        path,
        PY,
        '\n[tool.poetry]\nname = "x"\n\n'
        "[tool.poetry-dynamic-versioning]\nenable = true\n",
    )
    assert check_one(path, "BLD005").message == "pyproject.toml has [tool.poetry]"
    new = fixed(path, "BLD005")[PY] or ""
    assert "[tool.poetry]" not in new
    assert "[tool.poetry-dynamic-versioning]\nenable = true\n" in new


def test_bld005_fix_needs_every_dynamic_value(make_repo):
    """A value only a build plugin can compute cannot be moved."""
    path: Path = make_repo()
    edit(path, PY, "dependencies = [", 'dynamic = ["dependencies"]\nxdependencies = [')
    edit(path, PY, 'xdependencies = [\n    "flask>=3.1",\n]\n', "")
    append(
        path, PY, '\n[tool.hatch.metadata.hooks.requirements_txt]\nfiles = ["r.txt"]\n'
    )
    assert check_one(path, "BLD005").status == "fail"
    changes, failed = plan(Repo(path), [fix_of(Repo(path), "BLD005")])
    assert changes == []
    assert failed[0][1] == (
        "only the old build backend computes dependencies: write it in [project]"
        " by hand"
    )


def test_bld005_fix_reads_old_flit_metadata(make_repo):
    path: Path = make_repo()
    project = take_project(path, FLIT_BACKEND)
    write(
        path,
        "src/flask_greeting/__init__.py",
        '"""Greet the users of a Flask application."""\n\n__version__ = "0.1.0.dev"\n',
    )
    append(
        path,
        PY,
        '\n[tool.flit.metadata]\nmodule = "flask_greeting"\n'
        f'dist-name = "{project["name"]}"\nauthor = "Pallets"\n'
        'description-file = "README.md"\nrequires = ["flask>=3.1"]\n'
        'requires-python = ">=3.10"\n\n'
        '[tool.flit.scripts]\ngreet = "flask_greeting:main"\n',
    )
    text = fixed(path, "BLD005")[PY] or ""
    assert text.startswith(
        '[project]\nname = "Flask-Greeting"\nversion = "0.1.0.dev"\n'
        'description = "Greet the users of a Flask application."\n'
        'readme = "README.md"\n'
    )
    assert '[project.scripts]\ngreet = "flask_greeting:main"\n' in text
    assert "tool.flit" not in text


@pytest.mark.parametrize(
    ("constraint", "expected"),
    [
        ("^3.1", ">=3.1"),
        ("~2.0.1", ">=2.0.1"),
        ("*", ""),
        ("2.0", "==2.0"),
        (">=1.2 <2", "<2,>=1.2"),
        ("^1 || ^2", None),
    ],
)
def test_poetry_constraints(constraint: str, expected: str | None):
    """Lower bounds only, as Pallets writes them; alternatives cannot be
    written as one PEP 440 specifier.
    """
    assert poetry_version(constraint) == expected


def test_setup_cfg_with_comments_only_is_deleted(tmp_path: Path):
    edit = RemoveSections("setup.cfg", r"metadata|options\..*")
    old = "# kept?\n[metadata]\nname = x\n\n[options.extras_require]\na = b\n"
    assert edit.apply(old, Repo(tmp_path)) is None
    assert edit.apply(old + "\n[flake8]\nx = 1\n", Repo(tmp_path)) == (
        "# kept?\n[flake8]\nx = 1\n"
    )
