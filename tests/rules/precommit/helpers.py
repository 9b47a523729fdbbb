"""What the tests of the PCO rules share."""

from __future__ import annotations

import re
from pathlib import Path

from eco_lint.fix import plan
from eco_lint.repo import Repo

from ...mutate import fix_of

CONFIG = ".pre-commit-config.yaml"
SHA = "0123456789abcdef0123456789abcdef01234567"


def sub(repo: Path, name: str, pattern: str, repl: str) -> None:
    """Replace the first match of a regular expression; it must match."""
    path = repo / name
    text, count = re.subn(pattern, repl, path.read_text(), count=1, flags=re.M)
    assert count, f"{pattern!r} not in {name}"
    path.write_text(text)


def apply_fix(path: Path, code: str) -> tuple[str, dict[str, str | None]]:
    """The applicability of a rule's fix and the files it changes."""
    repo = Repo(path)
    fix = fix_of(repo, code)
    assert fix is not None
    changes, failed = plan(repo, [fix])
    assert failed == []
    return fix.applicability, {c.path: c.new for c in changes}
