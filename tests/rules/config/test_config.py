"""Tests that span several CFG rules."""

from __future__ import annotations

from pathlib import Path

from eco_lint.repo import Repo

from ...mutate import append
from ...mutate import check_one
from ...mutate import edit
from ...mutate import write
from ..deps.helpers import drop_table
from .helpers import fixed
from .helpers import P
from .helpers import setup_cfg


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


def test_cfg_fix_moves_setup_cfg_sections(make_repo):
    path: Path = make_repo()
    setup_cfg(path, "[tool.pytest.ini_options]", "[tool.coverage.run]", "[tool.mypy]")
    assert fixed(path, "CFG001", "CFG002", "CFG003")
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


def test_a_broken_file_only_the_fix_reads_costs_the_fix(make_repo):
    """A file that cannot be parsed and that only a fix reads (a ruff.toml
    to move, setup.cfg sections to move) leaves the finding without a
    fix, rather than skipping the rule.
    """
    path: Path = make_repo()
    write(path, "ruff.toml", "line-length = = 3\n")
    drop_table(path, "[tool.mypy]")
    write(path, "setup.cfg", "[mypy\nstrict = true\n")

    for code, message in (
        ("CFG005", "ruff.toml overrides [tool.ruff]"),
        ("CFG003", "no [tool.mypy] table"),
    ):
        result = check_one(path, code)
        assert (result.status, result.message) == ("fail", message)
        assert result.fix is None
