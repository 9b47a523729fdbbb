"""GHA002: its failing cases and tests."""

from __future__ import annotations

from pathlib import Path

from eco_lint.repo import load_yaml
from eco_lint.repo import Repo
from eco_lint.template import template_root

from ...mutate import append
from ...mutate import Case
from ...mutate import fix_of
from ...mutate import write
from .helpers import apply_fix
from .helpers import changed_lines
from .helpers import sub
from .helpers import TESTS

FAILING = {
    "GHA002": [
        Case(lambda r: sub(r, TESTS, r"(actions/checkout@)[0-9a-f]{40}", r"\1v7")),
        Case(
            lambda r: sub(r, TESTS, r"(astral-sh/setup-uv@[0-9a-f]{40}) # \S+", r"\1")
        ),
        # The template does not pin octo/ci: the fix reports it, not guesses.
        Case(
            lambda r: append(
                r, TESTS, "  reuse:\n    uses: octo/ci/.github/workflows/a.yaml@main\n"
            ),
            fixable=False,
        ),
    ],
}


def test_gha002_fix_edits_only_the_uses_lines(make_repo):
    """Quotes stay; an action the template does not pin is left alone."""
    path: Path = make_repo()
    sub(path, TESTS, r"actions/checkout@\S+ # \S+", "'actions/checkout@v4' # old", 2)
    append(path, TESTS, "      - uses: octo/act@v1\n")
    old = (path / TESTS).read_text()
    applicability, changes = apply_fix(path, "GHA002")
    assert applicability == "unsafe"
    pins = load_yaml((template_root() / "includes" / "pins.yaml").read_text())
    pin = pins["actions"]["actions/checkout"]
    assert (
        changed_lines(old, changes[TESTS] or "")
        == [
            "-      - uses: 'actions/checkout@v4' # old",
            f"+      - uses: 'actions/checkout@{pin['sha']}' # {pin['tag']}",
        ]
        * 2
    )
    write(path, TESTS, changes[TESTS] or "")
    assert fix_of(Repo(path), "GHA002") is None
