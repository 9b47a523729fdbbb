"""Tests that span several of the docs rules."""

from __future__ import annotations

import pytest

from ...mutate import check_one
from ...mutate import delete
from ...mutate import edit
from ...mutate import move
from ...mutate import write
from .helpers import RTD


def test_doc001_jobs_form(quick_repo):
    """click's form: the same commands in build.jobs, with an echo."""
    path = quick_repo()
    write(
        path,
        RTD,
        "version: 2\n"
        "build:\n"
        "  os: ubuntu-24.04\n"
        "  tools:\n"
        "    python: '3.12'\n"
        "  jobs:\n"
        "    install:\n"
        '      - echo "uv"\n'
        "      - asdf plugin add uv\n"
        "      - asdf install uv latest\n"
        "      - asdf global uv latest\n"
        "    build:\n"
        "      html:\n"
        "        - uv run --locked --group docs sphinx-build -W -b dirhtml docs"
        " $READTHEDOCS_OUTPUT/html\n",
    )
    assert check_one(path, "DOC001").status == "pass"
    assert check_one(path, "DOC004").status == "pass"


@pytest.mark.parametrize(
    ("code", "mutate"),
    [
        ("DOC001", lambda r: move(r, RTD, ".readthedocs.yml")),
        ("DOC003", lambda r: delete(r, "docs/license.md")),
        ("DOC004", lambda r: edit(r, "pyproject.toml", '"-E", "-W",', '"-E",')),
        ("REL001", lambda r: edit(r, "CHANGES.md", "## Version", "# Version")),
        ("REL002", lambda r: edit(r, "README.md", "# Flask", "## Flask")),
    ],
)
def test_an_unreadable_answers_file_does_not_skip(quick_repo, code, mutate):
    """What the check finds without the render is reported even when a
    file the render's answers come from cannot be read; only the fix,
    which reads the render, is left out or refused.
    """
    path = quick_repo()
    mutate(path)
    write(path, ".copier-answers.yml", "a: [\n")
    assert check_one(path, code).status == "fail"
