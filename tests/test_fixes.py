"""For every fixable rule: its failing cases, fixed with ``--fix
--unsafe-fixes``, pass; no other rule newly fails; a second run changes
nothing.
"""

from __future__ import annotations

import typing as t
from pathlib import Path

import pytest

from eco_lint.check import fix_repository
from eco_lint.check import run_rules
from eco_lint.repo import Repo

from .mutate import Case
from .mutate import needs_lock
from .test_registry import FAILING
from .test_registry import RULES

ALL = ("safe", "unsafe")


def _failing(path: Path) -> set[str]:
    return {r.code for r in run_rules(Repo(path)).failures}


def _cases(locked: bool) -> list[t.Any]:
    return [
        pytest.param(code, case, id=f"{code}-{index}")
        for code, cases in FAILING.items()
        for index, case in enumerate(cases)
        if RULES[code].fixable and case.fixable and needs_lock(code, index) == locked
    ]


def _fixes(path: Path, code: str, case: Case) -> None:
    if case.prepare is not None:
        case.prepare(path)

    case.apply(path)
    before = _failing(path)
    assert code in before
    run = fix_repository(str(path), applicability=ALL)
    after = {r.code for r in run.report.failures}
    assert code not in after, run
    assert after <= before - {code}, f"newly failing: {after - before}"
    assert run.written
    assert fix_repository(str(path), applicability=ALL).written == ()


# Each runs every rule, fixes in rounds and compares the project's facts:
# about half a second, too long for the fast tier.
@pytest.mark.slow
@pytest.mark.parametrize(("code", "case"), _cases(locked=False))
def test_fix(code: str, case: Case, quick_repo: t.Callable[[str], Path]) -> None:
    _fixes(quick_repo(case.base), code, case)


@pytest.mark.parametrize(("code", "case"), _cases(locked=True))
def test_fix_locked(code: str, case: Case, make_repo: t.Callable[[str], Path]) -> None:
    _fixes(make_repo(case.base), code, case)


def test_every_fixable_rule_has_a_fixable_case():
    fixable = {code for code in RULES if RULES[code].fixable}
    covered = {code for code, cases in FAILING.items() if any(c.fixable for c in cases)}
    assert sorted(fixable - covered) == []
