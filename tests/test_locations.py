"""Rules that find a problem in several places report each place, in
order, with its file and line; the fix repairs every one of them, and a
second fix changes nothing.
"""

from __future__ import annotations

import json
import re
import shutil
import typing as t
from pathlib import Path

import pytest

from eco_lint import output
from eco_lint.check import fix_repository
from eco_lint.check import Report
from eco_lint.check import run_rules
from eco_lint.registry import collect_rules
from eco_lint.repo import Repo
from eco_lint.settings import Settings

from .mutate import append
from .mutate import check_one
from .mutate import delete
from .mutate import edit
from .mutate import write
from .rules.build.helpers import c_extension

P = "pyproject.toml"
LOCK = ".github/workflows/lock.yaml"
PRE_COMMIT = ".github/workflows/pre-commit.yaml"
TESTS = ".github/workflows/tests.yaml"
PCO = ".pre-commit-config.yaml"
RTD = ".readthedocs.yaml"
PUB = ".github/workflows/publish.yaml"
ZIZMOR = ".github/workflows/zizmor.yaml"


class Place(t.NamedTuple):
    """Where a finding is expected: its file, a pattern its line matches
    (``None`` for the whole file), and how its message starts.
    """

    path: str
    line: str | None
    message: str


def _gha008(repo: Path) -> None:
    write(repo, ".github/dependabot.yml", "version: 2\n")
    write(repo, "renovate.json", "{}\n")


def _gha012(repo: Path) -> None:
    step = f"      - uses: pre-commit/action@{'a' * 40} # v3.0.1\n"
    append(repo, PRE_COMMIT, step)
    edit(repo, TESTS, "    steps:\n", "    steps:\n" + step)


def _gha013(repo: Path) -> None:
    edit(repo, LOCK, "'0 0 * * *'", "'0 0 * * 1'")
    edit(repo, LOCK, "issue-inactive-days: 14", "issue-inactive-days: 30")


def _tox001(repo: Path) -> None:
    write(repo, "tox.ini", "[tox]\nrequires = tox>=4\n")
    write(repo, "setup.cfg", "[metadata]\nname = x\n\n[tox:tox]\nenvlist = py3.13\n")


def _tox002(repo: Path) -> None:
    edit(repo, P, 'runner = "uv-venv-lock-runner"', 'runner = "virtualenv"')
    edit(repo, P, 'package = "wheel"', 'package = "sdist"')


def _tox003(repo: Path) -> None:
    edit(repo, P, '"py3.15", "py3.14"', '"py315", "py3.14"')
    edit(repo, P, '"pypy3.11"', '"pypy311"')


def _tox004(repo: Path) -> None:
    edit(repo, P, '["pre-commit", "run", "--all-files"]', '["pre-commit", "run"]')
    edit(repo, P, 'dependency_groups = ["docs"]\n', "dependency_groups = []\n")


def _tox005(repo: Path) -> None:
    edit(repo, P, 'commands = [["gha-update"]]', 'commands = [["gha-update", "-v"]]')
    edit(repo, P, "no_default_groups = true\n", "")


def _tox006(repo: Path) -> None:
    edit(repo, P, '    "tests-min",\n', "")
    edit(repo, P, '"flask==3.1"', '"flask==3.0"')


def _pco003(repo: Path) -> None:
    edit(repo, PCO, "        args: ['--write-changes']\n", "")
    edit(repo, PCO, "      - id: debug-statements\n", "")


def _pco005(repo: Path) -> None:
    append(
        repo,
        PCO,
        "  - repo: https://github.com/PyCQA/flake8\n"
        f"    rev: {'b' * 40}  # frozen: 7.1.0\n"
        "    hooks:\n"
        "      - id: flake8\n",
    )
    write(repo, ".flake8", "[flake8]\nmax-line-length = 88\n")


def _dep001(repo: Path) -> None:
    edit(repo, P, '    "tox-uv",\n', "")
    edit(repo, P, '    "pre-commit-uv",\n', "")


