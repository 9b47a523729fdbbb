"""META005: classifiers say typed and name no Python versions."""

from __future__ import annotations

from pathlib import Path

from eco_lint.repo import Repo

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import fix_of
from ...mutate import write
from .helpers import add_classifier
from .helpers import add_version_classifier
from .helpers import fixed_files
from .helpers import PY
from .helpers import refusal_reason

FAILING = {
    "META005": [
        Case(lambda r: edit(r, PY, '    "Typing :: Typed",\n', "")),
        Case(lambda r: add_classifier(r, "Programming Language :: Python :: 3.10")),
        Case(
            lambda r: add_classifier(r, "Programming Language :: Python :: 3 :: Only")
        ),
    ],
}


def test_meta005_does_not_promise_types_for_an_untyped_package(make_repo):
    """Flask-Login has neither py.typed nor a type checker: the classifier
    is not added, and the version classifiers still go.
    """
    from ..layout.helpers import untyped

    path: Path = make_repo()
    untyped(path)
    assert check_one(path, "META005").status == "fail"
    reason = refusal_reason(path, "META005")
    assert "not typed" in reason and "Typing :: Typed" in reason
    add_version_classifier(path)
    fix = fix_of(Repo(path), "META005")
    assert fix is not None and fix.applicability == "safe"
    text = fixed_files(path, "META005")[PY] or ""
    assert "Typing :: Typed" not in text and ":: 3.11" not in text


def test_meta005_typed_false_asks_no_classifier(make_repo):
    from ..layout.helpers import untyped

    path: Path = make_repo()
    untyped(path, "false")
    assert check_one(path, "META005").status == "pass"
    add_version_classifier(path)
    assert check_one(path, "META005").status == "fail"


def test_meta005_classifier_follows_py_typed(make_repo):
    """A package that ships py.typed says so: the fix is safe."""
    from ..layout.helpers import untyped

    path: Path = make_repo()
    untyped(path)
    write(path, "src/flask_greeting/py.typed", "")
    fix = fix_of(Repo(path), "META005")
    assert fix is not None and fix.applicability == "safe"
    assert '"Typing :: Typed"' in (fixed_files(path, "META005")[PY] or "")
