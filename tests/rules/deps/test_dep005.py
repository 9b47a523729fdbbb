from __future__ import annotations

from pathlib import Path

from eco_lint.repo import Repo

from ...mutate import append
from ...mutate import Case
from ...mutate import check_one
from ...mutate import write
from .helpers import COMPILED
from .helpers import fix_written
from .helpers import requirements_folder

FAILING = {
    "DEP005": [
        Case(lambda r: write(r, "requirements/dev.in", "tox\n")),
        Case(lambda r: write(r, "requirements-dev.txt", "tox\n")),
        Case(lambda r: write(r, "docs/deps.txt", COMPILED)),
        Case(lambda r: write(r, "Pipfile", "[packages]\n")),
        Case(requirements_folder),
        Case(
            lambda r: write(
                r,
                "Pipfile",
                '[packages]\nflask = "*"\n\n[dev-packages]\ntox = {version = ">=4"}\n',
            )
        ),
    ],
}


def test_dep005_examples_keep_their_requirements(make_repo):
    """flask's examples/celery has its own pip-compile output."""
    path: Path = make_repo()
    write(path, "examples/celery/requirements.txt", COMPILED)
    write(path, "tests/data/requirements.txt", "flask\n")
    assert check_one(path, "DEP005").status == "pass"


def test_dep005_fix_makes_groups(make_repo):
    path: Path = make_repo()
    requirements_folder(path)
    write(
        path, "requirements/docs.in", "Sphinx\nsphinx-tabs ; python_version >= '3.11'\n"
    )
    write(path, "requirements/build.in", "build\n")
    append(path, "requirements/dev.in", "-r typing.txt\n")
    write(path, "requirements-dev.txt", "-e .\n-c constraints.txt\nnox\n")
    assert fix_written(path, "DEP005")
    groups = Repo(path).pyproject["dependency-groups"]
    assert groups["docs"][-1] == "sphinx-tabs ; python_version >= '3.11'"
    assert groups["build"] == ["build"]
    # typing.txt is compiled from typing.in: its requirements are read.
    expected = ["ruff", "tox", "tox-uv", "nox", "pytest", "mypy", "pyright"]
    assert groups["dev"] == expected
    assert "tests-min" not in groups
    assert not (path / "requirements-dev.txt").exists()
    assert check_one(path, "DEP005").status == "pass"


def test_dep005_no_fix_for_index_options(make_repo):
    path: Path = make_repo()
    write(path, "requirements/dev.in", "--index-url https://example.org\ntox\n")
    result = check_one(path, "DEP005")
    assert result.status == "fail"
    assert result.fix is None


def test_dep005_unreadable_pipfile_costs_the_fix_only(tmp_path: Path):
    """Pipfile is found by its name; only the fix, which moves its dev
    packages into a group, reads it. A Pipfile that cannot be parsed costs
    the fix, not the finding.
    """
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (tmp_path / "Pipfile").write_text("[dev-packages\n")
    result = check_one(tmp_path, "DEP005")
    assert (result.status, result.message) == ("fail", "requirements file Pipfile")
    assert result.fix is None
