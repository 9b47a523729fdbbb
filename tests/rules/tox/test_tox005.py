"""TOX005: update envs refresh pins and the lock."""

from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from .helpers import P

FAILING = {
    "TOX005": [
        Case(lambda r: edit(r, P, '"--freeze", ', "")),
        Case(lambda r: edit(r, P, 'labels = ["update"]\n', "")),
        Case(
            lambda r: edit(
                r, P, "[tool.tox.env.update-requirements]", "[tool.tox.env.update-lock]"
            )
        ),
        Case(lambda r: edit(r, P, 'default = ["-U"]', "default = []")),
    ],
}


def test_tox005_own_descriptions(make_repo):
    path: Path = make_repo()
    edit(path, P, '"update uv lock"', '"refresh uv.lock"')
    assert check_one(path, "TOX005").status == "pass"
