from __future__ import annotations

from ...mutate import Case
from ...mutate import edit
from .helpers import PY

FAILING = {
    "BLD002": [
        Case(lambda r: edit(r, PY, 'name = "flask_greeting"', 'name = "flask_greet"')),
        Case(
            lambda r: edit(r, PY, '[tool.flit.module]\nname = "flask_greeting"\n', "")
        ),
    ],
}
