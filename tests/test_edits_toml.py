"""The TOML operations of ``eco_lint.edits.tables`` and the primitives of
``eco_lint.edits.toml`` they are written on: each changes what it is
asked to and keeps the rest of the file as it was written.
"""

from __future__ import annotations

import typing as t
from pathlib import Path

import pytest

from eco_lint.edits import FixConflict
from eco_lint.edits import toml
from eco_lint.edits.tables import ArrayItems
from eco_lint.edits.tables import RewriteArrays
from eco_lint.edits.tables import TableUpdate
from eco_lint.edits.tables import TomlList
from eco_lint.edits.toml import TomlItem
from eco_lint.repo import Repo

PY = "pyproject.toml"

ENVS = """\
[tool.tox.env.docs]
commands = [
    # build the docs
    ["sphinx-build", "-b", "html", "docs", "out"],  # the html
]

[tool.tox.env.style]
commands = [["pre-commit", "run"]]
"""


def _with(value: str, keys: tuple[str | int, ...], args: list[t.Any]) -> list[t.Any]:
    """``value`` after the program of a ``sphinx-build`` command."""
    return [args[0], value, *args[1:]] if args[:1] == ["sphinx-build"] else args


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_rewrite_arrays_inserts_keeping_the_layout(tmp_path: Path, newline: str):
    old = ENVS.replace("\n", newline)
    keys = ("tool", "tox", "env", "*", "commands", "*")
    edit = RewriteArrays(PY, keys, lambda k, args: _with("-W", k, args))
    new = edit.apply(old, Repo(tmp_path))
    assert new == old.replace('"sphinx-build", "-b"', '"sphinx-build", "-W", "-b"')


def test_rewrite_arrays_passes_the_keys_and_replaces_the_middle(tmp_path: Path):
    seen: list[tuple[str | int, ...]] = []

    def change(keys: tuple[str | int, ...], args: list[t.Any]) -> list[t.Any]:
        seen.append(keys)
        return ["pre-commit", "run", "-a"] if args == ["pre-commit", "run"] else args

    edit = RewriteArrays(PY, ("tool", "tox", "env", "*", "commands", "*"), change)
    new = edit.apply(ENVS, Repo(tmp_path))
    assert seen == [
        ("tool", "tox", "env", "docs", "commands", 0),
        ("tool", "tox", "env", "style", "commands", 0),
    ]
    assert new == ENVS.replace('["pre-commit", "run"]', '["pre-commit", "run", "-a"]')


def test_rewrite_arrays_that_keep_their_items_leave_the_file(tmp_path: Path):
    old = "[a]\nb = [ 1,2 ,3 ]  # odd spacing\n"
    edit = RewriteArrays(PY, ("a", "b"), lambda keys, items: list(items))
    assert edit.apply(old, Repo(tmp_path)) == old
    edit = RewriteArrays(PY, ("a", "b"), lambda keys, items: [1, 9, 3])
    assert edit.apply(old, Repo(tmp_path)) == "[a]\nb = [ 1, 9,3 ]  # odd spacing\n"
    with pytest.raises(FixConflict):
        edit.apply(None, Repo(tmp_path))


def test_toml_list_adds_in_order_with_the_template_comment(tmp_path: Path):
    old = '[tool]\nenvs = [\n    "a",  # first\n    "c",\n]\n'
    like = toml.parse('envs = [\n    "a",\n    "b",  # the second\n    "c",\n]\n')
    edit = TomlList(PY, ("tool", "envs"), add=("b", "d"), like=like["envs"])
    new = edit.apply(old, Repo(tmp_path))
    assert new == (
        '[tool]\nenvs = [\n    "a",  # first\n    "b",  # the second\n'
        '    "c",\n    "d",\n]\n'
    )
    assert edit.apply(new or "", Repo(tmp_path)) == new


def test_toml_list_first_and_before(tmp_path: Path):
    old = '[x]\ny = ["b", "a", "c"]\n'
    edit = TomlList(PY, ("x", "y"), first=("a",), add=("z",), before="c")
    assert edit.apply(old, Repo(tmp_path)) == '[x]\ny = ["a", "b", "z", "c"]\n'


def test_toml_list_prunes_what_it_empties(tmp_path: Path):
    old = '[project]\nname = "p"\n\n[tool.x]\ny = ["a"]\n'
    edit = TomlList(PY, ("tool", "x", "y"), remove=("a",), prune=True)
    assert edit.apply(old, Repo(tmp_path)) == '[project]\nname = "p"\n'
    missing = TomlList(PY, ("tool", "z", "y"), remove=("a",))
    assert missing.apply(old, Repo(tmp_path)) == old


