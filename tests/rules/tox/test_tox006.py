"""TOX006: tests-min pins the lowest supported dependencies."""

from __future__ import annotations

from pathlib import Path

from ...mutate import append
from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import write
from .helpers import fixed
from .helpers import INSTALL
from .helpers import P
from .helpers import TESTS_MIN

FAILING = {
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


def test_tox006_fix_pins_dependencies_the_answers_do_not_know(make_repo):
    """Answers recorded before the dependencies changed render other pins;
    the fix pins the project's own lower bounds.
    """
    path: Path = make_repo()
    edit(path, P, '"flask>=3.1",', '"flask>=3.0",')
    assert "- flask>=3.1\n" in (path / ".copier-answers.yml").read_text()
    assert check_one(path, "TOX006").status == "fail"
    assert fixed(path, "TOX006")
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