def _dep003(repo: Path) -> None:
    append(repo, ".gitignore", "uv.lock\n")
    write(repo, ".git/info/exclude", "*.lock\n")


def _dep004(repo: Path) -> None:
    edit(repo, "uv.lock", 'requires-python = ">=3.11"', 'requires-python = ">=3.10"')
    edit(repo, "uv.lock", 'specifier = ">=3.1" }]', 'specifier = ">=3.0" }]')


def _dep005(repo: Path) -> None:
    write(repo, "requirements/dev.in", "tox\n")
    write(repo, "docs/requirements.txt", "sphinx\n")


def _bld003(repo: Path) -> None:
    added = '    "uv.lock",\n    "examples/",\n    "TODO.md",\n'
    edit(repo, P, '    "uv.lock",\n', added)


def _cfg002(repo: Path) -> None:
    edit(repo, P, "branch = true", "branch = false")
    edit(repo, P, 'source = ["src", "*/site-packages"]', 'source = ["src"]')


def _cfg005(repo: Path) -> None:
    edit(repo, P, "fix = true\n", "fix = false\n")
    edit(repo, P, 'output-format = "full"', 'output-format = "concise"')


def _meta002(repo: Path) -> None:
    edit(repo, P, 'license-files = ["LICENSE.txt"]', 'license-files = ["LICENSE*"]')
    edit(
        repo,
        P,
        '    "Typing',
        '    "License :: OSI Approved :: MIT License",\n    "Typing',
    )


def _meta004(repo: Path) -> None:
    edit(repo, P, ', email = "contact@palletsprojects.com"}', "}")
    edit(repo, P, 'Source = "', 'Homepage = "')


def _meta005(repo: Path) -> None:
    old = '    "Programming Language :: Python",\n'
    versions = [f'    "Programming Language :: Python :: 3.{v}",\n' for v in (12, 13)]
    edit(repo, P, old, old + "".join(versions))


def _doc001(repo: Path) -> None:
    edit(repo, RTD, "os: ubuntu-24.04", "os: ubuntu-22.04")
    append(repo, RTD, "python:\n  install:\n    - method: pip\n      path: .\n")


def _doc003(repo: Path) -> None:
    edit(repo, "docs/changes.md", "../CHANGES.md", "../HISTORY.md")
    edit(repo, "docs/license.md", "../LICENSE.txt", "../LICENSE.rst")


def _doc004(repo: Path) -> None:
    edit(repo, RTD, "sphinx-build -W -b", "sphinx-build -b")
    edit(repo, P, '"sphinx-build", "-E", "-W",', '"sphinx-build", "-E",')


def _rel002(repo: Path) -> None:
    badges = (
        "[![PyPI](https://img.shields.io/pypi/v/flask-greeting)](https://pypi.org)\n"
        "[![CI](https://github.com/o/r/actions/workflows/t.yaml/badge.svg)](https://x)\n"
    )
    edit(repo, "README.md", "# Flask-Greeting\n", "# Flask-Greeting\n\n" + badges)


def _pub001(repo: Path) -> None:
    edit(repo, PUB, "    tags: ['*']\n", "    tags: ['v*']\n    paths: ['src/**']\n")


def _pub002(repo: Path) -> None:
    edit(repo, PUB, "          if-no-files-found: error\n", "")
    edit(repo, PUB, "    needs: [build]\n", "", count=1)


def _pub003(repo: Path) -> None:
    epoch = '"SOURCE_DATE_EPOCH=$(git log -1 --pretty=%ct)" >> $GITHUB_ENV'
    edit(repo, PUB, f"      - run: echo {epoch}\n", "")
    edit(repo, PUB, "      - run: uv build\n", "      - run: uv build --sdist\n")
    edit(
        repo,
        PUB,
        "  create-release:\n",
        "  build-wheel:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - run: uv build --wheel\n"
        "  create-release:\n",
    )


def _pub004(repo: Path) -> None:
    edit(repo, PUB, "      name: publish\n", "      name: pypi\n")
    append(repo, PUB, "        with:\n          attestations: false\n")


