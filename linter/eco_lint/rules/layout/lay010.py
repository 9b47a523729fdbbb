"""LAY010: no per-repository community files in a Pallets repository."""

from __future__ import annotations

import re

from ...answers import inferred
from ...edits.text import DeleteFile
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Layout


class LAY010(Layout):
    """No per-repository community files

    ## What it does
    In a `pallets` repository, checks that there is no `CONTRIBUTING.*`,
    `CODE_OF_CONDUCT.md` or `SECURITY.md`: the organization's own apply.

    ## Why
    Pallets keeps one contributing guide, code of conduct and security policy
    for every project (github.com/pallets/.github). Copies drift from them.

    ## Example
    `CONTRIBUTING.rst` at the top of the repository.

    Use instead: nothing; the README links the organization's guide.

    ## Fix
    Delete the files. Unsafe: it deletes files.
    """

    weight = 1
    fixable = True

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return inferred(repo).get("org") == "pallets"

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found = _community_files(repo)
        edits = tuple(DeleteFile(n) for n in found)
        fix = Fix("Delete the repository-level community files", "unsafe", edits)
        return [Fail(f"repository-level {name}", name, fix=fix) for name in found]


def _community_files(repo: Repo) -> list[str]:
    """Contributing guides, codes of conduct and security policies."""
    pattern = re.compile(
        r"(\.github/)?(CONTRIBUTING(\.\w+)?|CODE_OF_CONDUCT\.md|SECURITY\.md)"
    )
    return [name for name in repo.files if pattern.fullmatch(name)]
