"""The pre-commit hooks and the GitHub Action run eco-lint where
maintainers already are.
"""

from __future__ import annotations

import json
import os
import typing as t
from pathlib import Path

import yaml

from .conftest import BIN
from .conftest import run
from .mutate import delete

ROOT = Path(__file__).parents[1]


def test_hook_manifest_is_valid(env: dict[str, str]):
    run([BIN / "pre-commit", "validate-manifest", ".pre-commit-hooks.yaml"], ROOT, env)
    hooks = {
        h["id"]: h
        for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    }
    assert set(hooks) == {"eco-lint", "eco-lint-fix"}
    assert all(h["pass_filenames"] is False for h in hooks.values())
    assert hooks["eco-lint-fix"]["entry"].endswith("--fix")


def test_action_has_no_zizmor_finding(env: dict[str, str]):
    result = run(
        [
            BIN / "zizmor",
            "--offline",
            "--no-progress",
            "--persona",
            "pedantic",
            "action.yml",
        ],
        ROOT,
        env,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert "No findings to report" in result.stdout


def test_action_steps(
    make_repo: t.Callable[..., Path], tmp_path: Path, env: dict[str, str]
):
    """Run the composite action's steps as the runner would, on a project
    with one failing rule.
    """
    project = make_repo("plain-pallets-bsd")
    delete(project, ".copier-answers.yml")
    delete(project, ".editorconfig")
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    summary, outputs = tmp_path / "summary.md", tmp_path / "outputs"
    step_env = {
        **env,
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(summary),
        "CHECK_PATH": str(project),
        "FAIL_UNDER": "",
        "SARIF": str(tmp_path / "eco-lint.sarif"),
    }
    install, check = action["runs"]["steps"]
    run(["bash", "-eo", "pipefail", "-c", install["run"]], tmp_path, step_env)
    result = run(
        ["bash", "-eo", "pipefail", "-c", check["run"]], tmp_path, step_env, check=False
    )
    assert result.returncode == 1
    assert "| LAY007 |" in summary.read_text()
    sarif = json.loads((tmp_path / "eco-lint.sarif").read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["LAY007"]
    assert outputs.read_text().startswith("score=9")

    step_env["FAIL_UNDER"] = "90"
    result = run(
        ["bash", "-eo", "pipefail", "-c", check["run"]], tmp_path, step_env, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert os.path.getsize(summary) > 0


def test_this_repository_follows_the_standard(env: dict[str, str]):
    """eco-lint run on this repository passes, waivers shown."""
    result = run([BIN / "eco-lint", "check", "."], ROOT, env, check=False)
    assert result.returncode == 0, result.stdout
    assert "score 100/100" in result.stdout
    assert "Ignored BLD001: hatchling maps copier.yml" in result.stdout
