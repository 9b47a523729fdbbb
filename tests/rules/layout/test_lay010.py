from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import write

FAILING = {
    "LAY010": [
        Case(
            lambda r: write(r, "CONTRIBUTING.rst", "Contributing\n"),
            base="plain-pallets-bsd",
        ),
        Case(
            lambda r: write(r, ".github/SECURITY.md", "Report\n"),
            base="plain-pallets-bsd",
        ),
    ],
}


def test_lay010_eco_may_keep_contributing(make_repo):
    path: Path = make_repo()
    write(path, "CONTRIBUTING.md", "Contributing\n")
    assert check_one(path, "LAY010").status == "n/a"
