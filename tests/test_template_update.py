"""The opt-in Template update workflow: its script runs against a local bare
remote, with ``eco-lint`` from this environment in place of the installed
one.
"""

from __future__ import annotations

import typing as t
from pathlib import Path

import copier
import pytest
import yaml

from .answer_sets import ANSWERS
from .conftest import run

WORKFLOW = ".github/workflows/template-update.yaml"
BRANCH = "eco-lint/template-update"


def _template(
    template_repo: Path, folder: Path, env: dict[str, str], newer: bool
) -> Path:
    """A clone of the template, with a newer tag that changes
    ``.editorconfig`` when ``newer`` is true.
    """
    path = folder / "template"
    run(["git", "clone", "-q", template_repo, path], folder, env)

    if newer:
        editorconfig = path / "template" / ".editorconfig"
        editorconfig.write_text(
            editorconfig.read_text() + "\n[*.toml]\nindent_size = 4\n"
        )
        run(["git", "commit", "-q", "-am", "newer"], path, env)
        run(["git", "tag", "99.0.0"], path, env)

    return path


def _project(
    template: Path, tag: str, folder: Path, env: dict[str, str]
) -> tuple[Path, Path]:
    """A project made from the template, pushed to a bare remote."""
    answers = ANSWERS["quart-eco"]
    assert answers["template_updates"] is True
    path = folder / "project"
    copier.run_copy(
        str(template), path, data=answers, defaults=True, quiet=True, vcs_ref=tag
    )
    remote = folder / "remote.git"
    run(["git", "init", "-q", "--bare", remote], folder, env)
    run(["git", "init", "-q"], path, env)
    run(["git", "add", "-A"], path, env)
    run(["git", "commit", "-q", "-m", "start"], path, env)
    run(["git", "remote", "add", "origin", remote], path, env)
    run(["git", "push", "-q", "origin", "HEAD:refs/heads/main"], path, env)
    return path, remote


def _run_script(project: Path, env: dict[str, str], output: Path) -> t.Any:
    """Run the workflow's update step as the runner would: its script with
    its plain environment values.
    """
    workflow = yaml.safe_load((project / WORKFLOW).read_text())
    (step,) = [
        s for s in workflow["jobs"]["update"]["steps"] if s.get("id") == "update"
    ]
    values = {k: v for k, v in step["env"].items() if "${{" not in str(v)}
    assert values == {"BRANCH": BRANCH}
    return run(
        ["bash", "-c", step["run"]],
        project,
        {**env, **values, "GITHUB_OUTPUT": str(output)},
        check=False,
    )


def _branch(remote: Path, env: dict[str, str]) -> str:
    return run(["git", "ls-remote", remote, f"refs/heads/{BRANCH}"], remote, env).stdout


def test_no_newer_version_does_nothing(
    template_repo: Path, template_tag: str, env: dict[str, str], tmp_path: Path
):
    template = _template(template_repo, tmp_path, env, newer=False)
    project, remote = _project(template, template_tag, tmp_path, env)
    output = tmp_path / "output"
    result = _run_script(project, env, output)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Already on the newest template version." in result.stdout
    assert _branch(remote, env) == ""
    assert not output.exists() or output.read_text() == ""


def test_newer_version_is_pushed_to_a_branch(
    template_repo: Path, template_tag: str, env: dict[str, str], tmp_path: Path
):
    template = _template(template_repo, tmp_path, env, newer=True)
    project, remote = _project(template, template_tag, tmp_path, env)
    output = tmp_path / "output"
    result = _run_script(project, env, output)
    assert result.returncode == 0, result.stdout + result.stderr
    assert output.read_text() == "version=99.0.0\n"
    assert _branch(remote, env)
    shown = run(["git", "show", f"{BRANCH}:.editorconfig"], remote, env).stdout
    assert shown.endswith("[*.toml]\nindent_size = 4\n")
    answers = run(["git", "show", f"{BRANCH}:.copier-answers.yml"], remote, env).stdout
    assert "_commit: 99.0.0" in answers
    log = run(["git", "log", "--format=%s", "-1", BRANCH], remote, env).stdout
    assert log == "Update to template version 99.0.0\n"


def test_conflict_fails_naming_the_file(
    template_repo: Path, template_tag: str, env: dict[str, str], tmp_path: Path
):
    template = _template(template_repo, tmp_path, env, newer=True)
    project, remote = _project(template, template_tag, tmp_path, env)
    editorconfig = project / ".editorconfig"
    editorconfig.write_text(editorconfig.read_text() + "\n[*.toml]\nindent_size = 2\n")
    run(["git", "commit", "-q", "-am", "own toml indent"], project, env)
    output = tmp_path / "output"
    result = _run_script(project, env, output)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Conflicts remain in:\n  .editorconfig\n" in result.stdout
    assert "::error file=.editorconfig::" in result.stdout
    assert _branch(remote, env) == ""


@pytest.mark.parametrize("name", ANSWERS)
def test_workflow_is_opt_in(name: str):
    from eco_lint.standard import Standard

    wanted = bool(ANSWERS[name].get("template_updates"))
    assert (Standard(ANSWERS[name]).text(WORKFLOW) is not None) == wanted
