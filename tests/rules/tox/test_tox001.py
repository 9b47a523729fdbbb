"""TOX001: tox is configured in pyproject.toml."""

from __future__ import annotations

from pathlib import Path

from eco_lint.check import fix_repository
from eco_lint.check import run_rules
from eco_lint.repo import Repo
from eco_lint.settings import Settings

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import write
from .helpers import fixed
from .helpers import no_tool_tox
from .helpers import P
from .helpers import TOX_INI

FAILING = {
    "TOX001": [
        Case(lambda r: write(r, "tox.ini", "[tox]\nenv_list = py3.13\n")),
        Case(lambda r: write(r, "setup.cfg", "[tox:tox]\nenv_list = py3.13\n")),
        Case(lambda r: edit(r, P, "[tool.tox", "[tool.nox", -1)),
        Case(
            lambda r: edit(
                r, P, "[tool.tox]\n", '[tool.tox]\nlegacy_tox_ini = "[tox]"\n'
            )
        ),
        # Without coverage in the envlist: DRF005's fix would move it after
        # docs (see test_tox001_fix_translates_tox_ini for the list). The
        # fix refuses to drop the odd and py3.13-dev envs.
        Case(
            lambda r: (
                no_tool_tox(r),
                write(r, "tox.ini", TOX_INI.replace("    coverage\n", "", 1)),
            ),
            fixable=False,
        ),
        Case(
            lambda r: (
                no_tool_tox(r),
                write(r, "tox.toml", 'env_list = ["py3.13"]\n\n[env.lint]\n'),
            )
        ),
    ],
}


def test_tox001_fix_translates_tox_ini(make_repo):
    path: Path = make_repo()
    no_tool_tox(path)
    write(path, "tox.ini", TOX_INI)
    (fix,) = [r.fix for r in run_rules(Repo(path)).failures if r.code == "TOX001"]
    assert fix is not None
    assert fix.title.endswith(", dropping odd, py3.13-dev")
    # Dropping envs loses them: the fix refuses until the project decides.
    run = fix_repository(str(path), Settings(select=("TOX001",)), ("unsafe",))
    assert run.written == ()
    ((_, reason),) = run.failed
    assert "it would lose tox envs (odd, py3.13-dev)" in reason
    edit(path, "tox.ini", "    py313-dev\n", "")
    edit(path, "tox.ini", "[testenv:odd]\ncommands = - false\n", "")
    assert fixed(path, "TOX001")
    tox = Repo(path).tool("tox")
    assert tox["skip_missing_interpreters"] is True
    assert tox["env_list"][-5:] == ["tests-min", "coverage", "style", "typing", "docs"]
    assert tox["env_run_base"]["env_tmp_dir"] == "{work_dir}/tmp/{env_name}"
    posargs = {"replace": "posargs", "default": ["-x"], "extend": True}
    assert tox["env"]["coverage"] == {
        "dependency_groups": ["tests"],
        "deps": ["coverage"],
        "set_env": {"COVERAGE_CORE": "sysmon"},
        "commands": [
            ["coverage", "run", "-m", "pytest", posargs],
            ["coverage", "report"],
        ],
    }
    assert tox["env"]["style"]["dependency_groups"] == ["pre-commit"]
    assert not (path / "tox.ini").exists()

    for code in ("TOX001", "TOX002", "TOX003", "TOX004", "TOX005", "TOX006"):
        assert check_one(path, code).status == "pass", code


def test_tox001_broken_tox_ini_has_no_fix(make_repo):
    """tox.ini that cannot be parsed is still found; the fix, which would
    translate it, is left out.
    """
    path: Path = make_repo()
    write(path, "tox.ini", "[tox\nenvlist = py\n")
    result = check_one(path, "TOX001")
    assert (result.status, result.message) == ("fail", "tox is configured in tox.ini")
    assert result.fix is None
