from __future__ import annotations

from ...mutate import Case
from ...mutate import edit
from .helpers import ANSWERS

FAILING = {
    "DRF002": [
        # Only an update can bring the project to the new version.
        Case(
            lambda r: edit(r, ANSWERS, "_commit: ", "_commit: 0.0.1\n_was: "),
            fixable=False,
        ),
    ],
}