def _pub005(repo: Path) -> None:
    edit(
        repo,
        PUB,
        "    outputs:\n",
        "    outputs:\n      hashes: ${{ steps.hash.outputs.hashes }}\n",
    )
    edit(
        repo,
        PUB,
        "${GITHUB_REF_NAME} dist/*",
        "${GITHUB_REF_NAME} dist/* x.intoto.jsonl",
    )


def _pub006(repo: Path) -> None:
    edit(repo, PUB, "gh release create --draft", "gh release create")
    edit(repo, PUB, "GH_TOKEN: ${{ github.token }}", "GH_TOKEN: ${{ secrets.TOKEN }}")


def _pub007(repo: Path) -> None:
    edit(repo, PUB, "enable-cache: false", "enable-cache: true")
    edit(
        repo,
        PUB,
        "          python-version-file: pyproject.toml\n",
        "          python-version-file: pyproject.toml\n          cache: pip\n",
    )


def _gha007(repo: Path) -> None:
    edit(
        repo,
        ZIZMOR,
        '  pull_request:\n    paths: ["**/*.yaml?"]\n',
        "  pull_request:\n",
    )
    edit(repo, ZIZMOR, "advanced-security: false", "advanced-security: true")


def _gha010(repo: Path) -> None:
    edit(
        repo,
        TESTS,
        "        env:\n          TOX_ENV:",
        "        env:\n          OTHER:",
    )
    edit(repo, TESTS, "tox run -e typing", "tox run -e mypy")


def _cfg001(repo: Path) -> None:
    edit(repo, P, 'testpaths = ["tests"]', 'testpaths = ["src", "tests"]')
    edit(repo, P, '    "error",\n', '    "ignore::UserWarning",\n    "error",\n')


def _cfg003(repo: Path) -> None:
    edit(repo, P, 'python_version = "3.11"\nfiles = ["src"]\n', "")
    edit(repo, P, "strict = true\n", "strict = false\n")


def _cfg004(repo: Path) -> None:
    edit(repo, P, 'include = ["src"]', 'include = ["src", "tests"]')
    edit(repo, P, 'typeCheckingMode = "standard"', 'typeCheckingMode = "strict"')


def _cfg006(repo: Path) -> None:
    edit(repo, P, '    "UP",  # pyupgrade\n', "")
    edit(repo, P, "force-single-line = true", "force-single-line = false")


def _pco002(repo: Path) -> None:
    edit(repo, PCO, "      - id: ruff-check\n", "      - id: ruff\n")
    edit(repo, PCO, "      - id: ruff-format\n", "")


def _pco004(repo: Path) -> None:
    edit(
        repo,
        PCO,
        "c60c980e561ed3e73101667fe8365c609d19a438  # frozen: v0.15.9",
        "v0.15.9",
    )
    edit(
        repo,
        PCO,
        "2ccb47ff45ad361a21071a7eedda4c37e6ae8c5a  # frozen:",
        "2ccb47ff45ad361a21071a7eedda4c37e6ae8c5a  # ",
    )


def _bld004(repo: Path) -> None:
    edit(repo, P, '"setuptools>=77"', '"setuptools>=61"')
    edit(repo, "setup.py", "setup(\n", 'setup(\n    name="Flask-Greeting",\n')


def _bld005(repo: Path) -> None:
    append(repo, P, "\n[tool.hatch.build]\nonly-packages = true\n")
    write(repo, "setup.py", "from setuptools import setup\n\nsetup()\n")


def _lay003(repo: Path) -> None:
    delete(repo, "docs/conf.py")
    delete(repo, "tests")


def _lay004(repo: Path) -> None:
    write(repo, "COPYING", "Copyright\n")
    write(repo, "LICENSE.md", "MIT\n")


def _lay008(repo: Path) -> None:
    edit(repo, ".gitignore", "htmlcov/\n", "")
    edit(repo, ".gitignore", ".tox/\n", "")


def _lay010(repo: Path) -> None:
    write(repo, "CONTRIBUTING.md", "# Contributing\n")
    write(repo, "SECURITY.md", "# Security\n")


