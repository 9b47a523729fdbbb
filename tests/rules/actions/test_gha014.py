"""GHA014: its failing cases and tests."""

from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from .helpers import TESTS

FAILING = {
    "GHA014": [
        Case(lambda r: edit(r, TESTS, "      fail-fast: false\n", "")),
        Case(lambda r: edit(r, TESTS, "fail-fast: false", "fail-fast: true")),
    ],
}


def test_gha014_every_matrix_job_of_the_workflow(quick_repo):
    """A second matrix job in the tests workflow is held to it too, at its
    own line; a job without a matrix is not.
    """
    path: Path = quick_repo()
    text = (path / TESTS).read_text()
    (path / TESTS).write_text(
        text
        + "  nightly:\n"
        + "    runs-on: ubuntu-latest\n"
        + "    strategy:\n"
        + "      matrix:\n"
        + "        python: ['3.14']\n"
        + "    steps:\n"
        + "      - run: 'true'\n"
    )
    result = check_one(path, "GHA014")
    assert result.status == "fail"
    (place,) = result.locations
    assert place.message == "job nightly stops its matrix at the first failure"
    lines = (path / TESTS).read_text().splitlines()
    assert lines[place.line - 1] == "    strategy:"  # type: ignore[operator]
    assert place.line > lines.index("  nightly:")  # type: ignore[operator]


def test_gha014_fix_sets_only_fail_fast(quick_repo):
    from eco_lint.check import fix_repository

    path: Path = quick_repo()
    edit(path, TESTS, "      fail-fast: false\n", "")
    before = (path / TESTS).read_text()
    run = fix_repository(str(path), applicability=("safe",))
    after = (path / TESTS).read_text()
    assert run.written == (TESTS,)
    assert check_one(path, "GHA014").status == "pass"
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["      fail-fast: false"]
