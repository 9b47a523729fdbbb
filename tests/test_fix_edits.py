"""Edits keep everything they do not touch byte for byte: comments, key
order, quoting, indentation and CRLF line endings.
"""

from __future__ import annotations

import difflib
import os
import typing as t
from pathlib import Path

import pytest

from eco_lint.edits import Template
from eco_lint.edits.text import EditLines
from eco_lint.edits.text import WriteFile
from eco_lint.edits.toml import TomlRemove
from eco_lint.edits.toml import TomlSet
from eco_lint.edits.yaml import YamlRemove
from eco_lint.edits.yaml import YamlSet
from eco_lint.errors import EcoLintError
from eco_lint.fix import Change
from eco_lint.fix import Fix
from eco_lint.fix import plan
from eco_lint.repo import Repo
from eco_lint.transaction import write

PYPROJECT = """\
# The project's own comment, kept.
[project]
name = 'Flask-Greeting'   # single quotes, kept
version = "0.1.0.dev"
dependencies = [
    "flask>=3.1",  # why this bound
]

[tool.mypy]
strict = true
"""

WORKFLOW = """\
name: Tests  # the name
on:
  push:
    branches: ['main', "stable"]
jobs:
  tests:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        include:
          - {python: '3.14'}
          - {name: Mac, python: "3.13", os: macos-latest}
    steps:
      # check out first
      - uses: actions/checkout@v4
      - run: >
          echo "folded"
"""


def _diff(old: str, new: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(
            old.splitlines(), new.splitlines(), lineterm=""
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _repo(tmp_path: Path, files: dict[str, str]) -> Repo:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode())

    return Repo(tmp_path)


def _apply(repo: Repo, *edits: t.Any) -> dict[str, str | None]:
    changes, failed = plan(repo, [Fix("test", "safe", tuple(edits))])
    assert failed == []
    return {c.path: c.new for c in changes}


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_toml_set_from_template_keeps_the_rest(tmp_path: Path, newline: str):
    old = PYPROJECT.replace("\n", newline)
    repo = _repo(tmp_path, {"pyproject.toml": old})
    new = _apply(
        repo, TomlSet("pyproject.toml", ("tool", "uv"), Template(("tool", "uv")))
    )
    text = new["pyproject.toml"]
    assert text is not None
    assert text.startswith(old)
    assert text.count("\r\n") == (text.count("\n") if newline == "\r\n" else 0)
    assert all(line.startswith("+") for line in _diff(old, text))
    assert 'default-groups = ["dev", "pre-commit", "tests", "typing"]' in text


def test_toml_set_value_changes_one_line(tmp_path: Path):
    repo = _repo(tmp_path, {"pyproject.toml": PYPROJECT})
    text = _apply(repo, TomlSet("pyproject.toml", ("tool", "mypy", "strict"), False))[
        "pyproject.toml"
    ]
    assert _diff(PYPROJECT, text or "") == ["-strict = true", "+strict = false"]


def test_toml_remove(tmp_path: Path):
    repo = _repo(tmp_path, {"pyproject.toml": PYPROJECT})
    text = _apply(repo, TomlRemove("pyproject.toml", ("tool", "mypy")))[
        "pyproject.toml"
    ]
    assert text is not None
    assert "[tool.mypy]" not in text
    assert text.startswith(PYPROJECT.partition("[tool.mypy]")[0].rstrip("\n"))


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_yaml_set_keeps_comments_quotes_and_flow(tmp_path: Path, newline: str):
    old = WORKFLOW.replace("\n", newline)
    repo = _repo(tmp_path, {".github/workflows/tests.yaml": old})
    edits = (
        YamlSet(
            ".github/workflows/tests.yaml",
            ("jobs", "tests", "steps", 0, "with", "persist-credentials"),
            False,
        ),
        YamlSet(".github/workflows/tests.yaml", ("permissions",), {}, after=("on",)),
    )
    text = _apply(repo, *edits)[".github/workflows/tests.yaml"]
    assert text is not None
    assert _diff(old, text) == [
        "+permissions: {}",
        "+        with:",
        "+          persist-credentials: false",
    ]
    assert (newline == "\r\n") == ("\r\n" in text)


def test_yaml_remove(tmp_path: Path):
    repo = _repo(tmp_path, {"w.yaml": WORKFLOW})
    text = _apply(repo, YamlRemove("w.yaml", ("jobs", "tests", "strategy")))["w.yaml"]
    assert text is not None
    assert "matrix" not in text
    assert all(line.startswith("-") for line in _diff(WORKFLOW, text))


def test_edit_lines_keeps_crlf(tmp_path: Path):
    repo = _repo(tmp_path, {".gitignore": "dist/\r\nuv.lock\r\n"})
    text = _apply(repo, EditLines(".gitignore", add=(".tox/",), remove=("uv.lock",)))
    assert text[".gitignore"] == "dist/\r\n.tox/\r\n"


def test_unparseable_file_is_never_rewritten(tmp_path: Path):
    repo = _repo(tmp_path, {"pyproject.toml": "[project\nname = 1\n"})
    assert repo.pyproject == {}
    changes, failed = plan(
        repo, [Fix("x", "safe", (TomlSet("pyproject.toml", ("tool", "uv"), {}),))]
    )
    assert changes == []
    assert "cannot be parsed" in failed[0][1]


def test_conflicting_fix_is_left_out_and_others_apply(tmp_path: Path):
    repo = _repo(tmp_path, {"a.yaml": "a: 1\n"})
    bad = Fix("bad", "safe", (YamlRemove("missing.yaml", ("a",)),))
    good = Fix("good", "safe", (YamlSet("a.yaml", ("b",), 2),))
    changes, failed = plan(repo, [bad, good])
    assert [c.path for c in changes] == ["a.yaml"]
    assert [f.title for f, _ in failed] == ["bad"]


def test_write_is_atomic_and_keeps_mode(tmp_path: Path):
    repo = _repo(tmp_path, {"run.sh": "old\n"})
    os.chmod(tmp_path / "run.sh", 0o755)
    assert write(repo, [Change("run.sh", "old\n", "new\n")]) == ["run.sh"]
    assert (tmp_path / "run.sh").read_text() == "new\n"
    assert os.stat(tmp_path / "run.sh").st_mode & 0o777 == 0o755
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.sh"]


def test_write_refuses_symlinks_and_outside(tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "repo"
    root.mkdir()
    (root / "link").symlink_to(outside)
    repo = Repo(root)

    with pytest.raises(EcoLintError, match="symlink"):
        write(repo, [Change("link/file.txt", None, "x")])

    with pytest.raises(EcoLintError, match="outside"):
        write(repo, [Change("../escape.txt", None, "x")])

    assert list(outside.iterdir()) == []
    assert not (tmp_path / "escape.txt").exists()


def test_write_file_from_template(tmp_path: Path):
    repo = _repo(tmp_path, {"pyproject.toml": PYPROJECT})
    text = _apply(repo, WriteFile(".editorconfig"))[".editorconfig"]
    assert text is not None and text.startswith("root = true\n")
