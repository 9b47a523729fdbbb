"""CFG002: Coverage is configured as standard."""

from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import write
from ..deps.helpers import drop_table
from .helpers import P
from .helpers import setup_cfg

FAILING = {
    "CFG002": [
        Case(
            lambda r: edit(
                r,
                P,
                'source = ["flask_greeting", "tests"]',
                'source = ["jinja2", "tests"]',
            )
        ),
        Case(lambda r: edit(r, P, "branch = true", "branch = false")),
        Case(lambda r: edit(r, P, '    "raise NotImplementedError",\n', "")),
        Case(lambda r: edit(r, P, '"*/site-packages"', '"site-packages"')),
        Case(lambda r: setup_cfg(r, "[tool.coverage.run]")),
        Case(
            lambda r: (
                write(r, "tox.ini", "[coverage:report]\nshow_missing = true\n"),
                drop_table(r, "[tool.coverage.report]"),
            )
        ),
    ],
}


def test_cfg002_extra_exclude_lines(make_repo):
    path: Path = make_repo()
    edit(
        path,
        P,
        "exclude_also = [\n",
        'exclude_also = [\n    "if __name__ == .__main__.:",\n',
    )
    assert check_one(path, "CFG002").status == "pass"
