"""META004: the standard maintainers and project URLs."""

from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from .helpers import fixed_files
from .helpers import PY

FAILING = {
    "META004": [
        Case(lambda r: edit(r, PY, ', email = "contact@palletsprojects.com"', "")),
        Case(lambda r: edit(r, PY, "\nSource = ", '\n"Source Code" = ')),
        Case(lambda r: edit(r, PY, 'Chat = "https://discord.gg/pallets"\n', "")),
        Case(
            lambda r: edit(
                r,
                PY,
                "[project.urls]\n",
                '[project.urls]\nTwitter = "https://twitter.com/PalletsTeam"\n',
            )
        ),
    ],
}


def test_meta004_authors_and_donate(make_repo):
    """Blinker adds authors without an email; pallets-eco projects may keep
    a Donate link.
    """
    path: Path = make_repo()
    edit(path, PY, "maintainers = ", 'authors = [{name = "Jason"}]\nmaintainers = ')
    edit(
        path,
        PY,
        "[project.urls]\n",
        '[project.urls]\nDonate = "https://palletsprojects.com/donate"\n',
    )
    assert check_one(path, "META004").status == "pass"


def test_meta004_fix_keeps_other_labels_in_place(make_repo):
    path: Path = make_repo()
    edit(
        path, PY, "\nSource = ", '\nFunding = "https://example.com/"\n"Source Code" = '
    )
    text = fixed_files(path, "META004")[PY] or ""
    assert (
        'Funding = "https://example.com/"\n'
        'Source = "https://github.com/pallets-eco/flask-greeting/"\n'
        'Chat = "https://discord.gg/pallets"\n' in text
    )
