"""DOC003: its failing cases and its own tests."""

from __future__ import annotations

from eco_lint.repo import Repo

from ...mutate import append
from ...mutate import Case
from ...mutate import check_one
from ...mutate import delete
from ...mutate import edit
from ...mutate import fix_of
from ...mutate import write
from .helpers import fix_all
from .helpers import PALLETS

FAILING = {
    "DOC003": [
        Case(lambda r: edit(r, "docs/changes.md", "../CHANGES.md", "../HISTORY.md")),
        Case(lambda r: delete(r, "docs/license.md")),
        Case(lambda r: edit(r, "docs/license.md", "../LICENSE.txt", "../LICENSE")),
        Case(
            lambda r: edit(r, "docs/changes.rst", ".. include:: ../CHANGES.rst", "TBD"),
            base=PALLETS,
        ),
        Case(
            lambda r: edit(
                r, "docs/changes.rst", "    :parser: myst_parser.sphinx_\n", ""
            ),
            base="werkzeug-long-name",
        ),
        Case(
            lambda r: (
                delete(r, "docs/license.md"),
                edit(r, "docs/index.md", "changes\nlicense\n", "changes\n"),
            )
        ),
        Case(
            lambda r: (
                delete(r, "docs/license.rst"),
                edit(
                    r, "docs/index.rst", "    changes\n    license\n", "    changes\n"
                ),
            ),
            base=PALLETS,
        ),
        # A Markdown page of its own in reStructuredText docs.
        Case(
            lambda r: (
                delete(r, "docs/changes.rst"),
                write(r, "docs/changes.md", "# Changes\n\nSee GitHub.\n"),
            ),
            base=PALLETS,
        ),
    ],
}


def test_doc003_myst_option_block(quick_repo):
    """click puts the literalinclude options in a YAML block."""
    path = quick_repo()
    edit(path, "docs/license.md", ":language: text\n", "---\nlanguage: text\n---\n")
    assert check_one(path, "DOC003").status == "pass"


def test_doc003_one_page_docs(quick_repo):
    """blinker's docs are one page that includes both files."""
    path = quick_repo()
    for name in ("changes", "license"):
        append(path, "docs/index.md", (path / f"docs/{name}.md").read_text())
        delete(path, f"docs/{name}.md")

    assert check_one(path, "DOC003").status == "pass"


def test_doc003_fix_adds_page_to_toctree(quick_repo):
    path = quick_repo(PALLETS)
    expected = (path / "docs/index.rst").read_text()
    delete(path, "docs/license.rst")
    edit(path, "docs/index.rst", "    changes\n    license\n", "    changes\n")
    fix_all(path)
    assert (path / "docs/index.rst").read_text() == expected
    assert check_one(path, "DOC003").status == "pass"


def test_doc003_fix_is_safe_for_a_missing_page(quick_repo):
    path = quick_repo()
    delete(path, "docs/license.md")
    fix = fix_of(Repo(path), "DOC003")
    assert fix is not None and fix.applicability == "safe"
