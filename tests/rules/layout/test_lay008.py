from __future__ import annotations

from ...mutate import Case
from ...mutate import edit

FAILING = {
    "LAY008": [
        Case(lambda r: edit(r, ".gitignore", ".tox/\n", "")),
    ],
}
