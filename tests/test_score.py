"""The score only rises with the standard: a file a rule needs that is
missing counts as that rule failing, so that removing a workflow, the
pre-commit config or the tox config never raises it, and an empty folder
scores below every real package.
"""

from __future__ import annotations

import re
import shutil
import typing as t
from pathlib import Path

import pytest

from eco_lint.check import run_rules
from eco_lint.registry import Fail
from eco_lint.registry import Skip
from eco_lint.repo import Repo

from .answer_sets import ANSWERS
from .generations import GENERATIONS


def _score(path: Path) -> float:
    return run_rules(Repo(path)).score() or 0


def _removals(path: Path) -> list[str]:
    """Each workflow, the pre-commit config and the tox config."""
    repo = Repo(path)
    found = [
        name
        for name in repo.files
        if name.startswith(".github/workflows/")
        or name in (".pre-commit-config.yaml", "tox.ini")
    ]

    if "tox" in repo.tool():
        found.append("[tool.tox]")

    return found


def _remove(path: Path, name: str) -> None:
    if name != "[tool.tox]":
        (path / name).unlink()
        return

    pyproject = path / "pyproject.toml"
    text = pyproject.read_text()
    text = re.sub(
        r"^\[tool\.tox\b.*?(?=^\[(?!tool\.tox\b)|\Z)", "", text, flags=re.S | re.M
    )
    pyproject.write_text(text)


def _never_raised(path: Path, tmp_path: Path) -> None:
    before = _score(path)
    removals = _removals(path)
    assert removals

    for name in removals:
        copy = tmp_path / f"without-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(path, copy, symlinks=True)
        _remove(copy, name)
        assert _score(copy) <= before, name


def test_empty_folder_scores_below_every_generation(
    tmp_path: Path, generation: t.Callable[[str], Path]
):
    empty = _score(tmp_path)

    for name in GENERATIONS:
        assert empty < _score(generation(name)), name


def test_generations_keep_their_order(
    generation: t.Callable[[str], Path], render: t.Callable[[str], Path]
):
    scores = [_score(generation(name)) for name in GENERATIONS]
    scores.append(_score(render("flask-eco-mit")))
    assert scores == sorted(scores)
    assert len(set(scores)) == len(scores), scores


@pytest.mark.parametrize("name", GENERATIONS)
def test_removing_a_file_never_raises_a_generation(
    name: str, built: Path, tmp_path: Path
):
    _never_raised(built, tmp_path)


@pytest.mark.parametrize("answers", ANSWERS)
def test_render_scores_100_and_removing_a_file_lowers_it(
    answers: str, render: t.Callable[[str], Path], tmp_path: Path
):
    path = render(answers)
    report = run_rules(Repo(path))
    assert report.score() == 100, [(r.code, r.message) for r in report.failures]

    for name in _removals(path):
        copy = tmp_path / f"without-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(path, copy, symlinks=True)
        _remove(copy, name)
        assert _score(copy) < 100, name


def test_skip_counts_as_failing(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    report = run_rules(Repo(tmp_path))
    skipped = [r for r in report.results if r.status == "skip"]
    assert skipped
    checked = [r for r in report.results if r.status in ("pass", "fail", "skip")]
    passed = sum(r.weight for r in checked if r.status == "pass")
    assert report.score() == 100 * passed / sum(r.weight for r in checked)


def test_rule_reports_every_place_and_counts_once(tmp_path: Path):
    from eco_lint.check import _outcome

    base = {"code": "GHA002", "family": "GHA", "title": "t", "weight": 5}
    places = [Fail("a", "x.yaml", 3, 7), Fail("b", "y.yaml", 4)]
    result = _outcome(base, places)
    assert result.status == "fail"
    assert (result.message, result.path, result.line, result.column) == (
        "a",
        "x.yaml",
        3,
        7,
    )
    assert result.locations == tuple(places)
    assert _outcome(base, []).status == "pass"
    assert _outcome(base, Skip("no file")).status == "skip"


def test_every_unpinned_action_is_reported(make_repo: t.Callable[..., Path]):
    path = make_repo()
    tests = path / ".github/workflows/tests.yaml"
    text = re.sub(
        r"actions/checkout@[0-9a-f]{40}", "actions/checkout@v6", tests.read_text()
    )
    tests.write_text(text)
    report = run_rules(Repo(path))
    (result,) = [r for r in report.results if r.code == "GHA002"]
    assert result.status == "fail"
    lines = [f.line for f in result.locations]
    assert len(lines) == text.count("actions/checkout@v6") >= 2
    assert lines == sorted(lines)
    assert report.score() < 100


def test_waiving_a_rule_waives_the_rules_resting_on_it(tmp_path: Path):
    """A project that waives BLD001 (it cannot build with flit_core) is not
    charged for the flit_core config rules, nor LAY002 for LAY001's layout;
    without the waiver those rules count as failing.
    """
    from eco_lint.settings import Settings

    (tmp_path / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
        '[project]\nname = "x"\n'
    )
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "__init__.py").write_text("")
    plain = {r.code: r.status for r in run_rules(Repo(tmp_path)).results}
    assert plain["BLD002"] == plain["BLD003"] == plain["LAY002"] == "skip"
    waived = Settings(ignore={"BLD001": "hatch hooks", "LAY001": "flat layout"})
    statuses = {r.code: r.status for r in run_rules(Repo(tmp_path), waived).results}
    assert statuses["BLD001"] == statuses["LAY001"] == "ignored"
    assert statuses["BLD002"] == statuses["BLD003"] == statuses["LAY002"] == "n/a"
