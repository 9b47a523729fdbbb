"""META005: classifiers say typed and name no Python versions."""

from __future__ import annotations

import re
import typing as t

from ...edits.tables import ArrayItems
from ...fix import Fix
from ...fix import refusal
from ...registry import Fail
from ...registry import Outcome
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Metadata
from .._base import recorded_typed
from .._base import typing_evidence
from .._base import UNTYPED
from .._edits import carrying
from .._project import no_project
from .._project import project_line
from .._pyproject import PYPROJECT


class META005(Metadata):
    """Classifiers say typed and name no Python versions

    ## What it does
    Checks that the classifiers include `Typing :: Typed`, and no
    `Programming Language :: Python :: 3.X` (or `:: 3`, `:: 3 :: Only`)
    classifier. A project that records the template answer `typed: false`,
    as adoption does for a package without `py.typed`, is not asked for
    `Typing :: Typed`.

    ## Why
    `Typing :: Typed` tells users and PyPI searches that the package ships
    type information (with `py.typed`). The supported versions are stated once,
    in `requires-python`; per-version classifiers have to be edited on every
    Python release and go stale.

    ## Example
    ```toml
    classifiers = [
        "Programming Language :: Python :: 3.9",
        "Programming Language :: Python :: 3.10",
    ]
    ```

    Use instead: `"Programming Language :: Python"` and `"Typing :: Typed"`.

    ## Fix
    Removes the version classifiers, and adds `Typing :: Typed` when the
    package ships `py.typed`, records `typed: true`, or annotates every
    function and runs mypy strict. Safe. Adding it when the annotations are
    not checked that strictly is unsafe, since the classifier promises users
    complete, checked annotations; for a package whose functions are not
    annotated the finding says why it is not added.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if skip := no_project(repo):
            return skip

        classifiers = _classifiers(repo)

        if classifiers is None:
            reason = "classifiers is not an array of strings; META003 reports it"
            return Skip(reason, "META003")
        versions = tuple(c for c in classifiers if _VERSION.match(c))
        failed = [
            Fail(
                f"version classifier {classifier!r}",
                PYPROJECT,
                repo.line_of(PYPROJECT, re.escape(classifier)),
            )
            for classifier in versions
        ]
        typed = "Typing :: Typed" not in classifiers

        if typed and recorded_typed(repo) is not False:
            failed.append(
                Fail(
                    "no 'Typing :: Typed' classifier",
                    PYPROJECT,
                    project_line(repo, "classifiers"),
                )
            )

        return carrying(failed, lambda: _fix(repo, versions, typed))


_VERSION = re.compile(r"Programming Language :: Python :: \d")


def _classifiers(repo: Repo) -> list[str] | None:
    """The classifiers as written, ``None`` when they are not an array of
    strings: a string would read letter by letter, and the file's type
    check leaves it out, which would read as no classifiers at all.
    """
    project = repo.toml(PYPROJECT).get("project")
    found = project.get("classifiers", []) if isinstance(project, dict) else []

    if not isinstance(found, list) or not all(isinstance(c, str) for c in found):
        return None

    return found


def _fix(repo: Repo, versions: tuple[str, ...], lacks_typed: bool) -> Fix | None:
    """Drop the version classifiers, and add ``Typing :: Typed`` as far as
    the package shows that it is typed.
    """
    typed = ("Typing :: Typed",) if lacks_typed else ()
    title = "Add the Typing :: Typed classifier"
    applicability: t.Literal["safe", "unsafe"] = "safe"
    evidence = typing_evidence(repo)

    # The classifier makes the promise py.typed makes: see LAY002.
    if typed and evidence != "typed":
        if recorded_typed(repo) is False or evidence is None:
            if not versions:
                return refusal(title, UNTYPED)

            typed = ()
        else:
            applicability = "unsafe"

    if not typed:
        title = "Drop the Python version classifiers"

    edit = ArrayItems(PYPROJECT, ("project", "classifiers"), add=typed, remove=versions)
    return Fix(title, applicability, (edit,))
