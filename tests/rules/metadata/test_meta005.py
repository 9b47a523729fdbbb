"""META005: classifiers say typed and name no Python versions."""

from __future__ import annotations

from pathlib import Path

from eco_lint.registry import Skip
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


def _classifiers_as_text(path: Path) -> None:
    """The classifiers of a ``setup.cfg`` carried over to pyproject.toml as
    the one string they were there.
    """
    text = (path / PY).read_text()
    start = text.index("classifiers = [")
    end = text.index("]\n", start) + 2
    (path / PY).write_text(
        text[:start] + 'classifiers = """\n'
        "    Programming Language :: Python :: 3.9\n"
        "    Programming Language :: Python :: 3 :: Only\n"
        '    Typing :: Typed\n"""\n' + text[end:]
    )


def test_meta005_leaves_classifiers_of_another_type_to_meta003(quick_repo):
    """Classifiers written as one string are read neither letter by
    letter nor as none (which is how the file's type check leaves them,
    and would report a missing ``Typing :: Typed`` that the string has):
    the rule itself skips them, as META003 reports the type and repairs
    it, whether or not the engine has already stopped it for the file's
    types.
    """
    from eco_lint.rules.metadata.meta005 import META005
    from eco_lint.standard import standard_for

    path: Path = quick_repo()
    _classifiers_as_text(path)
    repo = Repo(path)

    outcome = META005.check(repo, standard_for(repo))

    assert isinstance(outcome, Skip)
    reason = "classifiers is not an array of strings; META003 reports it"
    assert outcome == Skip(reason, "META003")
    assert check_one(path, "META005").status == "skip"
    assert check_one(path, "META003").status == "fail"
