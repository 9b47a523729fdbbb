"""GHA006: its failing cases and tests."""

from __future__ import annotations

from ...mutate import Case
from ...mutate import edit
from .helpers import LOCK
from .helpers import TESTS

FAILING = {
    "GHA006": [
        Case(
            lambda r: edit(
                r, TESTS, "cancel-in-progress: true", "cancel-in-progress: false"
            )
        ),
        Case(
            lambda r: edit(
                r, LOCK, "concurrency:\n  group: lock\n  cancel-in-progress: true\n", ""
            )
        ),
    ],
}
