"""CFG004: pyright checks the same files as mypy."""

from __future__ import annotations

from ...mutate import Case
from ...mutate import edit
from .helpers import P

FAILING = {
    "CFG004": [
        Case(lambda r: edit(r, P, '"standard"', '"strict"')),
        Case(lambda r: edit(r, P, 'include = ["src"]', 'include = ["src", "tests"]')),
        Case(lambda r: edit(r, P, 'pythonVersion = "3.11"\n', "")),
    ],
}