def _doc002(repo: Path) -> None:
    edit(repo, "docs/conf.py", '    "myst_parser",\n', "")
    edit(repo, "docs/conf.py", '    "pr": (f"{source}pull/%s", "#%s"),\n', "")


def _meta003(repo: Path) -> None:
    description = 'description = "Greet the users of a Flask application."\n'
    # The URL the table has already: the fix drops the key, losing nothing.
    url = "https://flask-greeting.readthedocs.io/"
    extra = f'keyword = ["greeting"]\nhome-page = "{url}"\n'
    edit(repo, P, description, description + extra)


def _drf004(repo: Path) -> None:
    delete(repo, ".editorconfig")
    delete(repo, ZIZMOR)


CASES: dict[str, tuple[t.Callable[[Path], None], list[Place]]] = {
    "GHA008": (
        _gha008,
        [
            Place(".github/dependabot.yml", None, "update bot config"),
            Place("renovate.json", None, "update bot config"),
        ],
    ),
    "GHA012": (
        _gha012,
        [
            Place(PRE_COMMIT, r"pre-commit/action@", "uses pre-commit/action"),
            Place(TESTS, r"pre-commit/action@", "uses pre-commit/action"),
        ],
    ),
    "GHA013": (
        _gha013,
        [
            Place(LOCK, r"^on:", "schedule trigger is"),
            Place(LOCK, r"issue-inactive-days", "dessant/lock-threads has"),
        ],
    ),
    "TOX001": (
        _tox001,
        [
            Place("tox.ini", None, "tox is configured in tox.ini"),
            Place("setup.cfg", r"^\[tox:tox\]", "tox is configured in setup.cfg"),
        ],
    ),
    "TOX002": (
        _tox002,
        [
            Place(P, r"^runner =", "env_run_base runner is"),
            Place(P, r"^package =", "env_run_base package is"),
        ],
    ),
    "TOX003": (
        _tox003,
        [
            Place(P, r'"py315"', "env_list has undotted name 'py315'"),
            Place(P, r'"pypy311"', "env_list has undotted name 'pypy311'"),
        ],
    ),
    "TOX004": (
        _tox004,
        [
            Place(P, r'"pre-commit", "run"\]', "env style commands are"),
            Place(P, r"^dependency_groups = \[\]", "env docs does not install"),
        ],
    ),
    "TOX005": (
        _tox005,
        [
            Place(P, r'"gha-update", "-v"', "env update-actions commands is"),
            Place(P, r"^\[tool.tox.env.update-requirements\]", "env update-requ"),
        ],
    ),
    "TOX006": (
        _tox006,
        [
            Place(P, r"^env_list =", "tests-min is not in env_list"),
            Place(P, r'"flask==3.0"', "tests-min pins flask to 3.0"),
        ],
    ),
    "PCO003": (
        _pco003,
        [
            Place(PCO, r"id: codespell", "codespell hook lacks --write-changes"),
            Place(PCO, r"repo: .*/pre-commit-hooks", "no debug-statements hook"),
        ],
    ),
    "PCO005": (
        _pco005,
        [
            Place(PCO, r"id: flake8", "hook flake8 from"),
            Place(".flake8", None, "flake8 configuration in .flake8"),
        ],
    ),
    "DEP001": (
        _dep001,
        [
            Place(P, r"^dev = \[", "group 'dev' lacks tox-uv"),
            Place(P, r"^pre-commit = \[", "group 'pre-commit' lacks pre-commit-uv"),
        ],
    ),
    "DEP003": (
        _dep003,
        [
            Place(".gitignore", r"^uv\.lock$", "uv.lock is ignored by .gitignore"),
            Place(".git/info/exclude", r"^\*\.lock$", "uv.lock is ignored by .git/"),
        ],
    ),
    "DEP004": (
        _dep004,
        [
            Place("uv.lock", r"^requires-python", "uv.lock requires-python is"),
            Place("uv.lock", r"^requires-dist", "uv.lock is stale: dependencies"),
        ],
    ),
    "DEP005": (
        _dep005,
        [
            Place("requirements", None, "requirements/ folder"),
            Place("docs/requirements.txt", None, "requirements file docs/"),
        ],
    ),
    "BLD003": (
        _bld003,
        [
            Place(P, r'"examples/"', "sdist include lists examples/, which is"),
            Place(P, r'"TODO.md"', "sdist include lists TODO.md, which is"),
        ],
    ),
    "CFG002": (
        _cfg002,
        [
            Place(P, r"^branch =", "[tool.coverage.run] branch is False"),
            Place(P, r'^source = \["src"\]', "[tool.coverage.paths] source is"),
        ],
    ),
    "CFG005": (
        _cfg005,
        [
            Place(P, r"^fix =", "[tool.ruff] fix is False"),
            Place(P, r"^output-format =", "[tool.ruff] output-format is 'concise'"),
        ],
    ),
    "META002": (
        _meta002,
        [
            Place(P, r"^license-files =", "license-files is ['LICENSE*']"),
            Place(P, r"License :: OSI", "classifier 'License :: OSI Approved"),
        ],
    ),
    "META004": (
        _meta004,
        [
            Place(P, r"^maintainers =", "no maintainer with a name and an email"),
            Place(P, r"^Homepage =", "legacy URL label 'Homepage'"),
            Place(P, r"^\[project.urls\]", "[project.urls] lacks Source"),
        ],
    ),
    "META005": (
        _meta005,
        [
            Place(P, r":: 3\.12", "version classifier 'Programming Language"),
            Place(P, r":: 3\.13", "version classifier 'Programming Language"),
        ],
    ),
    "DOC001": (
        _doc001,
        [
            Place(RTD, r"^\s+os:", "build.os is 'ubuntu-22.04'"),
            Place(RTD, r"^\s+install:", "installs with python.install"),
        ],
    ),
    "DOC003": (
        _doc003,
        [
            Place("docs/changes.md", r"HISTORY", "includes ../HISTORY.md, not"),
            Place("docs/license.md", r"LICENSE", "literalincludes ../LICENSE.rst"),
        ],
    ),
    "DOC004": (
        _doc004,
        [
            Place(P, r"^\[tool.tox.env.docs\]", "tox env 'docs' runs sphinx-build"),
            Place(RTD, r"sphinx-build", "Read the Docs runs sphinx-build without"),
        ],
    ),
    "REL002": (
        _rel002,
        [
            Place("README.md", r"shields\.io", "has a badge https://img.shields.io"),
            Place("README.md", r"badge\.svg", "has a badge https://github.com/"),
        ],
    ),
    "PUB001": (
        _pub001,
        [
            Place(PUB, r"^    tags:", 'push: tags is ["v*"], not ["*"]'),
            Place(PUB, r"^    paths:", "push also filters on paths"),
        ],
    ),
    "PUB002": (
        _pub002,
        [
            Place(PUB, r"actions/upload-artifact@", "the dist upload does not set"),
            Place(PUB, r"^  create-release:", "job 'create-release' does not need"),
        ],
    ),
    "PUB003": (
        _pub003,
        [
            Place(PUB, r"uv build --sdist", "job 'build' runs uv build without"),
            Place(PUB, r"uv build --wheel", "job 'build-wheel' runs uv build without"),
        ],
    ),
    "PUB004": (
        _pub004,
        [
            Place(PUB, r"^    environment:", "job 'publish-pypi' runs in environment"),
            Place(PUB, r"attestations:", "attestations are turned off"),
        ],
    ),
    "PUB005": (
        _pub005,
        [
            Place(PUB, r"intoto", "publishes a *.intoto.jsonl provenance file"),
            Place(PUB, r"^      hashes:", "job 'build' outputs a hash"),
        ],
    ),
    "PUB006": (
        _pub006,
        [
            Place(PUB, r"gh release create", "the release is not a --draft"),
            Place(PUB, r"GH_TOKEN", "GH_TOKEN is"),
        ],
    ),
    "PUB007": (
        _pub007,
        [
            Place(PUB, r"astral-sh/setup-uv@", "setup-uv in job 'build' does not"),
            Place(PUB, r"actions/setup-python@", "job 'build' restores a cache"),
        ],
    ),
    "GHA007": (
        _gha007,
        [
            Place(ZIZMOR, r"^on:", "pull_request trigger has no filters"),
            Place(ZIZMOR, r"advanced-security:", "zizmorcore/zizmor-action has"),
        ],
    ),
    "GHA010": (
        _gha010,
        [
            Place(TESTS, r"--group dev tox run$", "job tests runs"),
            Place(TESTS, r"^  typing:", "job typing does not run"),
        ],
    ),
    "CFG001": (
        _cfg001,
        [
            Place(P, r"^testpaths =", "testpaths is ['src', 'tests']"),
            Place(P, r"^filterwarnings =", "the first filterwarnings entry"),
        ],
    ),
    "CFG003": (
        _cfg003,
        [
            Place(P, r"^\[tool.mypy\]", "[tool.mypy] python_version is not set"),
            Place(P, r"^\[tool.mypy\]", "[tool.mypy] files is None"),
            Place(P, r"^strict =", "[tool.mypy] strict is False"),
        ],
    ),
    "CFG004": (
        _cfg004,
        [
            Place(P, r'^include = \["src", "tests"\]', "[tool.pyright] include is"),
            Place(P, r"^typeCheckingMode =", "typeCheckingMode is 'strict'"),
        ],
    ),
    "CFG006": (
        _cfg006,
        [
            Place(P, r"^select =", "[tool.ruff.lint] select lacks UP"),
            Place(P, r"^force-single-line =", "[tool.ruff.lint.isort] force-single"),
        ],
    ),
    "PCO002": (
        _pco002,
        [
            Place(PCO, r"id: ruff$", "legacy hook id 'ruff'"),
            Place(PCO, None, "no ruff-format hook"),
        ],
    ),
    "PCO004": (
        _pco004,
        [
            Place(PCO, r"rev: v0.15.9", "https://github.com/astral-sh/ruff-pre-commit"),
            Place(PCO, r"rev: 2ccb47", "the rev of https://github.com/codespell"),
        ],
    ),
    "BLD004": (
        _bld004,
        [
            Place(P, r"^requires = ", "build requires ['setuptools>=61']"),
            Place("setup.py", r"name=", "setup() sets metadata: name"),
        ],
    ),
    "BLD005": (
        _bld005,
        [
            Place(P, r"^\[tool.hatch.build\]", "pyproject.toml has [tool.hatch]"),
            Place("setup.py", None, "setup.py in a pure Python project"),
        ],
    ),
    "LAY003": (
        _lay003,
        [
            Place("docs/conf.py", None, "missing: docs/conf.py"),
            Place("tests", None, "missing: tests"),
        ],
    ),
    "LAY004": (
        _lay004,
        [
            Place("COPYING", None, "licence text in COPYING"),
            Place("LICENSE.md", None, "licence text in LICENSE.md"),
        ],
    ),
    "LAY008": (
        _lay008,
        [
            Place(".gitignore", None, ".gitignore lacks htmlcov/"),
            Place(".gitignore", None, ".gitignore lacks .tox/"),
        ],
    ),
    "LAY010": (
        _lay010,
        [
            Place("CONTRIBUTING.md", None, "repository-level CONTRIBUTING.md"),
            Place("SECURITY.md", None, "repository-level SECURITY.md"),
        ],
    ),
    "DOC002": (
        _doc002,
        [
            Place("docs/conf.py", r"^extensions =", "extensions lack myst_parser"),
            Place("docs/conf.py", r"^extlinks =", "extlinks has no pr"),
        ],
    ),
    "META003": (
        _meta003,
        [
            Place(P, r"^keyword =", "unknown key 'keyword'; use keywords"),
            Place(P, r"^home-page =", "unknown key 'home-page'; use urls"),
        ],
    ),
    "DRF004": (
        _drf004,
        [
            Place(".editorconfig", None, "missing template file: .editorconfig"),
            Place(ZIZMOR, None, f"missing template file: {ZIZMOR}"),
        ],
    ),
}

