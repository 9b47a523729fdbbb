"""CFG003: mypy checks the package strictly."""

from __future__ import annotations

from ...mutate import Case
from ...mutate import edit
from .helpers import P
from .helpers import setup_cfg

FAILING = {
    "CFG003": [
        Case(lambda r: edit(r, P, "strict = true", "strict = false")),
        Case(lambda r: edit(r, P, 'files = ["src"]', 'files = ["tests"]')),
        Case(lambda r: edit(r, P, "pretty = true\n", "")),
        Case(lambda r: edit(r, P, 'python_version = "3.11"\n', "")),
        Case(lambda r: setup_cfg(r, "[tool.mypy]")),
    ],
}
