from __future__ import annotations

import typing as t
from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import delete
from ...mutate import edit
from ...mutate import write
from .helpers import ANSWERS

FAILING = {
    "DRF001": [
        Case(lambda r: delete(r, ANSWERS)),
        Case(lambda r: edit(r, ANSWERS, "_commit: ", "_old_commit: ")),
    ],
}


def test_drf001_not_applicable_to_pallets(make_repo: t.Callable[..., Path]):
    path = make_repo("plain-pallets-bsd")
    delete(path, ANSWERS)
    assert check_one(path, "DRF001").status == "n/a"


def test_drf001_never_adopted_eco_repository(make_repo: t.Callable[..., Path]):
    """None of the Pallets-Eco extensions has been adopted yet: one without
    an answers file and without the eco-lint hook is not failed for it.
    """
    path = make_repo()
    delete(path, ANSWERS)
    config = (path / ".pre-commit-config.yaml").read_text()
    start = config.index("  - repo: https://github.com/pallets-eco/eco-lint")
    end = config.find("  - repo:", start + 1)
    write(
        path,
        ".pre-commit-config.yaml",
        config[:start] + (config[end:] if end > 0 else ""),
    )
    assert check_one(path, "DRF001").status == "n/a"
