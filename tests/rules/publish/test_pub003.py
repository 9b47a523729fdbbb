"""PUB003: builds are reproducible with SOURCE_DATE_EPOCH."""

from __future__ import annotations

from ...mutate import Case
from ...mutate import edit
from .helpers import EPOCH
from .helpers import PUBLISH

FAILING = {
    "PUB003": [
        Case(lambda r: edit(r, PUBLISH, EPOCH, "")),
        Case(
            lambda r: edit(
                r,
                PUBLISH,
                EPOCH + "      - run: uv build\n",
                "      - run: uv build\n" + EPOCH,
            )
        ),
    ],
}
