from __future__ import annotations

import re
from pathlib import Path

from eco_lint.check import fix_repository
from eco_lint.check import run_rules
from eco_lint.repo import Repo
from eco_lint.settings import Settings

from .mutate import append
from .mutate import Case
from .mutate import check_one
from .mutate import edit
from .mutate import write

P = "pyproject.toml"
TOX_INI = """\
[tox]
envlist =
    py3{15,14,13,12,11}
    pypy311
    style
    typing
    docs
    coverage
    py313-dev
skip_missing_interpreters = true

[testenv]
package = wheel
envtmpdir = {toxworkdir}/tmp/{envname}
deps = -r requirements/tests.txt
commands = pytest -v --tb=short --basetemp={envtmpdir} {posargs}

[testenv:style]
deps = pre-commit
skip_install = true
commands = pre-commit run --all-files

[testenv:coverage]
deps =
    -r requirements/tests.txt
    coverage
setenv =
    COVERAGE_CORE = sysmon
commands =
    coverage run -m pytest {posargs:-x}
    coverage report

[testenv:odd]
commands = - false
"""


def no_tool_tox(repo: Path) -> None:
    """Remove every [tool.tox] table."""
    path = repo / P
    kept: list[str] = []
    inside = False

    for line in path.read_text().splitlines(keepends=True):
        if re.match(r"\[[\w.-]+\]$", line.strip()):
            inside = line.startswith(("[tool.tox]", "[tool.tox."))

        if not inside:
            kept.append(line)

    path.write_text("".join(kept))


TESTS_MIN = """
[tool.tox.env.tests-min]
description = "pytest on minimum dependency versions"
commands = [["uv", "pip", "install", "flask==3.1"], ["pytest"]]
"""
INSTALL = '        "uv", "pip", "install",\n        "flask==3.1",\n    ],\n'

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
    "TOX002": [
        Case(lambda r: edit(r, P, '"uv-venv-lock-runner"', '"uv-venv-runner"')),
        Case(lambda r: edit(r, P, "use_frozen_constraints = true\n", "")),
        Case(lambda r: edit(r, P, '    "pytest", "-v", ', '    "pytest", ')),
    ],
    "TOX003": [
        Case(lambda r: edit(r, P, '"py3.15", "py3.14"', '"py315", "py3.14"')),
        Case(lambda r: edit(r, P, '"pypy3.11"', '"pypy311"')),
        Case(lambda r: edit(r, P, '"py3.12", ', "")),
        Case(
            lambda r: edit(r, P, '    "docs",\n]', '    "docs",\n    "tests-min",\n]')
        ),
        Case(lambda r: edit(r, P, '"py3.11", ', '"py3{11,12}", ')),
    ],
    "TOX004": [
        Case(
            lambda r: edit(
                r, P, '"-E", "-W", "-b", "dirhtml"', '"-E", "-W", "-b", "html"'
            )
        ),
        Case(
            lambda r: edit(
                r,
                P,
                '    ["mypy"],\n    ["pyright"],\n',
                '    ["pyright"],\n    ["mypy"],\n',
            )
        ),
        Case(
            lambda r: edit(
                r, P, '    ["pyright"],\n', '    ["pyright", "--outputjson"],\n'
            )
        ),
        Case(
            lambda r: edit(
                r,
                P,
                'dependency_groups = ["docs", "docs-auto"]',
                'dependency_groups = ["docs"]',
            )
        ),
        Case(lambda r: edit(r, P, "[tool.tox.env.style]", "[tool.tox.env.lint]")),
    ],
    "TOX005": [
        Case(lambda r: edit(r, P, '"--freeze", ', "")),
        Case(lambda r: edit(r, P, 'labels = ["update"]\n', "")),
        Case(
            lambda r: edit(
                r, P, "[tool.tox.env.update-requirements]", "[tool.tox.env.update-lock]"
            )
        ),
        Case(lambda r: edit(r, P, 'default = ["-U"]', "default = []")),
    ],
    "TOX006": [
        Case(lambda r: edit(r, P, '"flask==3.1"', '"flask==3.0"')),
        Case(
            lambda r: edit(r, P, INSTALL, '        "uv", "pip", "install",\n    ],\n')
        ),
        Case(lambda r: edit(r, P, "[tool.tox.env.tests-min]", "[tool.tox.env.min]")),
        Case(lambda r: edit(r, P, '    "tests-min",\n', "")),
        # A project without dependencies keeps its own tests-min env.
        Case(
            lambda r: append(r, P, TESTS_MIN), base="plain-pallets-bsd", fixable=False
        ),
    ],
}


def test_tox002_extra_keys(make_repo):
    """flask keeps env_tmp_dir and werkzeug uv_python_preference."""
    path: Path = make_repo()
    edit(
        path,
        P,
        'package = "wheel"\n',
        'package = "wheel"\nenv_tmp_dir = "{toxworkdir}/tmp/{envname}"\n'
        'uv_python_preference = "managed"\n',
    )
    assert check_one(path, "TOX002").status == "pass"


