"""PUB002: a build job hands one dist artifact to the upload jobs."""

from __future__ import annotations

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import write
from .helpers import IDS
from .helpers import legacy_artifacts
from .helpers import pip_build
from .helpers import PUBLISH
from .helpers import sub

FAILING = {
    "PUB002": [
        Case(lambda r: sub(r, PUBLISH, r"^    outputs:\n      artifact-id: .*\n", "")),
        Case(lambda r: edit(r, PUBLISH, IDS, "name: dist", count=2)),
        Case(
            lambda r: edit(
                r,
                PUBLISH,
                "    outputs:\n",
                "    permissions:\n      id-token: write\n    outputs:\n",
            )
        ),
        Case(lambda r: edit(r, PUBLISH, "          if-no-files-found: error\n", "")),
        Case(lambda r: edit(r, PUBLISH, "        id: upload-artifact\n", "")),
        Case(legacy_artifacts),
        Case(lambda r: (pip_build(r), edit(r, PUBLISH, IDS, "name: dist", count=2))),
    ],
}


def test_pub002_not_applicable_to_c_extension(make_repo):
    path = make_repo()
    write(path, "src/flask_greeting/_speedups.c", "/* speedups */\n")
    assert check_one(path, "PUB002").status == "n/a"
