from __future__ import annotations

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit

FAILING = {
    "LAY011": [
        Case(
            lambda r: edit(
                r,
                ".devcontainer/on-create-command.sh",
                "uv sync",
                "pip install -r requirements/dev.txt",
            ),
            base="plain-pallets-bsd",
        ),
    ],
}


def test_lay011_not_applicable_without_devcontainer(make_repo):
    assert check_one(make_repo(), "LAY011").status == "n/a"
