"""Named facts of the rendered standard: found in the render by what they
are, the same whatever the answers.
"""

from __future__ import annotations

import typing as t

import pytest

from eco_lint.facts.ci import PUBLISH_ACTIONS
from eco_lint.facts.ci import uploads_to_pypi
from eco_lint.rules import _facts
from eco_lint.rules._roles import DOES
from eco_lint.rules._roles import roles_of
from eco_lint.rules._workflows import workflow_steps
from eco_lint.standard import Standard
from eco_lint.template import written_if

#: Answers that change which files the template renders.
OTHER = {"org": "pallets", "template_updates": True, "license": "MIT"}


def test_backend_is_the_build_system_table() -> None:
    found = _facts.backend()
    table = _facts.template().toml("pyproject.toml")["build-system"]
    assert found.module == table["build-backend"]
    assert list(found.requires) == table["requires"]
    assert found.name == found.module.partition(".")[0]
    assert found.name in found.requires[0]


@pytest.mark.parametrize("role", sorted(DOES))
def test_each_role_has_one_template_workflow(role: t.Any) -> None:
    path = _facts.workflow_of(role)
    assert role in roles_of(_facts.template().yaml(path))
    # The same path whatever the answers.
    assert _facts.workflow_of(role) in Standard(OTHER).files()
    assert _facts.has_workflow(Standard(OTHER), role)


def test_a_role_the_template_lacks_is_an_error() -> None:
    with pytest.raises(LookupError):
        _facts.workflow_of("none")  # type: ignore[arg-type]


def test_actions_given_an_input() -> None:
    std = _facts.template()
    found = _facts.actions_given("persist-credentials")
    assert found
    every = {
        step.action
        for name in std.files()
        if name.startswith(".github/workflows/")
        for step in workflow_steps(std.yaml(name))
        if step.action is not None
    }
    assert found < every
    assert _facts.actions_given("no-such-input") == frozenset()


def test_publishing_parts_are_found_by_what_they_do() -> None:
    found = _facts.publishing()
    data = _facts.template().yaml(found.path)
    build = data["jobs"][found.build]
    assert "outputs" in build
    used = {s.get("uses", "").partition("@")[0] for s in build["steps"]}
    assert {found.upload, found.setup_uv, found.setup_python} <= used
    assert found.cache not in used  # a release build restores no cache
    text = _facts.template().text(found.path) or ""
    assert f"{found.download}@" in text
    assert f"{found.pypi}@" in text
    assert f"run: {found.release} " in text
    assert found.pypi in PUBLISH_ACTIONS


def test_what_uploads_to_pypi() -> None:
    assert uploads_to_pypi({"uses": "PyPA/gh-action-pypi-publish@release/v1"})
    assert uploads_to_pypi({"run": "uv build\ntwine  upload dist/*"})
    assert uploads_to_pypi({"run": "poetry publish --build"})
    assert not uploads_to_pypi({"run": "uv build"})
    assert not uploads_to_pypi({"uses": "actions/upload-artifact@v4"})
    assert not uploads_to_pypi("run: twine upload")


def test_one_value_or_an_error() -> None:
    assert _facts._one(["a", "a", None], "x") == "a"

    with pytest.raises(LookupError):
        _facts._one(["a", "b"], "x")

    assert _facts._command("gh release create --draft x") == "gh release create"


def test_files_written_only_for_a_yes() -> None:
    (found,) = written_if("template_updates")
    assert found.startswith(".github/workflows/")
    assert found in Standard(OTHER).files()
    assert found not in _facts.template().files()
    assert written_if("devcontainer")
    assert all(p.startswith(".devcontainer/") for p in written_if("devcontainer"))
    assert written_if("no_such_question") == ()


def test_tox_envs_are_found_by_what_they_run() -> None:
    found = _facts.tox_envs()
    tox = _facts.template().toml("pyproject.toml")["tool"]["tox"]
    listed = tox["env_list"]
    assert {found.style, found.typing, found.docs, found.tests_min} <= set(listed)
    assert found.docs_auto in tox["env"]
    # The update envs: every env with a label, none of those tox runs by
    # default, each of them refreshing something.
    assert len(found.update) == 3
    assert not set(found.update) & set(listed)
    assert all(tox["env"][name]["labels"] for name in found.update)
    assert tox["env"][found.typing]["commands"][0] == ["mypy"]
    assert _facts._pins_exactly(("uv", "pip", "install", "flask==3.1"))
    assert not _facts._pins_exactly(("uv", "pip", "install", "flask>=3.1"))
