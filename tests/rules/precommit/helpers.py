"""What the tests of the PCO rules share."""

from __future__ import annotations

import re
from pathlib import Path

from ...mutate import apply_fix as apply_fix

CONFIG = ".pre-commit-config.yaml"
SHA = "0123456789abcdef0123456789abcdef01234567"


def sub(repo: Path, name: str, pattern: str, repl: str) -> None:
    """Replace the first match of a regular expression; it must match."""
    path = repo / name
    text, count = re.subn(pattern, repl, path.read_text(), count=1, flags=re.M)
    assert count, f"{pattern!r} not in {name}"
    path.write_text(text)
