"""GHA003: its failing cases and tests."""

from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import edit
from ...mutate import write
from .helpers import apply_fix
from .helpers import lock_permissions_on_workflow
from .helpers import PUBLISH
from .helpers import sub
from .helpers import TESTS
from .helpers import WF
from .helpers import ZIZMOR

FAILING = {
    "GHA003": [
        Case(lambda r: edit(r, TESTS, "permissions: {}\n", "")),
        Case(
            lambda r: edit(
                r, ZIZMOR, "permissions: {}\n", "permissions:\n  contents: read\n"
            )
        ),
        Case(
            lambda r: edit(
                r,
                TESTS,
                "  typing:\n",
                "  typing:\n    permissions:\n      contents: write\n",
            )
        ),
        Case(
            lambda r: edit(
                r,
                PUBLISH,
                "      id-token: write  # trusted publishing to PyPI\n",
                "      id-token: write\n      packages: write\n",
            )
        ),
        Case(
            lambda r: sub(
                r,
                PUBLISH,
                r"^    permissions:\n      contents: .*\n",
                "    permissions: write-all\n",
            )
        ),
        Case(lock_permissions_on_workflow),
    ],
}


def test_gha003_fix_moves_workflow_grants_to_jobs(make_repo):
    path: Path = make_repo()
    write(
        path,
        WF + "triage.yaml",
        "name: Triage\n"
        "on:\n  issues:\n"
        "permissions:\n  issues: write  # label new issues\n"
        "jobs:\n"
        "  label:\n    runs-on: ubuntu-latest\n    steps:\n      - run: 'true'\n"
        "  quiet:\n    runs-on: ubuntu-latest\n    permissions: {}\n"
        "    steps:\n      - run: 'true'\n",
    )
    applicability, changes = apply_fix(path, "GHA003")
    assert applicability == "unsafe"
    assert changes[WF + "triage.yaml"] == (
        "name: Triage\n"
        "on:\n  issues:\n"
        "permissions: {}\n"
        "jobs:\n"
        "  label:\n    runs-on: ubuntu-latest\n"
        "    permissions:\n      issues: write # label new issues\n"
        "    steps:\n      - run: 'true'\n"
        "  quiet:\n    runs-on: ubuntu-latest\n    permissions: {}\n"
        "    steps:\n      - run: 'true'\n"
    )
