from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from .helpers import FLIT_BACKEND
from .helpers import PY

FAILING = {
    "BLD001": [
        Case(lambda r: edit(r, PY, '"flit_core>=3.11,<4"', '"flit_core<4"')),
        Case(
            lambda r: edit(
                r,
                PY,
                FLIT_BACKEND,
                'requires = ["hatchling"]\nbuild-backend = "hatchling.build"',
            )
        ),
        Case(
            lambda r: edit(r, PY, FLIT_BACKEND, f'{FLIT_BACKEND}\nbackend-path = ["."]')
        ),
    ],
}


def test_bld001_flit_core_hyphen(make_repo):
    """Flask and Quart have written the requirement as ``flit-core``."""
    path: Path = make_repo()
    edit(path, PY, '"flit_core>=3.11,<4"', '"flit-core<4,>=3.11"')
    assert check_one(path, "BLD001").status == "pass"
