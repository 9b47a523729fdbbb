"""GHA012: its failing cases and tests."""

from __future__ import annotations

from ...mutate import append
from ...mutate import Case
from ...mutate import edit
from .helpers import PRE_COMMIT
from .helpers import SHA
from .helpers import TESTS

FAILING = {
    "GHA012": [
        Case(
            lambda r: append(
                r,
                TESTS,
                f"      - uses: pre-commit/action@{SHA} # v3.0.1\n",
            )
        ),
        Case(lambda r: edit(r, PRE_COMMIT, "--show-diff-on-failure ", "")),
        Case(
            lambda r: edit(
                r, PRE_COMMIT, "path: ~/.cache/pre-commit", "path: ~/.cache/pip"
            )
        ),
        Case(
            lambda r: append(
                r,
                PRE_COMMIT,
                f"      - uses: pre-commit-ci/lite-action@{SHA} # v1.1.0\n"
                "        if: ${{ !cancelled() }}\n",
            )
        ),
    ],
}
