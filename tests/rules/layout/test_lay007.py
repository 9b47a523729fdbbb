from __future__ import annotations

from ...mutate import Case
from ...mutate import delete
from ...mutate import edit

FAILING = {
    "LAY007": [
        Case(lambda r: delete(r, ".editorconfig")),
        Case(
            lambda r: edit(
                r, ".editorconfig", "max_line_length = 88", "max_line_length = 120"
            )
        ),
    ],
}
