"""GHA010: its failing cases and tests."""

from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import write
from .helpers import apply_fix
from .helpers import SHA
from .helpers import sub
from .helpers import TESTS
from .helpers import TOX_ENV

FAILING = {
    "GHA010": [
        Case(lambda r: edit(r, TESTS, TOX_ENV, "")),
        Case(lambda r: sub(r, TESTS, r"^  typing:\n(    .*\n)+", "")),
        Case(
            lambda r: edit(
                r, TESTS, "--group dev tox run -e typing", "tox run -e typing"
            )
        ),
        Case(
            lambda r: sub(
                r, TESTS, r"^      - uses: astral-sh/setup-uv@.*\n(        .*\n)+", ""
            )
        ),
    ],
}


def test_gha010_fix_keeps_the_jobs_own_keys_and_actions(make_repo):
    path: Path = make_repo()
    edit(path, TESTS, TOX_ENV, "")
    edit(
        path,
        TESTS,
        "    strategy:\n",
        "    timeout-minutes: 30\n    strategy:\n",
    )
    edit(
        path,
        TESTS,
        "  typing:\n",
        f"      - uses: codecov/codecov-action@{SHA} # v5.0.0\n  typing:\n",
    )
    applicability, changes = apply_fix(path, "GHA010")
    assert applicability == "unsafe"
    text = changes[TESTS] or ""
    assert TOX_ENV in text
    assert "    timeout-minutes: 30\n" in text
    assert f"codecov/codecov-action@{SHA} # v5.0.0\n  typing:\n" in text
    write(path, TESTS, text)
    assert check_one(path, "GHA010").status == "pass"
    assert check_one(path, "GHA011").status == "pass"


def test_setup_python_may_install_more_versions_before_the_matrix_one(make_repo):
    """setup-python makes the last of several listed versions the default,
    so a list that ends with the matrix value gives it.
    """
    path: Path = make_repo()
    edit(
        path,
        TESTS,
        "          python-version: ${{ matrix.python }}\n",
        "          python-version: |\n"
        "            3.12\n"
        "            ${{ matrix.python }}\n",
    )
    assert check_one(path, "GHA010").status == "pass"
    edit(
        path,
        TESTS,
        "            3.12\n            ${{ matrix.python }}\n",
        "            ${{ matrix.python }}\n            3.12\n",
    )
    assert check_one(path, "GHA010").status == "fail"
