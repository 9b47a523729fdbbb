"""GHA001: its failing cases and tests."""

from __future__ import annotations

from ...mutate import Case
from ...mutate import delete
from ...mutate import move
from ...mutate import write
from .helpers import TESTS
from .helpers import WF
from .helpers import ZIZMOR

FAILING = {
    "GHA001": [
        Case(lambda r: move(r, TESTS, WF + "tests.yml")),
        Case(lambda r: delete(r, ZIZMOR)),
        Case(lambda r: write(r, WF + "docs.yml", "name: Docs\n")),
    ],
}
