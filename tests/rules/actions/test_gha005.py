"""GHA005: its failing cases and tests."""

from __future__ import annotations

from pathlib import Path

from eco_lint.repo import Repo

from ...mutate import append
from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import fix_of
from .helpers import apply_fix
from .helpers import dynamic_matrix
from .helpers import PRE_COMMIT
from .helpers import PUBLISH
from .helpers import TESTS
from .helpers import TOX_ENV

FAILING = {
    "GHA005": [
        # zizmor rates github.ref_name High: a tag or branch name is chosen
        # by whoever pushes it.
        Case(
            lambda r: append(
                r, PRE_COMMIT, "      - run: echo ${{ github.ref_name }}\n"
            )
        ),
        Case(
            lambda r: append(
                r, PRE_COMMIT, "      - run: echo ${{ github.head_ref }}\n"
            )
        ),
        # A matrix built at run time is not written in the workflow.
        Case(dynamic_matrix),
        # An output moved to env: is split by the shell differently: the fix
        # is display only.
        Case(
            lambda r: append(
                r,
                PUBLISH,
                "      - run: |\n"
                "          echo checking\n"
                '          test -n "${{ needs.build.outputs.artifact-id }}"\n',
            ),
            fixable=False,
        ),
    ],
}


def test_gha005_fix_is_display_only_on_windows(make_repo):
    """``${GITHUB_HEAD_REF}`` is not an environment variable in PowerShell."""
    path: Path = make_repo()
    edit(path, PRE_COMMIT, "runs-on: ubuntu-latest", "runs-on: windows-latest")
    append(path, PRE_COMMIT, "      - run: echo ${{ github.head_ref }}\n")
    fix = fix_of(Repo(path), "GHA005")
    assert fix is not None and fix.applicability == "display"
    edit(path, PRE_COMMIT, "runs-on: windows-latest", "runs-on: ubuntu-latest")
    applicability, changes = apply_fix(path, "GHA005")
    assert applicability == "safe"
    assert "      - run: echo ${GITHUB_HEAD_REF}\n" in (changes[PRE_COMMIT] or "")


def test_gha005_static_matrix_is_trusted(make_repo):
    """Flask, Werkzeug and Click pass ``matrix.tox`` and ``matrix.python``,
    written in the workflow, to their tox step; zizmor does not flag
    static matrix values.
    """
    path: Path = make_repo()
    edit(
        path,
        TESTS,
        "tox run\n" + TOX_ENV,
        "tox run -e ${{ matrix.tox || format('py{0}', matrix.python) }}\n",
    )
    assert check_one(path, "GHA005").status == "pass"


def test_gha005_reports_every_place_with_zizmor_severity(make_repo):
    path: Path = make_repo()
    append(
        path, PRE_COMMIT, "      - run: echo ${{ github.ref_name }} ${{ inputs.x }}\n"
    )
    append(path, PRE_COMMIT, "      - run: echo ${{ github.sha }} ${{ secrets.X }}\n")
    result = check_one(path, "GHA005")
    assert [f.message.partition(":")[0] for f in result.locations] == [
        "script expands github.ref_name (high)",
        "script expands inputs.x (low)",
    ]
    assert all(f.line and f.column for f in result.locations)
