"""Hand-written repositories of each older generation score strictly lower
than the next one, and the template's render (G6) scores highest.
"""

from __future__ import annotations

import typing as t
from pathlib import Path

import pytest

from eco_lint.check import Report
from eco_lint.check import run_rules
from eco_lint.generation import detect_generation
from eco_lint.repo import Repo

from .conftest import BIN
from .conftest import run
from .generations import build
from .generations import GENERATIONS
from .generations import LOCKED


@pytest.fixture(scope="module")
def generation_repos(
    tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]
) -> dict[str, Path]:
    repos: dict[str, Path] = {}

    for name in GENERATIONS:
        path = build(name, tmp_path_factory.mktemp(name) / "flask-tally")

        if name in LOCKED:
            run([BIN / "uv", "lock", "--quiet"], path, env)

        repos[name] = path

    return repos


@pytest.fixture(scope="module")
def reports(
    generation_repos: dict[str, Path], render: t.Callable[[str], Path]
) -> dict[str, Report]:
    result = {name: run_rules(Repo(path)) for name, path in generation_repos.items()}
    result["G6"] = run_rules(Repo(render("flask-eco-mit")))
    return result


@pytest.mark.parametrize("name", [*GENERATIONS, "G6"])
def test_detected(name: str, reports: dict[str, Report]):
    assert reports[name].generation == name


def test_scores_rise_with_each_generation(reports: dict[str, Report]):
    scores = [reports[name].score() or 0 for name in sorted(reports)]
    assert scores == sorted(scores)
    assert len(set(scores)) == len(scores), scores
    assert scores[-1] == 100


def test_generation_of_empty_folder(tmp_path: Path):
    assert detect_generation(Repo(tmp_path))[0] == "G0"


@pytest.mark.parametrize("name", GENERATIONS)
def test_fixed_generation_rises_and_says_why_not_further(
    name: str,
    tmp_path: Path,
    env: dict[str, str],
):
    """``--fix --unsafe-fixes`` raises each older generation's score, with
    files that parse, a valid pyproject, and a project that builds. Every
    failure left has no fix, or one the engine refused with its reason: a
    fix that would lose what the project owns is the maintainer's to make.
    """
    from eco_lint.check import fix_repository

    path = build(name, tmp_path / "flask-tally")

    if name in LOCKED:
        run([BIN / "uv", "lock", "--quiet"], path, env)

    before = run_rules(Repo(path)).score() or 0
    result = fix_repository(str(path), applicability=("safe", "unsafe"))
    report = result.report
    assert report.errors == {}
    assert (report.score() or 0) > before
    refused = {title: reason for title, reason in result.failed}

    for failure in report.failures:
        fix = failure.fix

        if fix is not None and fix.applicability != "display":
            assert refused.get(fix.title), (failure.code, fix.title, refused)

    repo = Repo(path)

    for file in repo.files:
        if file.endswith((".toml", ".yaml", ".yml")):
            assert (
                repo.toml(file)
                if file.endswith(".toml")
                else repo.yaml(file) is not None
            )
            assert file not in repo.errors, repo.errors[file]

    run([BIN / "validate-pyproject", "pyproject.toml"], path, env)
    run([BIN / "uv", "build", "--quiet", "--out-dir", tmp_path / "dist"], path, env)