#: Changes that make a variant no answer set renders, on which the rule
#: passes before the case breaks it.
PREPARE = {"BLD004": c_extension}
#: The answer set a rule applies to, when not the default one.
BASE = {"LAY010": "plain-pallets-bsd"}


#: Rules without a fix: ``uv lock`` is a command the linter never runs, a C
#: extension's setup.py, the docs' conf.py and the tests are the project's own.
NO_FIX = {"DEP004", "BLD004", "LAY003", "DOC002"}


def _line(repo: Path, place: Place) -> int | None:
    if place.line is None:
        return None

    lines = (repo / place.path).read_text().splitlines()
    return next(n for n, text in enumerate(lines, 1) if re.search(place.line, text))


@pytest.mark.parametrize("code", CASES)
def test_every_place_is_reported_and_fixed(
    code: str, make_repo: t.Callable[..., Path]
) -> None:
    path = make_repo(BASE.get(code, "flask-eco-mit"))
    apply, places = CASES[code]

    if code in PREPARE:
        PREPARE[code](path)

    assert check_one(path, code).status == "pass"
    apply(path)
    result = check_one(path, code)
    assert result.status == "fail", result
    found = [(f.path, f.line, f.message) for f in result.locations]
    assert len(found) == len(places), found

    for (where, line, message), place in zip(found, places, strict=True):
        assert (where, line) == (place.path, _line(path, place)), found
        assert message.startswith(place.message), found

    first = result.locations[0]
    assert (result.message, result.path, result.line) == (
        first.message,
        first.path,
        first.line,
    )

    if code in NO_FIX:
        assert result.fix is None
        return

    settings = Settings(select=(code,))
    run = fix_repository(str(path), settings, ("safe", "unsafe"))
    assert run.written, run.failed
    assert check_one(path, code).status == "pass"
    assert fix_repository(str(path), settings, ("safe", "unsafe")).written == ()


