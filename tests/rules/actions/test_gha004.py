"""GHA004: its failing cases and tests."""

from __future__ import annotations

from ...mutate import Case
from ...mutate import edit
from .helpers import sub
from .helpers import TESTS
from .helpers import ZIZMOR

FAILING = {
    "GHA004": [
        Case(
            lambda r: edit(
                r, TESTS, "persist-credentials: false", "persist-credentials: true"
            )
        ),
        Case(
            lambda r: sub(
                r, ZIZMOR, r"^        with:\n          persist-credentials: false\n", ""
            )
        ),
    ],
}
