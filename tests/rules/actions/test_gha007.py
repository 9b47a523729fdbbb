"""GHA007: its failing cases and tests."""

from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import delete
from ...mutate import edit
from ...mutate import write
from .helpers import sub
from .helpers import WF
from .helpers import ZIZMOR

FAILING = {
    "GHA007": [
        Case(
            lambda r: sub(
                r,
                ZIZMOR,
                r"^      - uses: zizmorcore/zizmor-action@.*\n(        .*\n)+",
                "",
            )
        ),
        Case(
            lambda r: edit(
                r, ZIZMOR, "advanced-security: false", "advanced-security: true"
            )
        ),
        Case(lambda r: edit(r, ZIZMOR, '    paths: ["**/*.yaml?"]\n', "")),
        Case(lambda r: edit(r, ZIZMOR, "          annotations: true\n", "")),
    ],
}


def test_gha007_checked_beside_a_yml_workflow(make_repo):
    path: Path = make_repo()
    write(path, WF + "docs.yml", "name: Docs\n")
    assert check_one(path, "GHA001").status == "fail"
    assert check_one(path, "GHA007").status == "pass"
    delete(path, ZIZMOR)
    assert check_one(path, "GHA007").status == "skip"
