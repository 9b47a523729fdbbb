"""What the tests of the TOX rules share: an old tox.ini, a pyproject
without tox tables, a tests-min env, and running their fixes.
"""

from __future__ import annotations

import re
from pathlib import Path

from eco_lint.check import fix_repository
from eco_lint.settings import Settings

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


def fixed(path: Path, *codes: str) -> tuple[str, ...]:
    run = fix_repository(str(path), Settings(select=codes), ("safe", "unsafe"))
    return run.written
