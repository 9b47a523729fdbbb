from __future__ import annotations

from ...mutate import append
from ...mutate import Case
from ...mutate import delete
from ...mutate import move
from ...mutate import write
from .helpers import CONFIG

FAILING = {
    "PCO001": [
        Case(lambda r: delete(r, CONFIG)),
        Case(lambda r: move(r, CONFIG, ".pre-commit-config.yml")),
        Case(lambda r: append(r, CONFIG, "ci:\n  autoupdate_schedule: monthly\n")),
        Case(lambda r: write(r, CONFIG, "repos: []\n")),
    ],
}
