from __future__ import annotations

from pathlib import Path

from .mutate import append
from .mutate import Case
from .mutate import check_one
from .mutate import edit
from .mutate import write

P = "pyproject.toml"
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
    ],
    "TOX002": [
        Case(lambda r: edit(r, P, '"uv-venv-lock-runner"', '"uv-venv-runner"')),
        Case(lambda r: edit(r, P, "use_frozen_constraints = true\n", "")),
        Case(lambda r: edit(r, P, '    "pytest", "-v", ', '    "pytest", ')),
    ],
    "TOX003": [
        Case(lambda r: edit(r, P, '"py3.14", "py3.13"', '"py314", "py3.13"')),
        Case(lambda r: edit(r, P, '"pypy3.11"', '"pypy311"')),
        Case(lambda r: edit(r, P, '"py3.12", ', "")),
        Case(
            lambda r: edit(r, P, '    "docs",\n]', '    "docs",\n    "tests-min",\n]')
        ),
        Case(lambda r: edit(r, P, '"py3.10", ', '"py3{10,11}", ')),
    ],
    "TOX004": [
        Case(lambda r: edit(r, P, '"-E", "-W", ', '"-E", ')),
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
        Case(lambda r: append(r, P, TESTS_MIN), base="plain-pallets-bsd"),
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
        '"py3.14", "py3.13", "py3.12", "py3.11", "py3.10", "py3.14t",',
        '"py3.14", "py3.14t", "py3.13", "py3.12", "py3.11", "py3.10",',
    )
    edit(
        path,
        P,
        '    "tests-min",\n',
        '    "tests-min", "tests-dev",\n    "stress-py3.14",\n',
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
