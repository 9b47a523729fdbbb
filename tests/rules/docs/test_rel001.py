"""REL001: its failing cases and its own tests."""

from __future__ import annotations

from eco_lint.repo import Repo

from ...mutate import append
from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import fix_of
from ...mutate import write
from .helpers import fix_all
from .helpers import RELEASED
from .helpers import RST
from .helpers import RST_CHANGES

FAILING = {
    "REL001": [
        # Renaming the section would lose the released 0.0.9: refused.
        Case(
            lambda r: edit(r, "CHANGES.md", "## Version 0.1.0", "## Version 0.0.9"),
            fixable=False,
        ),
        Case(lambda r: edit(r, "CHANGES.md", "Unreleased", "Released 2026-01-01")),
        Case(lambda r: edit(r, "CHANGES.md", "Unreleased\n\n", "")),
        Case(lambda r: edit(r, "CHANGES.md", "## Version", "# Version")),
        # The release date of 0.1.0 cannot be known: the fix is only shown.
        Case(
            lambda r: edit(
                r, "pyproject.toml", 'version = "0.1.0.dev"', 'version = "0.1.0"'
            ),
            fixable=False,
        ),
        Case(
            lambda r: edit(r, "CHANGES.rst", "-------------", "-----"), base=RST_CHANGES
        ),
        Case(lambda r: edit(r, "CHANGES.md", "0.1.0\n\nUnreleased", RELEASED)),
        Case(
            lambda r: edit(r, "CHANGES.rst", "0.1.0\n-------------\n\nUnreleased", RST),
            base=RST_CHANGES,
        ),
    ],
}


def test_rel001_rst_directive_and_release(quick_repo):
    """jinja and werkzeug start with currentmodule; a released version."""
    path = quick_repo(RST_CHANGES)
    edit(path, "CHANGES.rst", "Version", ".. currentmodule:: jinja_shout\n\nVersion")
    edit(path, "CHANGES.rst", "Unreleased", "Released 2026-02-18")
    edit(path, "pyproject.toml", 'version = "0.1.0.dev"', 'version = "0.1.0"')
    assert check_one(path, "REL001").status == "pass"


def test_rel001_bullet_style_not_checked(quick_repo):
    path = quick_repo()
    edit(path, "CHANGES.md", "-   Initial release.", "- Initial release. {issue}`1`")
    assert check_one(path, "REL001").status == "pass"


def test_rel001_fix_inserts_above_a_release(quick_repo):
    path = quick_repo(RST_CHANGES)
    edit(path, "CHANGES.rst", "0.1.0\n-------------\n\nUnreleased", RST)
    append(
        path, "CHANGES.rst", "\n\nVersion 0.0.1\n-------------\n\nReleased 2024-01-01\n"
    )
    fix_all(path, "REL")
    assert (
        (path / "CHANGES.rst")
        .read_text()
        .startswith("Version 0.1.0\n-------------\n\nUnreleased\n\n\nVersion 0.0.9\n")
    )


def test_rel001_released_version_is_display_only(quick_repo):
    path = quick_repo()
    edit(path, "pyproject.toml", 'version = "0.1.0.dev"', 'version = "0.1.0"')
    fix = fix_of(Repo(path), "REL001")
    assert fix is not None and fix.applicability == "display"


def test_rel001_no_fix_without_a_version_heading(quick_repo):
    path = quick_repo()
    write(path, "CHANGES.md", "# Changelog\n\nEverything.\n")
    assert fix_of(Repo(path), "REL001") is None


def test_rel001_huge_version_number_fails_without_a_fix(quick_repo):
    """A number longer than int() converts is compared as digits."""
    path = quick_repo()
    big = "1" * 5000
    edit(
        path,
        "CHANGES.md",
        "## Version 0.1.0\n\nUnreleased",
        f"## Version 0.1.{big}\n\nReleased 2025-01-01",
    )
    result = check_one(path, "REL001")
    assert result.status == "fail"
    assert result.fix is None
