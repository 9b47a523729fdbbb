"""REL002: its failing cases and its own tests."""

from __future__ import annotations

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import write
from .helpers import fix_all
from .helpers import PALLETS

FAILING = {
    "REL002": [
        Case(
            lambda r: edit(r, "README.md", "# Flask-Greeting\n", "## Flask-Greeting\n")
        ),
        Case(
            lambda r: edit(
                r, "README.md", "## Pallets Community Ecosystem", "## Community"
            )
        ),
        Case(lambda r: edit(r, "README.md", "> [!IMPORTANT]\\\n", "")),
        Case(
            lambda r: edit(
                r,
                "README.md",
                "# Flask-Greeting\n",
                "# Flask-Greeting\n\n[![PyPI](https://img.shields.io/pypi/v/flask-greeting)]"
                "(https://pypi.org/project/flask-greeting/)\n",
            )
        ),
        Case(lambda r: edit(r, "README.md", "## Donate", "## Support"), base=PALLETS),
        Case(lambda r: edit(r, "README.md", "## Contributing\n", ""), base=PALLETS),
        Case(lambda r: write(r, "README.md", "# Flask-Greeting\n\nGreets.\n")),
    ],
}


def test_rel002_core_name_image(quick_repo):
    """Core READMEs put the name SVG above the title."""
    path = quick_repo(PALLETS)
    edit(
        path,
        "README.md",
        "# Greeter\n",
        '<div align="center"><img src="https://raw.githubusercontent.com/pallets/'
        'greeter/refs/heads/stable/docs/_static/greeter-name.svg" alt=""'
        ' height="150"></div>\n\n# Greeter\n',
    )
    assert check_one(path, "REL002").status == "pass"


def test_rel002_fix_adds_section_at_the_end(quick_repo):
    path = quick_repo()
    expected = (path / "README.md").read_text()
    section = expected[expected.index("## Pallets") : expected.index("## A Simple")]
    write(path, "README.md", "# Flask-Greeting\n\nGreets.\n")
    fix_all(path, "REL")
    assert (path / "README.md").read_text() == (
        "# Flask-Greeting\n\nGreets.\n\n" + section.rstrip("\n") + "\n"
    )


def test_rel002_fix_restores_a_removed_heading(quick_repo):
    path = quick_repo(PALLETS)
    expected = (path / "README.md").read_text()
    edit(path, "README.md", "## Contributing\n", "")
    fix_all(path, "REL")
    assert (path / "README.md").read_text() == expected
