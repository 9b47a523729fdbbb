from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import delete
from .helpers import CONFIG
from .helpers import sub

FAILING = {
    "PCO004": [
        Case(
            lambda r: sub(r, CONFIG, r"rev: [0-9a-f]{40}  # frozen: (\S+)", r"rev: \1")
        ),
        Case(lambda r: sub(r, CONFIG, r"(rev: [0-9a-f]{40})  # frozen: \S+", r"\1")),
        Case(lambda r: sub(r, CONFIG, r"(rev: [0-9a-f]{40})  #", r"\1 #")),
    ],
}


def test_pco004_skipped_without_config(make_repo):
    path: Path = make_repo()
    delete(path, CONFIG)
    assert check_one(path, "PCO004").status == "skip"
