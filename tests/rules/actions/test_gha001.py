"""GHA001: its failing cases and tests."""

from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import delete
from ...mutate import move
from ...mutate import write
from .helpers import apply_fix
from .helpers import LOCK
from .helpers import PRE_COMMIT
from .helpers import TESTS
from .helpers import WF
from .helpers import ZIZMOR

FAILING = {
    "GHA001": [
        Case(lambda r: move(r, TESTS, WF + "tests.yml")),
        Case(lambda r: delete(r, ZIZMOR)),
        Case(lambda r: write(r, WF + "docs.yml", "name: Docs\n")),
    ],
}


def test_gha001_fix_writes_no_second_test_workflow(quick_repo):
    """croniter's layout: the tests run in ``cicd.yml`` (tox in a matrix,
    beside a lint job) and the scan in ``zizmor.yml``. The check finds the
    tests in ``cicd.yml``, so the fix renames it and writes the workflows
    whose role no file plays, never a second ``tests.yaml``.
    """
    path: Path = quick_repo()
    move(path, TESTS, WF + "cicd.yml")
    move(path, ZIZMOR, WF + "zizmor.yml")
    delete(path, LOCK)
    result = check_one(path, "GHA001")
    assert [f.message for f in result.locations] == [
        f"no workflow locks old threads, as {LOCK} does in the template",
        f"workflow {WF}cicd.yml is spelled .yml",
        f"workflow {WF}zizmor.yml is spelled .yml",
    ]

    applicability, changes = apply_fix(path, "GHA001")

    assert applicability == "unsafe"
    assert sorted(changes) == sorted(
        [WF + "cicd.yml", WF + "cicd.yaml", ZIZMOR, WF + "zizmor.yml", LOCK]
    )
    assert TESTS not in changes


def test_gha001_fix_writes_only_the_missing_role(quick_repo):
    """rich-click's layout: the tests run in ``pytest.yaml`` and the hooks
    in ``prek.yaml``; only the lock workflow is missing, and it alone is
    written.
    """
    path: Path = quick_repo()
    move(path, TESTS, WF + "pytest.yaml")
    move(path, PRE_COMMIT, WF + "prek.yaml")
    delete(path, LOCK)

    applicability, changes = apply_fix(path, "GHA001")

    assert applicability == "unsafe"
    assert list(changes) == [LOCK]