def _two_undotted(repo: Path) -> Report:
    _tox003(repo)
    return run_rules(Repo(repo), Settings(select=("TOX",)))


def test_a_rule_counts_once_however_many_places(
    make_repo: t.Callable[..., Path],
) -> None:
    one = make_repo()
    edit(one, P, '"py3.15", "py3.14"', '"py315", "py3.14"')
    once = run_rules(Repo(one), Settings(select=("TOX",)))
    (result,) = [r for r in once.failures if r.code == "TOX003"]
    assert len(result.locations) == 1
    shutil.rmtree(one)
    twice = _two_undotted(make_repo())
    (result,) = [r for r in twice.failures if r.code == "TOX003"]
    assert len(result.locations) == 2
    assert once.score() == twice.score() < 100
    assert once.score("TOX") == twice.score("TOX")


def test_every_format_shows_every_place(
    make_repo: t.Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One finding per place, as ruff reports them: a line of text, a JSON
    location, a SARIF result and a GitHub annotation for each.
    """
    repo = make_repo()
    report = _two_undotted(repo)
    monkeypatch.chdir(repo)
    lines = [_line(repo, p) for p in CASES["TOX003"][1]]
    assert lines[0] != lines[1]
    rules = collect_rules()

    def render(name: str) -> str:
        return output.render(name, [report], rules)

    for name in ("full", "concise"):
        text = render(name)
        assert all(f"{P}:{n}:" in text for n in lines), text

    (result,) = [
        r
        for r in json.loads(render("json"))["reports"][0]["results"]
        if r["code"] == "TOX003"
    ]
    assert [place["line"] for place in result["locations"]] == lines
    sarif = json.loads(render("sarif"))["runs"][0]["results"]
    found = [r for r in sarif if r["ruleId"] == "TOX003"]
    assert [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in found
    ] == lines
    github = [line for line in render("github").splitlines() if "(TOX003)" in line]
    assert [re.findall(r",line=(\d+)", line) for line in github] == [
        [str(n)] for n in lines
    ]

    for name in ("json-lines", "gitlab", "junit", "markdown"):
        text = render(name)
        assert "'py315'" in text and "'pypy311'" in text, name
