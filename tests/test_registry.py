"""Tests over the whole registry: every rule has docs, a weight, a case
that fails it and a render that passes it; the README table is current.
"""

from __future__ import annotations

import importlib
import re
import typing as t
from pathlib import Path

import pytest
import yaml

from eco_lint.check import Result
from eco_lint.check import run_rules
from eco_lint.output import rules_docs
from eco_lint.output import rules_table
from eco_lint.registry import collect_rules
from eco_lint.registry import DOC_SECTIONS
from eco_lint.registry import pinned
from eco_lint.repo import Repo
from eco_lint.template import template_root

from .answer_sets import ANSWERS
from .mutate import Case
from .mutate import check_one
from .mutate import needs_lock

RULES = collect_rules()
README = Path(__file__).parents[1] / "README.md"
RULES_DOCS = Path(__file__).parents[1] / "docs" / "rules.md"


def _failing_cases() -> dict[str, list[Case]]:
    """The ``FAILING`` tables of the rules' test modules: each rule's in
    ``tests/rules/<family>/test_<code>.py``, or a family's in
    ``tests/test_rules_<family>.py``.
    """
    here = Path(__file__).parent
    paths = [*here.glob("test_rules_*.py"), *here.glob("rules/*/test_*.py")]
    cases: dict[str, list[Case]] = {}

    for path in sorted(paths):
        name = ".".join(path.relative_to(here).with_suffix("").parts)
        module = importlib.import_module(f"tests.{name}")

        for code, found in getattr(module, "FAILING", {}).items():
            cases.setdefault(code, []).extend(found)

    return cases


FAILING = _failing_cases()


@pytest.mark.parametrize("code", RULES)
def test_docs(code: str):
    rule = RULES[code]
    docs = rule.docs()
    positions = [docs.find(f"{section}\n") for section in DOC_SECTIONS]
    assert -1 not in positions, f"{code} docs lack a section"
    assert positions == sorted(positions)
    assert rule.title() and not rule.title().endswith(".")
    assert 1 <= rule.weight <= 5
    assert rule.requires <= RULES.keys()


def test_docs_take_pins_from_the_pin_table():
    """An example that shows a pinned action or hook writes
    ``{pin:owner/action}`` or ``{rev:url}``, which the docs fill in from
    ``includes/pins.yaml``: a pin written out goes stale when the template
    moves on.
    """
    spelled = {
        code
        for code, rule in RULES.items()
        if re.search(r"[0-9a-f]{40}", rule.__doc__ or "")
    }
    assert sorted(spelled) == []


def test_pins_are_filled_in_from_the_pin_table():
    pins = yaml.safe_load((template_root() / "includes" / "pins.yaml").read_text())
    checkout = pins["actions"]["actions/checkout"]
    ruff = pins["pre-commit"]["https://github.com/astral-sh/ruff-pre-commit"]
    text = pinned(
        "- uses: {pin:actions/checkout}\n"
        "  rev: {rev:https://github.com/astral-sh/ruff-pre-commit}\n"
    )
    assert text == (
        f"- uses: actions/checkout@{checkout['sha']} # {checkout['tag']}\n"
        f"  rev: {ruff['sha']}  # frozen: {ruff['tag']}\n"
    )

    with pytest.raises(KeyError):
        pinned("{pin:actions/unknown}")


def test_every_rule_has_a_failing_case():
    assert sorted(FAILING) == sorted(RULES)


def _cases(locked: bool) -> list[t.Any]:
    return [
        pytest.param(code, case, id=f"{code}-{index}")
        for code, cases in FAILING.items()
        for index, case in enumerate(cases)
        if needs_lock(code, index) == locked
    ]


def _fails(path: Path, code: str, case: Case) -> None:
    if case.prepare is not None:
        case.prepare(path)

    assert check_one(path, code).status == "pass"
    case.apply(path)
    result = check_one(path, code)
    assert result.status == "fail", result
    assert result.message
    # A rule that says it has no fix carries none.
    assert result.fix is None or RULES[code].fixable


@pytest.mark.parametrize(("code", "case"), _cases(locked=False))
def test_failing_case(code: str, case: Case, quick_repo: t.Callable[[str], Path]):
    """Each case makes its rule fail on a project that passed it."""
    _fails(quick_repo(case.base), code, case)


@pytest.mark.parametrize(("code", "case"), _cases(locked=True))
def test_failing_case_locked(
    code: str, case: Case, make_repo: t.Callable[[str], Path]
) -> None:
    _fails(make_repo(case.base), code, case)


@pytest.fixture(scope="module")
def render_results(render: t.Callable[[str], Path]) -> t.Callable[[str], list[Result]]:
    """The results on an answer set's render, made when a test first asks."""
    cache: dict[str, list[Result]] = {}

    def get(name: str) -> list[Result]:
        if name not in cache:
            cache[name] = list(run_rules(Repo(render(name))).results)

        return cache[name]

    return get


@pytest.mark.parametrize("name", ANSWERS)
def test_render_scores_100(name: str, render_results: t.Callable[[str], list[Result]]):
    results = render_results(name)
    assert [r for r in results if r.status in ("fail", "skip")] == []


def test_every_rule_passes_on_a_render(
    render_results: t.Callable[[str], list[Result]],
):
    passed = {
        r.code for name in ANSWERS for r in render_results(name) if r.status == "pass"
    }
    prepared = {
        code for code, cases in FAILING.items() if any(c.prepare for c in cases)
    }
    assert sorted(set(RULES) - passed - prepared) == []


def test_readme_rule_table():
    """The README's rule table is generated from the registry:
    ``eco-lint rules --format markdown``.
    """
    text = README.read_text()
    match = re.search(r"<!-- rules: begin -->\n(.*?)<!-- rules: end -->", text, re.S)
    assert match, "README.md has no rules table markers"
    assert match.group(1) == rules_table(RULES), (
        "README.md's rule table is stale: paste `eco-lint rules --format markdown`"
    )


def test_rules_docs_page():
    """``docs/rules.md`` is generated: ``eco-lint rules --format docs``."""
    assert RULES_DOCS.read_text() == rules_docs(RULES), (
        "docs/rules.md is stale: run `eco-lint rules --format docs > docs/rules.md`"
    )
