from __future__ import annotations

import re
from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import write
from .helpers import apply_fix
from .helpers import CONFIG
from .helpers import sub

FAILING = {
    "PCO002": [
        Case(lambda r: edit(r, CONFIG, "- id: ruff-check", "- id: ruff")),
        Case(lambda r: edit(r, CONFIG, "      - id: ruff-format\n", "")),
        Case(
            lambda r: sub(r, CONFIG, r"^  - repo: \S+/ruff-pre-commit\n(    .*\n)+", "")
        ),
    ],
}


def test_pco002_fix_moves_an_old_ruff_repository(make_repo):
    """``ruff-check`` only exists in recent ruff-pre-commit releases."""
    path: Path = make_repo()
    frozen = re.search(r"rev: [0-9a-f]{40}  # frozen: \S+", (path / CONFIG).read_text())
    assert frozen is not None
    sub(path, CONFIG, r"rev: [0-9a-f]{40}  # frozen: \S+", "rev: v0.1.5")
    edit(path, CONFIG, "- id: ruff-check", "- id: ruff")
    applicability, changes = apply_fix(path, "PCO002")
    assert applicability == "unsafe"
    text = changes[CONFIG] or ""
    assert frozen.group(0) in text
    assert "- id: ruff-check\n" in text
    write(path, CONFIG, text)
    assert check_one(path, "PCO002").status == "pass"
