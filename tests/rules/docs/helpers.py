"""What the docs rules' tests share: paths, bases and configs."""

from __future__ import annotations

from pathlib import Path

from eco_lint.check import fix_repository
from eco_lint.settings import Settings

RTD = ".readthedocs.yaml"
CONF = "docs/conf.py"
PALLETS = "plain-pallets-bsd"
RST_CHANGES = "jinja-scripts"
#: Read the Docs' own build, as configured before 2024.
OLD_RTD = (
    "version: 2\nbuild:\n  os: ubuntu-22.04\n  tools:\n    python: '3.12'\n"
    "python:\n  install:\n    - method: pip\n      path: .\n"
    "sphinx:\n  builder: dirhtml\n"
)
RELEASED = "0.0.9\n\nReleased 2025-01-01"
RST = "0.0.9\n-------------\n\nReleased 2025-01-01"


def fix_all(path: Path, select: str = "DOC") -> None:
    """Apply the safe and unsafe fixes of the selected rules; none fails."""
    run = fix_repository(
        str(path), Settings(select=(select,)), applicability=("safe", "unsafe")
    )
    assert run.failed == ()
