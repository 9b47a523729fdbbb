from __future__ import annotations

from pathlib import Path

from eco_lint.repo import Repo

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from .helpers import fix_written
from .helpers import GHA_UPDATE
from .helpers import legacy_dev_dependencies
from .helpers import P

FAILING = {
    "DEP001": [
        Case(lambda r: edit(r, P, '    "tox-uv",\n', "")),
        Case(lambda r: edit(r, P, f"gha-update = [\n    {GHA_UPDATE},\n]\n", "")),
        Case(lambda r: edit(r, P, GHA_UPDATE, '"gha-update"')),
        Case(lambda r: edit(r, P, '    "sphinx",\n', "")),
        Case(lambda r: edit(r, P, 'typing = [\n    "mypy",\n', "typing = [\n")),
        Case(
            lambda r: edit(r, P, "[dependency-groups]", "[tool.uv.dependency-groups]")
        ),
        Case(legacy_dev_dependencies),
    ],
}


def test_dep001_pallets_docs_variant(make_repo):
    path: Path = make_repo()
    edit(
        path,
        P,
        '    "furo",\n    "myst-parser",\n    "sphinx",\n',
        '    "pallets-sphinx-themes",\n    "sphinx<9",\n    "sphinx-tabs",\n',
    )
    assert check_one(path, "DEP001").status == "pass"


def test_dep001_typing_with_tests_group(make_repo):
    """werkzeug's form: the typing group lacks pytest, and the typing env
    installs the tests group beside it.
    """
    path: Path = make_repo()
    edit(path, P, '    "pyright",\n    "pytest",\n', '    "pyright",\n')
    assert check_one(path, "DEP001").status == "fail"
    edit(
        path,
        P,
        'dependency_groups = ["typing"]',
        'dependency_groups = ["tests", "typing"]',
    )
    assert check_one(path, "DEP001").status == "pass"


def test_dep001_extras_specifiers_and_groups(make_repo):
    path: Path = make_repo()
    edit(path, P, '    "tox-uv",\n', '    "tox-uv>=1.11",\n    "tox[testing]",\n')
    edit(path, P, "[dependency-groups]\n", '[dependency-groups]\nextra = ["pytest"]\n')
    assert check_one(path, "DEP001").status == "pass"


def test_dep001_fix_keeps_extra_entries_and_fixes_markers(make_repo):
    path: Path = make_repo()
    edit(path, P, '    "tox",\n    "tox-uv",\n', '    "tox-uv>=1.11",\n    "nox",\n')
    edit(path, P, GHA_UPDATE, '"gha-update>=0.1"')
    assert fix_written(path, "DEP001")
    groups = Repo(path).pyproject["dependency-groups"]
    assert groups["dev"] == ["ruff", "tox-uv>=1.11", "nox", "tox"]
    assert groups["gha-update"] == ["gha-update>=0.1 ; python_full_version >= '3.12'"]
    assert check_one(path, "DEP001").status == "pass"


def test_dep001_fix_moves_dev_dependencies(make_repo):
    path: Path = make_repo()
    legacy_dev_dependencies(path)
    edit(path, P, '["ruff", "tox", "tox-uv"]', '["ruff", "tox", "tox-uv", "nox"]')
    assert fix_written(path, "DEP001")
    repo = Repo(path)
    assert "dev-dependencies" not in repo.tool("uv")
    assert repo.pyproject["dependency-groups"]["dev"] == [
        "ruff",
        "tox",
        "tox-uv",
        "nox",
    ]
    # The table goes beside [project], before [build-system].
    text = (path / P).read_text()
    assert text.index("[dependency-groups]") < text.index("[build-system]")