def test_tox003_flask_and_click_lists(make_repo):
    """flask lists py3.14t after py3.14 and tests-dev; click adds stress
    envs.
    """
    path: Path = make_repo()
    edit(
        path,
        P,
        '"py3.15", "py3.14", "py3.13", "py3.12", "py3.11", "py3.15t",',
        '"py3.15", "py3.15t", "py3.14", "py3.13", "py3.12", "py3.11",',
    )
    edit(
        path,
        P,
        '    "tests-min",\n',
        '    "tests-min", "tests-dev",\n    "stress-py3.15",\n',
    )
    assert check_one(path, "TOX003").status == "pass"


def test_tox004_typing_variants(make_repo):
    """flask runs mypy and pyright; click pyright --verifytypes with its
    arguments in another order; werkzeug only mypy, with the tests group.
    """
    path: Path = make_repo()
    verify = '    ["pyright", "--verifytypes", "flask_greeting", "--ignoreexternal"],\n'
    edit(path, P, verify, "")
    assert check_one(path, "TOX004").status == "pass"
    edit(
        path,
        P,
        '    ["pyright"],\n',
        '    ["pyright", "--ignoreexternal", "--verifytypes", "flask_greeting"],\n',
    )
    assert check_one(path, "TOX004").status == "pass"
    edit(
        path,
        P,
        '    ["pyright", "--ignoreexternal", "--verifytypes", "flask_greeting"],\n',
        "",
    )
    edit(
        path,
        P,
        'dependency_groups = ["typing"]',
        'dependency_groups = ["tests", "typing"]',
    )
    assert check_one(path, "TOX004").status == "pass"


def test_tox005_own_descriptions(make_repo):
    path: Path = make_repo()
    edit(path, P, '"update uv lock"', '"refresh uv.lock"')
    assert check_one(path, "TOX005").status == "pass"


def test_tox006_commands_pre(make_repo):
    """flask-sqlalchemy-lite installs the pins in commands_pre, with
    extras on some and not on others.
    """
    path: Path = make_repo()
    edit(
        path,
        P,
        '"flask>=3.1",',
        '"flask[async]>=3.1.0",\n    "sqlalchemy[asyncio]>=2.0.31",',
    )
    edit(
        path,
        P,
        f"commands = [\n    [\n{INSTALL}",
        'commands_pre = [\n    [\n        "uv", "pip", "install",\n'
        '        "flask[async]==3.1",\n        "sqlalchemy==2.0.31",\n    ],\n]\n'
        "commands = [\n",
    )
    assert check_one(path, "TOX006").status == "pass"


def test_tox006_marker_dependency_may_go_unpinned(make_repo):
    path: Path = make_repo()
    edit(
        path,
        P,
        '"flask>=3.1",',
        '"flask>=3.1",\n    "tomli>=2.0 ; python_version < \'3.11\'",',
    )
    assert check_one(path, "TOX006").status == "pass"
    edit(path, P, '"flask>=3.1",', '"flask>=3.1",\n    "click>=8.1",')
    assert check_one(path, "TOX006").status == "fail"


def test_tox006_not_applicable_without_dependencies(make_repo):
    assert check_one(make_repo("plain-pallets-bsd"), "TOX006").status == "pass"


def _fix(path: Path, *codes: str) -> tuple[str, ...]:
    run = fix_repository(str(path), Settings(select=codes), ("safe", "unsafe"))
    return run.written


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
    assert _fix(path, "TOX001")
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


def test_tox003_fix_keeps_project_envs(make_repo):
    path: Path = make_repo()
    edit(path, P, '"py3.12", ', '"py312", "stress-py3{13,14}", ')
    assert _fix(path, "TOX003")
    env_list = Repo(path).tool("tox")["env_list"]
    assert env_list[-5:] == [
        "stress-py3.13",
        "stress-py3.14",
        "style",
        "typing",
        "docs",
    ]
    assert "py3.12" in env_list


def test_tox006_fix_pins_dependencies_the_answers_do_not_know(make_repo):
    """Answers recorded before the dependencies changed render other pins;
    the fix pins the project's own lower bounds.
    """
    path: Path = make_repo()
    edit(path, P, '"flask>=3.1",', '"flask>=3.0",')
    assert "- flask>=3.1\n" in (path / ".copier-answers.yml").read_text()
    assert check_one(path, "TOX006").status == "fail"
    assert _fix(path, "TOX006")
    assert check_one(path, "TOX006").status == "pass"


def test_tox006_tests_min_is_optional(make_repo):
    """Werkzeug depends on MarkupSafe and removed its tests-min env on
    purpose; only Flask keeps one. A project with dependencies and no
    tests-min env passes.
    """
    path: Path = make_repo("werkzeug-long-name")
    text = (path / P).read_text()
    start = text.index("[tool.tox.env.tests-min]")
    end = text.index("[tool.tox.env.style]")
    write(path, P, text[:start] + text[end:])
    edit(path, P, '    "tests-min",\n', "")
    assert check_one(path, "TOX006").status == "pass"


def test_docs_env_without_w_is_one_finding(make_repo):
    """A docs env that lacks only -W is DOC004's finding, not TOX004's too."""
    path: Path = make_repo()
    edit(path, P, '"-E", "-W", ', '"-E", ')
    assert check_one(path, "DOC004").status == "fail"
    assert check_one(path, "TOX004").status == "pass"
