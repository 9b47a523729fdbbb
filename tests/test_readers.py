"""The readers of each format that the rules share, and the INI edit."""

from __future__ import annotations

import ast
import typing as t
from pathlib import Path

import pytest

from eco_lint.edits import FixConflict
from eco_lint.edits.ini import RemoveSections
from eco_lint.repo import Repo
from eco_lint.rules._base import typing_evidence
from eco_lint.rules._ini import section_line
from eco_lint.rules._ini import sections
from eco_lint.rules._pyproject import header_keys
from eco_lint.rules._pyproject import standard_table
from eco_lint.rules._pyproject import table_line
from eco_lint.rules._tox import env
from eco_lint.rules._tox import env_list
from eco_lint.rules._tox import env_list_line
from eco_lint.rules._tox import envs
from eco_lint.rules._tox import ini_envs
from eco_lint.rules._tox import standard_env_list
from eco_lint.rules._tox import ToxEnv
from eco_lint.rules.precommit._config import Hook
from eco_lint.rules.precommit._config import hook_repos
from eco_lint.standard import standard_for

SETUP_CFG = (
    "# setup\n[metadata]\nname = x\n\n[flake8]  ; lint\nmax-line-length = 88\n\n"
    "[options.extras_require]\na = b\n"
)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        # A section in the middle goes with the blank lines before the next.
        (
            "flake8",
            "# setup\n[metadata]\nname = x\n\n[options.extras_require]\na = b\n",
        ),
        # The last section goes: the file ends at the kept text.
        (
            r"options\..*",
            "# setup\n[metadata]\nname = x\n\n[flake8]  ; lint\nmax-line-length = 88\n",
        ),
        # Names match whole, not by prefix.
        ("option", SETUP_CFG),
        # Nothing but comments left: the file is deleted.
        (r"metadata|flake8|options(\..*)?", None),
    ],
)
def test_remove_sections(tmp_path: Path, pattern: str, expected: str | None) -> None:
    assert RemoveSections("setup.cfg", pattern).apply(SETUP_CFG, Repo(tmp_path)) == (
        expected
    )


def test_remove_sections_keeps_line_endings_and_other_blank_lines(
    tmp_path: Path,
) -> None:
    text = "[a]\nx = 1\n\n\n\n[b]\ny = 2\n\n[c]\nz = 3\n"
    edit = RemoveSections("tox.ini", "b")
    assert edit.apply(text, Repo(tmp_path)) == "[a]\nx = 1\n\n\n\n[c]\nz = 3\n"
    crlf = text.replace("\n", "\r\n")
    assert edit.apply(crlf, Repo(tmp_path)) == (
        "[a]\r\nx = 1\r\n\r\n\r\n\r\n[c]\r\nz = 3\r\n"
    )


def test_required_sections(tmp_path: Path) -> None:
    """A section a finding points at must be there when the fix applies."""
    edit = RemoveSections(".flake8", "flake8", required=True)

    with pytest.raises(FixConflict, match="does not exist"):
        edit.apply(None, Repo(tmp_path))

    with pytest.raises(FixConflict, match="no section"):
        edit.apply("[isort]\nx = 1\n", Repo(tmp_path))

    assert RemoveSections("setup.cfg", "flake8").apply(None, Repo(tmp_path)) is None


PYPROJECT = """\
[project]
name = "x"

[tool.tox.env.tests-min]
commands = [
    [
        "uv", "pip", "install",
    ],
    ["pytest"]
]
description = '''
[not.a.table]
'''
base_python = ["3.13"]

[tool.tox.env."py3.11"]  # a comment
'runner' = "uv-venv-runner"

[[tool.mypy.overrides]]
module = "x"
"""


@pytest.mark.parametrize(
    ("table", "key", "line"),
    [
        ("project", "name", 2),
        ("project", "version", 1),
        # Past a nested array written over several lines, and a string.
        (("tool", "tox", "env", "tests-min"), "base_python", 14),
        (("tool", "tox", "env", "tests-min"), "module", 4),
        # A quoted key in the header, a comment after it, a quoted key.
        (("tool", "tox", "env", "py3.11"), "runner", 17),
        ("tool.tox.env.py3", None, None),
        ("tool.mypy.overrides", "module", 20),
        ("not.a.table", None, None),
        ("tool.tox", None, None),
    ],
)
def test_table_line(
    tmp_path: Path, table: str | tuple[str, ...], key: str | None, line: int | None
) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    assert table_line(Repo(tmp_path), "pyproject.toml", table, key) == line


def test_header_keys() -> None:
    assert header_keys(' [ tool . "a.b" ]  # x') == ("tool", "a.b")
    assert header_keys("[[tool.mypy.overrides]]") == ("tool", "mypy", "overrides")
    assert header_keys('  ["pytest"],') is None
    assert header_keys("key = 1") is None


