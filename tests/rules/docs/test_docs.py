"""Tests that span several of the docs rules."""

from __future__ import annotations

from ...mutate import check_one
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