def test_array_items_appends_removes_and_creates(tmp_path: Path):
    old = '[a]\nb = ["x",  "y"]\n'
    edit = ArrayItems(PY, ("a", "b"), add=("z",), remove=("x",))
    assert edit.apply(old, Repo(tmp_path)) == '[a]\nb = ["y", "z"]\n'
    created = ArrayItems(PY, ("a", "c"), add=("p", "q"))
    assert created.apply(old, Repo(tmp_path)) == (
        '[a]\nb = ["x",  "y"]\nc = [\n    "p",\n    "q",\n]\n'
    )
    assert ArrayItems(PY, ("a", "c"), remove=("p",)).apply(None, Repo(tmp_path)) is None


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_table_update_keeps_the_rest(tmp_path: Path, newline: str):
    old = (
        "# mine\n[project]\nname = 'x'  # kept\ndynamic = [\"version\"]\n\n"
        "[tool.mypy]\nstrict = true\n"
    ).replace("\n", newline)
    repo = Repo(tmp_path)
    edit = TableUpdate(
        PY,
        ("project",),
        values=(("version", "1.0"), ("name", "y")),
        undynamic=("version",),
        missing_only=True,
        after=(("version", "name"),),
    )
    new = edit.apply(old, repo)
    assert new == (
        "# mine\n[project]\nname = 'x'  # kept\nversion = \"1.0\"\n\n"
        "[tool.mypy]\nstrict = true\n"
    ).replace("\n", newline)
    assert edit.apply(new, repo) == new


def test_table_update_puts_a_new_table_first_and_prunes(tmp_path: Path):
    old = "[tool.mypy]\nstrict = true\n"
    edit = TableUpdate(PY, ("project",), values=(("name", "p"),), first=("project",))
    new = edit.apply(old, Repo(tmp_path))
    assert new == '[project]\nname = "p"\n\n[tool.mypy]\nstrict = true\n'
    removal = TableUpdate(PY, ("tool", "mypy"), remove=("strict",))
    assert removal.apply(old, Repo(tmp_path)) == ""


class _Rename(toml.TomlChange):
    def change(self, doc: t.Any, repo: Repo) -> None:
        doc["new"] = doc.pop("old", "value")


def test_toml_change_starts_a_missing_file_and_keeps_the_ends(tmp_path: Path):
    edit = _Rename(PY)
    assert edit.apply(None, Repo(tmp_path)) == 'new = "value"\n'
    assert edit.apply("old = 1\r\n", Repo(tmp_path)) == "new = 1\r\n"


def test_toml_item_replaces_and_inserts(tmp_path: Path):
    old = '[a]\nb = [\n    ["x"],  # kept\n    ["y"],\n]\n'
    replace = TomlItem(PY, ("a", "b"), 1, ["z"])
    assert replace.apply(old, Repo(tmp_path)) == old.replace('["y"]', '["z"]')
    insert = TomlItem(PY, ("a", "b"), 0, ["w"], insert=True)
    assert insert.apply(old, Repo(tmp_path)) == old.replace(
        '    ["x"]', '    ["w"],\n    ["x"]'
    )

    with pytest.raises(FixConflict):
        TomlItem(PY, ("a", "b"), 2, ["z"]).apply(old, Repo(tmp_path))


def test_put_places_a_new_key():
    doc = toml.parse("[t]\na = 1\nc = 3\n")
    toml.put(doc["t"], "b", 2, after="a")
    toml.put(doc["t"], "z", 0, after="")
    toml.put(doc["t"], "d", 4, after="missing")
    toml.put(doc["t"], "a", 10, after="c")
    assert toml.dumps(doc) == "[t]\nz = 0\na = 10\nb = 2\nc = 3\nd = 4\n"


def test_put_before_and_prune():
    doc = toml.parse("[project]\nname = 'p'\n\n[tool.x]\ny = 1\n")
    table = toml.new_table()
    table["dev"] = ["a"]
    table.add(toml.blank_line())
    toml.put_before(doc, "dependency-groups", table, ("build-system", "tool"))
    del doc["tool"]["x"]["y"]
    toml.prune(doc, ("tool", "x"))
    assert toml.dumps(doc) == (
        "[project]\nname = 'p'\n\n[dependency-groups]\ndev = [\"a\"]\n\n"
    )


def test_tidy_keeps_the_file_s_own_ends():
    assert toml.tidy("\n\na = 1\n\n\n", "b = 2\n") == "a = 1\n"
    assert toml.tidy("\na = 1\n\n", "\nb = 2\n\n") == "\na = 1\n\n"
    assert toml.tidy("\n\n", "b = 2\n") == ""