def test_typing_evidence_reads_the_package_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LAY002 and META005 both ask; the package's code is parsed once."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "pkg"\n')
    (tmp_path / "src" / "pkg").mkdir(parents=True)
    (tmp_path / "src" / "pkg" / "__init__.py").write_text("def f() -> int: ...\n")
    parsed: list[str] = []
    real = ast.parse

    def parse(source: str, *args: t.Any, **kwargs: t.Any) -> ast.Module:
        parsed.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(ast, "parse", parse)
    repo = Repo(tmp_path)
    assert [typing_evidence(repo), typing_evidence(repo)] == ["annotated"] * 2
    assert parsed == ["def f() -> int: ...\n"]


def test_ini_sections_and_their_lines(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_text(SETUP_CFG)
    (tmp_path / "tox.ini").write_text("[tox]\nenvlist = py\n[ testenv:docs ]\n")
    (tmp_path / ".flake8").write_text("[flake8]\n")
    repo = Repo(tmp_path)
    assert list(sections(repo, "setup.cfg")) == [
        "metadata",
        "flake8",
        "options.extras_require",
    ]
    assert sections(repo, ".flake8") == {}
    assert section_line(repo, "setup.cfg", "flake8") == 5
    assert section_line(repo, "tox.ini", "testenv:docs") == 3
    assert section_line(repo, "tox.ini", "testenv") is None


TOX = """\
[tool.tox]
env_list = ["py3.13", "docs"]

[tool.tox.env.docs]
runner = "uv-venv-lock-runner"
dependency_groups = ["docs", 1]
extras = ["x"]
deps = "not a list"
commands_pre = [["uv", "pip", "install", "x==1"]]
commands = [
    ["sphinx-build", {replace = "posargs"}, "-W"],
]

[tool.tox.env.empty]
"""


def test_tox_envs(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(TOX)
    repo = Repo(tmp_path)
    docs = env(repo, "docs")
    assert docs is not None
    assert docs.runner == "uv-venv-lock-runner"
    assert docs.dependency_groups == ("docs",)
    assert (docs.extras, docs.deps) == (("x",), ())
    assert docs.commands_pre == (("uv", "pip", "install", "x==1"),)
    # tox's replacement tables drop out.
    assert docs.commands == (("sphinx-build", "-W"),)
    # Commands keep their places.
    assert ToxEnv("x", {"commands": ["a", ["b"]]}).commands == ((), ("b",))
    assert env(repo, "empty") is None
    assert env(repo, "missing") is None
    assert [e.name for e in envs(repo)] == ["docs", "empty"]
    assert env_list(repo) == ["py3.13", "docs"]
    assert env_list_line(repo) == 2


def test_tox_ini_envs(tmp_path: Path) -> None:
    (tmp_path / "tox.ini").write_text(
        "[tox]\nenvlist = py\n[testenv]\ncommands =\n  pytest -v\n\n  coverage\n"
        "[testenv:docs]\ncommands = sphinx-build -W docs out\n[flake8]\nx = 1\n"
    )
    found = ini_envs(Repo(tmp_path))
    assert [(e.name, e.section, e.commands) for e in found] == [
        ("testenv", "testenv", (("pytest", "-v"), ("coverage",))),
        ("docs", "testenv:docs", (("sphinx-build", "-W", "docs", "out"),)),
    ]
    assert env_list(Repo(tmp_path)) is None


def test_hook_repos() -> None:
    config = {
        "repos": [
            {
                "repo": "https://github.com/Astral-sh/ruff-pre-commit.git/",
                "rev": "0123",
                "hooks": [
                    {"id": "ruff-check", "args": ["--fix", "--select=I", 3]},
                    "not a hook",
                ],
            },
            {"repo": "local", "hooks": [{"id": "mypy"}]},
            "not a repository",
        ]
    }
    ruff, local = hook_repos(config)
    assert ruff.url == "https://github.com/astral-sh/ruff-pre-commit"
    assert ruff.repo == "https://github.com/Astral-sh/ruff-pre-commit.git/"
    assert (ruff.rev, local.rev) == ("0123", None)
    assert ruff.hooks == (Hook("ruff-check", ("--fix", "--select=I", "3")),)
    # Valued arguments are the project's; flags are the standard's.
    assert ruff.hooks[0].flags == {"--fix"}
    assert local.ids == {"mypy"}
    assert hook_repos({"repos": "x"}) == hook_repos(None) == []


def test_standard_table(tmp_path: Path) -> None:
    std = standard_for(Repo(tmp_path))
    assert standard_table(std, "tool", "tox")["env_list"] == standard_env_list(std)
    assert standard_table(std, "project", "name") == {}
    assert standard_table(std, "no", "such") == {}


def test_tox_envs_can_be_hashed() -> None:
    assert len({ToxEnv("a", {"x": [1]}), ToxEnv("a", {"x": [1]})}) == 1
