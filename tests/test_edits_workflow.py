"""The route-addressed workflow edits, on small workflows: each changes
what its route names and keeps the rest of the file byte for byte.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from eco_lint.edits import FixConflict
from eco_lint.edits import Template
from eco_lint.edits.workflow import AddStep
from eco_lint.edits.workflow import RemoveSteps
from eco_lint.edits.workflow import Step
from eco_lint.edits.workflow import steps_of
from eco_lint.edits.yaml import YamlChange
from eco_lint.edits.yaml import YamlRemove
from eco_lint.edits.yaml import YamlSet
from eco_lint.repo import Repo

PATH = ".github/workflows/publish.yaml"

WORKFLOW = """\
name: Publish
on:
  push:
    tags: ['*']  # the project's tags
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      # check out first
      - uses: actions/checkout@v4
      - uses: Actions/Upload-Artifact@v4  # the project's comment
        with:
          name: dist
      - run: |
          uv   build
  release:
    needs: build
    steps:
      - uses: actions/download-artifact@v4
        with:
          pattern: dist-*
"""

TEMPLATE = """\
name: Publish
on:
  push:
    tags: ['*']
permissions: {}
jobs:
  build:
    name: Build
    runs-on: ubuntu-latest
    outputs:
      artifact-id: ${{ steps.upload.outputs.artifact-id }}
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-uv@v6
      - run: uv build
      - uses: actions/upload-artifact@v4
        id: upload
        with:
          name: dist
          if-no-files-found: error
