"""META002: the licence is an SPDX expression with its text."""

from __future__ import annotations

import re

from ...edits import Edit
from ...edits import Template
from ...edits.text import WriteFile
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from ...standard import standard_for
from .._base import Metadata
from .._project import no_project
from .._project import project_line
from .._project import spdx_license
from .._pyproject import PYPROJECT
from .._tables import ArrayItems
from .._tables import TableUpdate


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

        license = repo.project.get("license")
        line = project_line(repo, "license")

        if license is None:
            return Fail("no license in [project]", PYPROJECT, project_line(repo))

        if not isinstance(license, str):
            return Fail("license is a table, not an SPDX string", PYPROJECT, line)

        problem = _spdx_problem(license)
        failed = [Fail(problem, PYPROJECT, line)] if problem else []
        expected = std.toml(PYPROJECT)["project"]["license-files"]
        found = repo.project.get("license-files")

        if found != expected:
            failed.append(
                Fail(
                    f"license-files is {found!r}, not {expected!r}",
                    PYPROJECT,
                    project_line(repo, "license-files" if found else None),
                )
            )

        failed += [
            Fail(
                f"classifier {classifier!r} repeats the license",
                PYPROJECT,
                repo.line_of(PYPROJECT, re.escape(str(classifier))),
            )
            for classifier in repo.project.get("classifiers", [])
            if str(classifier).startswith("License ::")
        ]

        # The text is compared with the licence's only when it is valid.
        if not problem and (text := _license_text(repo, license)):
            failed.append(text)

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        license = repo.project.get("license")
        edits: list[Edit] = []

        if not isinstance(license, str) or _spdx_problem(license):
            spdx = spdx_license(repo, license)

            if spdx is None:
                return None

            edits.append(
                TableUpdate(
                    PYPROJECT,
                    ("project",),
                    values=(("license", spdx),),
                    after=(("license", "readme"),),
                )
            )
            license = spdx

        expected = std.toml(PYPROJECT)["project"]["license-files"]

        if repo.project.get("license-files") != expected:
            edits.append(
                TableUpdate(
                    PYPROJECT,
                    ("project",),
                    values=(("license-files", Template(("project", "license-files"))),),
                    after=(("license-files", "license"),),
                )
            )

        classifiers = [
            str(c)
            for c in repo.project.get("classifiers", [])
            if str(c).startswith("License ::")
        ]

        if classifiers:
            edits.append(
                ArrayItems(
                    PYPROJECT, ("project", "classifiers"), remove=tuple(classifiers)
                )
            )

        if edits:
            first = edits[0]
            title = "Drop the License classifiers"

            if isinstance(first, TableUpdate):
                title = f"Set {first.values[0][0]} as the template has it"

            return Fix(title, "safe", tuple(edits))

        if _license_text(repo, license) is not None:
            standard = std

            if standard.answers.get("license") != license:
                standard = Standard({**standard.answers, "license": license})

            text = standard.text("LICENSE.txt")

            if text is not None:
                return Fix(
                    f"Write the {license} text to LICENSE.txt",
                    "display",
                    (WriteFile("LICENSE.txt", text),),
                )

        return None


def _license_text(repo: Repo, license: str) -> Fail | None:
    """Compare ``LICENSE.txt`` with the template's text for the licence,
    when the template has one and the file exists.
    """
    found = repo.text("LICENSE.txt")
    standard = standard_for(repo)

    if found is None or license not in {"BSD-3-Clause", "MIT"}:
        return None

    if standard.answers.get("license") != license:
        standard = Standard({**standard.answers, "license": license})

    expected = standard.text("LICENSE.txt") or ""

    if _license_body(found) != _license_body(expected):
        return Fail(f"LICENSE.txt is not the {license} text", "LICENSE.txt")

    return None
