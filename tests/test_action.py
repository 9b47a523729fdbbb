"""The GitHub Action, run step by step as the runner runs a composite
action: its ``run:`` scripts, with the runner's variables and the inputs
in the environment, from an environment installed from ``uv.lock``.
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
import typing as t
from pathlib import Path

import pytest
import yaml

from .conftest import BIN
from .conftest import run
from .mutate import delete

ROOT = Path(__file__).parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
STEPS = {step["name"]: step for step in ACTION["runs"]["steps"]}


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


class Runner:
    """The action checked out and installed in a runner's temp folder."""

    def __init__(self, action: Path, temp: Path, env: dict[str, str]) -> None:
        self.action = action
        self.temp = temp
        self.env = env
        self.calls = temp / "eco-lint-calls"

    def step(
        self, name: str, workspace: Path, **inputs: str
    ) -> tuple[t.Any, dict[str, str], str]:
        """Run a ``run:`` step; return its result, the outputs it set and
        what it added to the job summary.
        """
        step = STEPS[name]
        given = {
            name: str(spec.get("default", ""))
            for name, spec in ACTION["inputs"].items()
        }
        given.update({k.replace("_", "-"): v for k, v in inputs.items()})
        step_env = {
            key: re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda m: given[m[1]], value)
            for key, value in step.get("env", {}).items()
        }
        outputs, summary = self.temp / "output", self.temp / "summary.md"
        outputs.write_text("")
        summary.write_text("")
        result = run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            workspace,
            {
                **self.env,
                **step_env,
                "GITHUB_ACTION_PATH": str(self.action),
                "GITHUB_WORKSPACE": str(workspace),
                "GITHUB_OUTPUT": str(outputs),
                "GITHUB_STEP_SUMMARY": str(summary),
                "RUNNER_TEMP": str(self.temp),
            },
            check=False,
        )
        found = dict(
            line.split("=", 1) for line in outputs.read_text().splitlines() if line
        )
        return result, found, summary.read_text()

    def count_calls(self) -> int:
        """How many eco-lint processes ran since the last count."""
        count = len(self.calls.read_text().splitlines()) if self.calls.exists() else 0
        self.calls.unlink(missing_ok=True)
        return count


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Runner:
    """The action's files as a checkout of this repository holds them,
    installed by the action's own step; its eco-lint counts its runs.
    """
    action = tmp_path_factory.mktemp("action") / "eco-lint"
    listed = run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"], ROOT, env
    ).stdout.split("\n")

    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (action / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, action / name)

    assert "uses" in STEPS["Set up uv"]  # uv is on PATH here already
    found = Runner(action, tmp_path_factory.mktemp("runner-temp"), env)
    result, _, _ = found.step("Install eco-lint", found.temp)
    assert result.returncode == 0, result.stderr
    command = found.temp / "eco-lint/bin/eco-lint"
    command.rename(command.with_name("eco-lint-real"))
    command.write_text(
        f'#!/bin/sh\necho "$*" >> "{found.calls}"\n'
        f'exec "{command.with_name("eco-lint-real")}" "$@"\n'
    )
    command.chmod(0o755)
    return found


def test_installs_what_the_lock_pins(runner: Runner, env: dict[str, str]):
    """Every installed distribution, eco-lint and its build backend
    included, is at a version ``uv.lock`` holds.
    """
    from packaging.utils import canonicalize_name
    from packaging.version import Version

    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    pinned: dict[str, set[Version]] = {}

    for package in lock["package"]:
        pinned.setdefault(package["name"], set()).add(Version(package["version"]))

    listed = run(
        [
            runner.temp / "eco-lint/bin/python",
            "-c",
            "import importlib.metadata as m\n"
            "for d in m.distributions(): print(d.metadata['Name'], d.version)",
        ],
        runner.temp,
        env,
    ).stdout.split("\n")
    installed = {
        canonicalize_name(name): Version(version)
        for name, version in (line.split() for line in listed if line)
    }
    assert {"eco-lint", "click", "jinja2", "hatchling"} <= installed.keys()
    # Copier is for eco-lint update only.
    assert "copier" not in installed
    assert {
        name: version
        for name, version in installed.items()
        if version not in pinned.get(name, set())
    } == {}


def test_one_run_writes_every_report(runner: Runner, make_repo: t.Callable[..., Path]):
    workspace = make_repo("plain-pallets-bsd")
    delete(workspace, ".copier-answers.yml")
    delete(workspace, ".editorconfig")
    result, outputs, summary = runner.step(
        "Check",
        workspace,
        sarif="eco-lint.sarif",
        reports="json=reports/eco-lint.json\nmarkdown=eco-lint.md junit=junit.xml",
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert runner.count_calls() == 1
    assert "LAY007" in result.stdout
    (annotation,) = [x for x in result.stdout.splitlines() if x.startswith("::")]
    assert annotation.startswith(
        "::error title=eco-lint (LAY007),file=.editorconfig,line=1,col=1::"
    )
    assert "LAY007" in (workspace / "junit.xml").read_text()
    sarif = json.loads((workspace / "eco-lint.sarif").read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["LAY007"]
    report = json.loads((workspace / "reports/eco-lint.json").read_text())
    score = report["reports"][0]["score"]
    assert 90 < score < 100
    assert outputs == {"score": f"{score:.0f}"}
    assert "| LAY007 |" in summary
    assert (workspace / "eco-lint.md").read_text() == summary

    result, outputs, summary = runner.step(
        "Check", workspace, fail_under="90", summary="false", annotations="false"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert runner.count_calls() == 1
    assert summary == ""
    assert "::" not in result.stdout


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        (
            {"path": "missing"},
            "Input 'path': missing is not a folder in the workspace.",
        ),
        (
            {"fail_under": "high"},
            "Input 'fail-under': high is not a number from 0 to 100.",
        ),
        (
            {"reports": "yaml=x.yaml"},
            "Input 'reports': unknown format 'yaml'; use one of full, concise, "
            + "json, json-lines, sarif, github, gitlab, junit, markdown, text.",
        ),
        ({"reports": "sarif"}, "Input 'reports': sarif is not FORMAT=FILE."),
        ({"summary": "yes"}, "Input 'summary': yes is not true or false."),
        ({"annotations": "0"}, "Input 'annotations': 0 is not true or false."),
    ],
)
def test_bad_input_is_an_annotation(
    runner: Runner, tmp_path: Path, inputs: dict[str, str], message: str
):
    result, outputs, summary = runner.step("Check", tmp_path, **inputs)
    assert result.returncode == 2
    assert result.stdout == f"::error title=eco-lint::{message}\n"
    assert "Traceback" not in result.stderr
    assert outputs == {} and summary == ""


def test_action_pins_match_the_template_and_the_lock():
    """The action sets up uv with the template's pin of setup-uv, and the
    uv version that ``uv.lock`` holds, which reads that lock.
    """
    setup = STEPS["Set up uv"]
    action, _, sha = setup["uses"].partition("@")
    pins = yaml.safe_load((ROOT / "includes/pins.yaml").read_text())["actions"]
    assert pins[action]["sha"] == sha
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    (uv,) = [p["version"] for p in lock["package"] if p["name"] == "uv"]
    assert setup["with"]["version"] == uv
