"""REL002: its failing cases and its own tests."""

from __future__ import annotations

from pathlib import Path

import pytest

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


#: Badges as extension READMEs have them: a line of badges, and one in a
#: paragraph whose address ends its reference definition.
BADGES = (
    "# Flask-Greeting\n"
    "\n"
    "[![PyPI](https://img.shields.io/pypi/v/flask-greeting)]"
    "(https://pypi.org/project/flask-greeting/)"
    " [![Tests](https://github.com/o/flask-greeting/workflows/tests/badge.svg)]"
    "(https://github.com/o/flask-greeting/actions)\n"
    "\n"
    "Greets, and is ![tested][tests-badge] on each push.\n"
    "\n"
    "[tests-badge]: https://github.com/o/flask-greeting/workflows/tests/badge\n"
)


def _badge_places(path: Path) -> list[tuple[int | None, int | None]]:
    result = check_one(path, "REL002")
    return [(f.line, f.column) for f in result.locations if "badge" in f.message]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_rel002_reads_badges_alike_in_check_and_fix(quick_repo, newline):
    """The check and the fix read badge addresses with one pattern, on the
    lines of the text whatever their endings: the check reports the same
    places in an LF and a CRLF README, and the fix removes the line of
    only badges and leaves the paragraph's badge and its definition,
    which it does not edit.
    """
    path: Path = quick_repo()
    text = (path / "README.md").read_text()
    readme = BADGES + text[text.index("\n## ") :]
    (path / "README.md").write_bytes(readme.replace("\n", newline).encode())

    assert _badge_places(path) == [(3, 10), (3, 109), (7, 16)]

    fix_all(path, "REL")
    fixed = (path / "README.md").read_bytes().decode()

    assert "img.shields.io/pypi" not in fixed
    assert f"Greets, and is ![tested][tests-badge] on each push.{newline}" in fixed
    assert _badge_places(path) == [(5, 16)]