"""


def applied(edit: YamlChange, text: str, tmp_path: Path) -> str:
    """The workflow after the edit, as a diff of its lines."""
    new = edit.apply(text, Repo(tmp_path)) or ""
    return "\n".join(
        line
        for line in difflib.unified_diff(text.splitlines(), new.splitlines(), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    )


def test_step_matches_action_in_any_case_and_command_by_pattern() -> None:
    assert (
        Step(uses="actions/upload-artifact").matches({"uses": "Actions/X@v1"}) is False
    )
    assert Step(uses="actions/upload-artifact").matches(
        {"uses": " Actions/Upload-Artifact@v4"}
    )
    assert Step(uses="Actions/Checkout").matches({"uses": "actions/checkout@v4"})
    assert Step(run="uv build").matches({"run": "uv   build\n"})
    assert not Step(uses="actions/checkout").matches({"run": "actions/checkout"})
    named = Step(uses="actions/upload-artifact", inputs=(("name", "dist"),))
    unset = Step(uses="actions/upload-artifact", inputs=(("path", None),))
    upload = {"uses": "actions/upload-artifact@v4", "with": {"name": "dist"}}
    assert named.matches(upload) and unset.matches(upload)
    assert not named.matches({**upload, "with": {"name": "docs"}})
    assert not unset.matches({**upload, "with": {"path": "dist/"}})
    assert not Step(run="x").matches("run: x")


def test_put_in_matched_steps_creates_the_mappings_above(tmp_path: Path) -> None:
    route = (*steps_of("build", run="uv build"), "env", "SOURCE_DATE_EPOCH")
    assert applied(
        YamlSet(PATH, route, "0", expected=TEMPLATE), WORKFLOW, tmp_path
    ) == ("+        env:\n+          SOURCE_DATE_EPOCH: '0'")


def test_put_template_value_in_template_order(tmp_path: Path) -> None:
    route = ("jobs", "build", "outputs")
    edit = YamlSet(PATH, route, Template(route), ordered=True, expected=TEMPLATE)
    assert applied(edit, WORKFLOW, tmp_path) == (
        "+    outputs:\n+      artifact-id: ${{ steps.upload.outputs.artifact-id }}"
    )
    text = (edit.apply(WORKFLOW, Repo(tmp_path)) or "").splitlines()
    assert text.index("    outputs:") == text.index("    runs-on: ubuntu-latest") + 1
    last = YamlSet(PATH, route, Template(route), expected=TEMPLATE)
    text = (last.apply(WORKFLOW, Repo(tmp_path)) or "").splitlines()
    assert text.index("    outputs:") == text.index("  release:") - 2


def test_put_a_new_key_after_an_anchor_or_last(tmp_path: Path) -> None:
    after = YamlSet(PATH, ("permissions",), {}, after=("on", "name"), expected=TEMPLATE)
    last = YamlSet(PATH, ("permissions",), {}, after=("nowhere",), expected=TEMPLATE)
    assert (after.apply(WORKFLOW, Repo(tmp_path)) or "").splitlines()[4] == (
        "permissions: {}"
    )
    assert (last.apply(WORKFLOW, Repo(tmp_path)) or "").endswith("permissions: {}\n")


def test_put_an_equal_value_leaves_the_file_as_it_is(tmp_path: Path) -> None:
    odd = WORKFLOW.replace("['*']", "[ '*' ]")
    edit = YamlSet(PATH, ("on",), Template(("on",)), expected=TEMPLATE)
    assert edit.apply(odd, Repo(tmp_path)) == odd


def test_put_below_a_scalar_is_a_conflict(tmp_path: Path) -> None:
    edit = YamlSet(PATH, ("jobs", "release", "needs", "x", "y"), 1, expected=TEMPLATE)
    with pytest.raises(FixConflict):
        edit.apply(WORKFLOW, Repo(tmp_path))


def test_remove_from_matched_steps_drops_what_it_leaves_empty(tmp_path: Path) -> None:
    download = steps_of("release", "actions/download-artifact")
    upload = steps_of("build", "actions/upload-artifact")
    assert applied(
        YamlRemove(PATH, (*download, "with", "pattern")), WORKFLOW, tmp_path
    ) == ("-        with:\n-          pattern: dist-*")
    assert (
        applied(YamlRemove(PATH, (*upload, "with", "path")), WORKFLOW, tmp_path) == ""
    )
    removed = YamlRemove(PATH, ("jobs", "release", "needs")).apply(
        WORKFLOW, Repo(tmp_path)
    )
    assert "needs" not in (removed or "")


def test_add_step_at_an_index_once(tmp_path: Path) -> None:
    source = ("jobs", "build", "steps", 1)
    edit = AddStep(PATH, "build", source, 1, expected=TEMPLATE)
    new = edit.apply(WORKFLOW, Repo(tmp_path)) or ""
    assert applied(edit, WORKFLOW, tmp_path) == "+      - uses: actions/setup-uv@v6"
    assert new.splitlines()[10] == "      - uses: actions/setup-uv@v6"
    assert edit.apply(new, Repo(tmp_path)) == new
    upload = AddStep(PATH, "build", ("jobs", "build", "steps", 3), expected=TEMPLATE)
    assert upload.apply(WORKFLOW, Repo(tmp_path)) == WORKFLOW


def test_add_step_in_the_template_order(tmp_path: Path) -> None:
    source = ("jobs", "build", "steps", 1)
    ordered = AddStep(PATH, "release", source, "ordered", expected=TEMPLATE)
    last = AddStep(PATH, "release", source, expected=TEMPLATE)
    after = AddStep(PATH, "build", source, "ordered", expected=TEMPLATE)
    assert (after.apply(WORKFLOW, Repo(tmp_path)) or "").splitlines()[10] == (
        "      - uses: actions/setup-uv@v6"
    )
    assert (ordered.apply(WORKFLOW, Repo(tmp_path)) or "").splitlines()[18] == (
        "      - uses: actions/setup-uv@v6"
    )
    assert (last.apply(WORKFLOW, Repo(tmp_path)) or "").splitlines()[-1] == (
        "      - uses: actions/setup-uv@v6"
    )


def test_remove_steps_of_one_job_or_all(tmp_path: Path) -> None:
    checkout = RemoveSteps(PATH, "actions/checkout")
    assert applied(checkout, WORKFLOW, tmp_path) == "-      - uses: actions/checkout@v4"
    having = RemoveSteps(PATH, "actions/upload-artifact", "build", ("path",))
    assert having.apply(WORKFLOW, Repo(tmp_path)) == WORKFLOW
    other = RemoveSteps(PATH, "actions/download-artifact", "build")
    assert other.apply(WORKFLOW, Repo(tmp_path)) == WORKFLOW
