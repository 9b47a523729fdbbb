"""Helpers shared by the tests of the GitHub Actions rules."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from ...mutate import apply_fix as apply_fix
from ...mutate import edit

WF = ".github/workflows/"
TESTS = WF + "tests.yaml"
PRE_COMMIT = WF + "pre-commit.yaml"
PUBLISH = WF + "publish.yaml"
ZIZMOR = WF + "zizmor.yaml"
LOCK = WF + "lock.yaml"
SHA = "0123456789abcdef0123456789abcdef01234567"
TESTS_ON = (
    "on:\n"
    "  pull_request:\n"
    "    paths-ignore: ['docs/**', 'README.md']\n"
    "  push:\n"
    "    branches: [main, stable]\n"
    "    paths-ignore: ['docs/**', 'README.md']\n"
)
TOX_ENV = (
    "        env:\n"
    "          TOX_ENV: ${{ matrix.tox || format('py{0}', matrix.python) }}\n"
)


def sub(repo: Path, name: str, pattern: str, repl: str, count: int = 1) -> None:
    """Replace matches of a regular expression; it must match."""
    path = repo / name
    text, found = re.subn(pattern, repl, path.read_text(), count=count, flags=re.M)
    assert found, f"{pattern!r} not in {name}"
    path.write_text(text)


def lock_permissions_on_workflow(repo: Path) -> None:
    sub(repo, LOCK, r"^    permissions:\n(      .*\n)+", "")
    edit(
        repo,
        LOCK,
        "permissions: {}\n",
        "permissions:\n  issues: write\n  pull-requests: write\n  discussions: write\n",
    )


def dynamic_matrix(path: Path) -> None:
    edit(path, TESTS, "tox run\n" + TOX_ENV, "tox run -e ${{ matrix.tox }}\n")
    edit(
        path,
        TESTS,
        "      matrix:\n",
        "      matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}\n      old-matrix:\n",
    )


def without_job_names(repo: Path) -> None:
    """Pallets workflows name only the tests job."""
    for path in (repo / WF).glob("*.yaml"):
        text = path.read_text()
        text = re.sub(r"(?m)^    name: (?!\$\{\{).*\n", "", text)
        path.write_text(text)


def changed_lines(old: str, new: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
