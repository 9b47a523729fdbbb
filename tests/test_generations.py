"""Hand-written repositories of each older generation score strictly lower
than the next one, and the template's render (G6) scores highest.
"""

from __future__ import annotations

import shutil
import typing as t
from pathlib import Path

import pytest

from eco_lint.check import Report
from eco_lint.check import run_rules
from eco_lint.generation import detect_generation
from eco_lint.repo import Repo

from .conftest import BIN
from .conftest import run
from .generations import GENERATIONS


@pytest.fixture(scope="module")
def report(
    generation: t.Callable[[str], Path], render: t.Callable[[str], Path]
) -> t.Callable[[str], Report]:
    """The report on a generation, made when a test first asks for it; G6
    is the template's render.
    """
    cache: dict[str, Report] = {}

    def get(name: str) -> Report:
        if name not in cache:
            path = render("flask-eco-mit") if name == "G6" else generation(name)
            cache[name] = run_rules(Repo(path))

        return cache[name]

    return get


@pytest.mark.parametrize("name", [*GENERATIONS, "G6"])
def test_detected(name: str, report: t.Callable[[str], Report]):
    assert report(name).generation == name


def test_scores_rise_with_each_generation(report: t.Callable[[str], Report]):
    scores = [report(name).score() or 0 for name in [*GENERATIONS, "G6"]]
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
    built: Path,
):
    """``--fix --unsafe-fixes`` raises each older generation's score, with
    files that parse, a valid pyproject, and a project that builds. Every
    failure left has no fix, or one the engine refused with its reason: a
    fix that would lose what the project owns is the maintainer's to make.
    """
    from eco_lint.check import fix_repository

    path = tmp_path / "flask-tally"
    shutil.copytree(built, path, symlinks=True)
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
