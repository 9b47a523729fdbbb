from __future__ import annotations

from ...mutate import Case
from ...mutate import delete
from ...mutate import move

FAILING = {
    "LAY001": [
        Case(lambda r: move(r, "src/flask_greeting", "flask_greeting")),
        Case(lambda r: delete(r, "src/flask_greeting"), fixable=False),
    ],
}
