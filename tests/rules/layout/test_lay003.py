from __future__ import annotations

from ...mutate import Case
from ...mutate import move

FAILING = {
    "LAY003": [
        Case(lambda r: move(r, "docs", "doc")),
        Case(lambda r: move(r, "tests", "src/flask_greeting/tests")),
    ],
}
