from __future__ import annotations

from ...mutate import Case
from ...mutate import move
from ...mutate import write

FAILING = {
    "LAY005": [
        Case(lambda r: move(r, "README.md", "README.rst")),
        Case(lambda r: write(r, "README.rst", "Flask-Greeting\n")),
    ],
}
