"""Tests that span several PCO rules."""

from __future__ import annotations

import re
from pathlib import Path

from ...mutate import append
from ...mutate import check_one
from ...mutate import edit
from ...mutate import write
from .helpers import CONFIG


def test_pco003_hook_order_and_extra_hooks_pass(make_repo):
    """werkzeug puts codespell first; a project may add hooks of its own."""
    path: Path = make_repo()
    text = (path / CONFIG).read_text()
    blocks = re.split(r"(?m)^(?=  - repo:)", text.removeprefix("repos:\n"))
    write(path, CONFIG, "repos:\n" + "".join(reversed(blocks)))
    append(
        path,
        CONFIG,
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: check-docs\n"
        "        name: check docs\n"
        "        entry: python scripts/check_docs.py\n"
        "        language: python\n",
    )
    assert check_one(path, "PCO003").status == "pass"
    assert check_one(path, "PCO004").status == "pass"


def test_pco002_checked_despite_ci_block(make_repo):
    """A leftover ``ci:`` block fails PCO001 only; the hooks are still read."""
    path: Path = make_repo()
    append(path, CONFIG, "ci:\n  autoupdate_schedule: monthly\n")
    assert check_one(path, "PCO001").status == "fail"
    assert check_one(path, "PCO002").status == "pass"
    edit(path, CONFIG, "- id: ruff-check", "- id: ruff")
    assert check_one(path, "PCO002").status == "fail"
