"""META002: the licence is an SPDX expression with its text."""

from __future__ import annotations

import dataclasses
import re

from ...edits import Edit
from ...edits import Template
from ...edits.tables import ArrayItems
from ...edits.tables import TableUpdate
from ...edits.text import WriteFile
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import choices
from ...standard import Standard
from .._base import Metadata
from .._edits import carrying
from .._project import no_project
from .._project import project_line
from .._project import spdx_license
from .._pyproject import PYPROJECT


def _license_body(text: str) -> str:
    """A licence text without its title and copyright lines, in lowercase
    words, so that wrapping and the holder do not matter.
    """
    lines = text.splitlines()
    copyright = [
        i
        for i, line in enumerate(lines)
        if re.match(r"\s*copyright\s+(\(c\)\s+|©\s*)?[0-9]{4}", line, re.I)
    ]

    if copyright:
        lines = lines[copyright[-1] + 1 :]

    return " ".join(" ".join(lines).lower().split())


def _spdx_problem(value: str) -> str | None:
    """Why a licence string is not an SPDX expression, or ``None``."""
    try:
        from packaging.licenses import canonicalize_license_expression
        from packaging.licenses import InvalidLicenseExpression
    except ImportError:  # packaging before 24.2 has no SPDX licence list
        if re.fullmatch(r"[\w.+-]++( (AND|OR|WITH) [\w.+-]++)*", value):
            return None

        return f"license {value!r} is not an SPDX expression"

    try:
        canonical = canonicalize_license_expression(value)
    except InvalidLicenseExpression:
        return f"license {value!r} is not an SPDX expression"

    if canonical != value:
        return f"license {value!r} is not written as {canonical!r}"

    return None


class META002(Metadata):
    """License is an SPDX expression with LICENSE.txt

    ## What it does
    Checks that `[project]` has `license` as an SPDX string and
    `license-files = ["LICENSE.txt"]`, that no `License ::` classifier
    remains, and that `LICENSE.txt` holds the text of the licence named, when
    it is BSD-3-Clause or MIT.

    ## Why
    PEP 639 made `license` an SPDX expression and deprecated both the table
    form and the `License ::` classifiers, which can contradict it.
    `license-files` puts the text in every wheel and sdist. A text that is
    not the licence the metadata names leaves the terms unclear.

    ## Example
    ```toml
    license = {file = "LICENSE.rst"}
    classifiers = ["License :: OSI Approved :: BSD License"]
    ```

    Use instead: `license = "BSD-3-Clause"`, `license-files = ["LICENSE.txt"]`
    and no `License ::` classifier.

    ## Fix
    Writes the SPDX string (the declared one written canonically, or the
    licence `LICENSE.txt` holds) and the template's `license-files`, and
    drops the `License ::` classifiers. Safe. Rewriting a licence text that
    does not match is display only: the text or the metadata may be the
    right one.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if skip := no_project(repo):
            return skip

        found = _Found.of(repo)
        license = found.license
        line = project_line(repo, "license")

        if license is None:
            failed = [Fail("no license in [project]", PYPROJECT, project_line(repo))]
        elif not isinstance(license, str):
            failed = [Fail("license is a table, not an SPDX string", PYPROJECT, line)]
        else:
            failed = _failures(repo, std, found, license)

        return carrying(failed, lambda: _fix(repo, std, found))


@dataclasses.dataclass(frozen=True)
class _Found:
    """What ``[project]`` says of the licence: its ``license``, why that is
    not an SPDX expression, the ``license-files`` it has, and its
    ``License ::`` classifiers.
    """

    license: object
    problem: str | None
    files: object
    classifiers: tuple[object, ...]

    @classmethod
    def of(cls, repo: Repo) -> _Found:
        license = repo.project.get("license")
        return cls(
            license=license,
            problem=_spdx_problem(license) if isinstance(license, str) else None,
            files=repo.project.get("license-files"),
            classifiers=tuple(
                c
                for c in repo.project.get("classifiers", [])
                if str(c).startswith("License ::")
            ),
        )


def _license_files(std: Standard) -> object:
    """The template's ``license-files``."""
    return std.toml(PYPROJECT)["project"]["license-files"]


def _failures(repo: Repo, std: Standard, found: _Found, license: str) -> list[Fail]:
    """The findings on a ``license`` string, its files, classifiers and text."""
    line = project_line(repo, "license")
    failed = [Fail(found.problem, PYPROJECT, line)] if found.problem else []

    # The render is read only for a licence string, as the fix reads it.
    expected = _license_files(std)

    if found.files != expected:
        failed.append(
            Fail(
                f"license-files is {found.files!r}, not {expected!r}",
                PYPROJECT,
                project_line(repo, "license-files" if found.files else None),
            )
        )

    failed += [
        Fail(
            f"classifier {classifier!r} repeats the license",
            PYPROJECT,
            repo.line_of(PYPROJECT, re.escape(str(classifier))),
        )
        for classifier in found.classifiers
    ]

    # The text is compared with the licence's only when it is valid.
    if not found.problem and (text := _license_text(repo, std, license)):
        failed.append(text)

    return failed


def _fix(repo: Repo, std: Standard, found: _Found) -> Fix | None:
    """Write the metadata as the template has it; else, display the
    licence's text.
    """
    license = found.license
    edits: list[Edit] = []

    if not isinstance(license, str) or found.problem:
        license = spdx_license(repo, license)

        if license is None:
            return None

        edits.append(
            TableUpdate(
                PYPROJECT,
                ("project",),
                values=(("license", license),),
                after=(("license", "readme"),),
            )
        )

    edits += _license_edits(found, std)

    if edits:
        first = edits[0]
        title = "Drop the License classifiers"

        if isinstance(first, TableUpdate):
            title = f"Set {first.values[0][0]} as the template has it"

        return Fix(title, "safe", tuple(edits))

    if _license_text(repo, std, license) is not None:
        text = _licensed(std, license).text("LICENSE.txt")

        if text is not None:
            return Fix(
                f"Write the {license} text to LICENSE.txt",
                "display",
                (WriteFile("LICENSE.txt", text),),
            )

    return None


def _license_edits(found: _Found, std: Standard) -> list[Edit]:
    """Write the template's ``license-files``, drop the classifiers."""
    edits: list[Edit] = []

    if found.files != _license_files(std):
        edits.append(
            TableUpdate(
                PYPROJECT,
                ("project",),
                values=(("license-files", Template(("project", "license-files"))),),
                after=(("license-files", "license"),),
            )
        )

    if found.classifiers:
        remove = tuple(str(c) for c in found.classifiers)
        edits.append(ArrayItems(PYPROJECT, ("project", "classifiers"), remove=remove))

    return edits


def _licensed(std: Standard, license: str) -> Standard:
    """The template rendered with this licence."""
    if std.answers.get("license") == license:
        return std

    return Standard({**std.answers, "license": license})


def _license_text(repo: Repo, std: Standard, license: str) -> Fail | None:
    """Compare ``LICENSE.txt`` with the template's text for the licence,
    when the template has one and the file exists.
    """
    found = repo.text("LICENSE.txt")

    if found is None or license not in (choices("license") or ()):
        return None

    expected = _licensed(std, license).text("LICENSE.txt") or ""

    if _license_body(found) != _license_body(expected):
        return Fail(f"LICENSE.txt is not the {license} text", "LICENSE.txt")

    return None
