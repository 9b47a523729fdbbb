"""Migrations to flit_core carry every piece of metadata, or refuse and
say what they would lose.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from eco_lint.fix import plan
from eco_lint.repo import Repo

from .mutate import fix_of
from .patterns import FIXTURES
from .patterns import write_files


def _run(path: Path, code: str) -> tuple[dict[str, str | None], list[str]]:
    """The files a rule's fix would write, and why it refused."""
    repo = Repo(path)
    fix = fix_of(repo, code)
    assert fix is not None, code
    changes, failed = plan(repo, [fix])
    return {c.path: c.new for c in changes}, [reason for _, reason in failed]


@pytest.mark.parametrize(
    ("fixture", "fact"),
    [
        ("translations", "a hatch build hook ([tool.hatch.build.hooks.custom])"),
        ("scm", "the version comes from git tags through setuptools_scm"),
        ("vcs", "the version comes from git tags through hatch-vcs"),
    ],
)
@pytest.mark.parametrize("code", ["BLD001", "BLD005"])
def test_migration_refuses_naming_the_fact(
    tmp_path: Path, fixture: str, fact: str, code: str
):
    path = write_files(tmp_path, FIXTURES[fixture]().files)
    changes, failed = _run(path, code)
    assert changes == {}
    assert len(failed) == 1
    assert fact in failed[0]


@pytest.mark.parametrize("fixture", ["scm", "vcs"])
def test_version_from_git_is_not_made_static(tmp_path: Path, fixture: str):
    path = write_files(tmp_path, FIXTURES[fixture]().files)
    changes, failed = _run(path, "META001")
    assert changes == {}
    assert "the version comes from git tags" in failed[0]


def test_setup_py_only_carries_everything(tmp_path: Path):
    """Runtime dependencies, extras, entry points, version and readme move
    from the literal arguments of setup.py.
    """
    path = write_files(tmp_path, FIXTURES["legacy"]().files)
    changes, failed = _run(path, "BLD005")
    assert failed == []
    assert changes["setup.py"] is None
    project = tomllib.loads(changes["pyproject.toml"] or "")["project"]
    assert project["version"] == "0.9.3"
    assert project["dependencies"] == ["Flask>=1.0", "blinker"]
    assert project["optional-dependencies"] == {"signals": ["blinker>=1.4"]}
    assert project["scripts"] == {"flask-legacy": "flask_legacy.cli:main"}
    assert project["entry-points"] == {
        "flask.commands": {"greet": "flask_legacy.cli:main"}
    }


def test_setup_py_computing_metadata_refuses(tmp_path: Path):
    files = dict(FIXTURES["legacy"]().files)
    files["setup.py"] = files["setup.py"].replace(
        'install_requires=["Flask>=1.0", "blinker"]', "install_requires=REQUIRES"
    )
    assert "install_requires=REQUIRES" in files["setup.py"]
    path = write_files(tmp_path, files)

    for code in ("BLD001", "BLD005"):
        changes, failed = _run(path, code)
        assert changes == {}
        assert "setup.py computes install_requires in code" in failed[0]


def test_one_publish_pipeline(tmp_path: Path):
    """A release workflow under another name already uploads with a token:
    no fix adds the template's publish.yaml beside it.
    """
    path = write_files(tmp_path, FIXTURES["scm"]().files)
    repo = Repo(path)
    fixes = [fix_of(repo, code) for code in ("PUB001", "GHA001")]
    changes, _ = plan(repo, [fix for fix in fixes if fix is not None])
    assert ".github/workflows/publish.yaml" not in {c.path for c in changes}


def test_no_docs_page_in_a_markup_conf_py_does_not_load(tmp_path: Path):
    """A changes page that includes CHANGES.md needs myst_parser, which
    this conf.py does not load: the docs build would stop.
    """
    files = {
        "pyproject.toml": '[project]\nname = "Flask-Doc"\nversion = "1.0.0"\n',
        "CHANGES.md": "## Version 1.0.0\n\nReleased 2024-01-02\n",
        "LICENSE.txt": "Copyright 2020 Jane Doe\n",
        "docs/conf.py": 'project = "Flask-Doc"\nextensions = ["sphinx.ext.autodoc"]\n',
        "docs/index.rst": "Flask-Doc\n=========\n\n.. toctree::\n\n   license\n",
        "docs/license.rst": "License\n=======\n\n.. literalinclude:: ../LICENSE.txt\n",
        "src/flask_doc/__init__.py": "",
    }
    path = write_files(tmp_path, files)
    changes, failed = _run(path, "DOC003")
    assert changes == {}
    assert (
        "docs/changes.rst needs myst_parser, which docs/conf.py does not load"
        in (failed[0])
    )
