"""GHA008: its failing cases and tests."""

from __future__ import annotations

from ...mutate import Case
from ...mutate import write

FAILING = {
    "GHA008": [
        Case(
            lambda r: write(
                r,
                ".github/dependabot.yml",
                "version: 2\nupdates:\n  - package-ecosystem: github-actions\n"
                "    directory: /\n    schedule:\n      interval: monthly\n",
            )
        ),
        Case(
            lambda r: write(r, "renovate.json", '{"extends": ["config:recommended"]}\n')
        ),
    ],
}
