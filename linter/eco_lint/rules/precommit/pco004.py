"""PCO004: hook revisions are frozen commit SHAs."""

from __future__ import annotations

import dataclasses
import re

from ...edits import Edit
from ...edits import FixConflict
from ...edits import keep_newlines
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import lines_of
from .._base import nth
from .._base import PreCommit
from ._config import frozen_revs
from ._config import hook_repos
from ._config import HookRepo
from ._config import LOCAL
from ._config import missing
from ._config import PATH
from ._sync import freeze
from ._sync import Pins
from ._sync import pins

_SHA = re.compile(r"[0-9a-f]{40}")


class PCO004(PreCommit):
    """Hook revisions are frozen commit SHAs

    ## What it does
    Checks that every remote hook repository's `rev:` is a full 40-character
    commit SHA followed by `  # frozen: <tag>`, as
    `pre-commit autoupdate --freeze` writes it. `local` and `meta` hooks
    have no revision and are exempt.

    ## Why
    A tag can be moved to other code after review; a commit SHA cannot. The
    comment keeps the pin readable and lets the `update-pre_commit` tox env
    refresh it.

    ## Example
    ```yaml
        rev: v0.15.9
    ```

    Use instead:
    `rev: {rev:https://github.com/astral-sh/ruff-pre-commit}`.

    ## Fix
    Set the `rev:` of each repository the template knows to the template's
    frozen SHA and `  # frozen: <tag>`; a repository the template does not
    know is left to `tox run -e update-pre_commit`. Unsafe: it changes the
    hooks' versions.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if skipped := missing(repo):
            return skipped

        found = [
            (e, f) for e in hook_repos(repo.precommit) if (f := _rev_failure(repo, e))
        ]
        failed = [f for _, f in found]

        if failed:
            entries = [e for e, _ in found]
            failed[0] = dataclasses.replace(failed[0], fix=lambda: _fix(entries, std))

        return failed


def _fix(entries: list[HookRepo], std: Standard) -> Fix | None:
    """Freeze the revisions of these hook repositories that the template
    knows; it reads the render, which the check does not need.
    """
    frozen = frozen_revs(std)
    urls = tuple(e.url for e in entries if e.url in frozen and e.rev is not None)

    if not urls:
        return None

    return Fix(
        "Pin the hook repositories to the standard frozen revisions",
        "unsafe",
        (_FreezeRevs(PATH, urls, pins(std)),),
    )


def _rev_failure(repo: Repo, entry: HookRepo) -> Fail | None:
    """Why a hook repository's revision is not a frozen commit SHA."""
    if entry.url in LOCAL:
        return None

    rev = entry.rev or ""
    name = entry.repo

    if not rev:
        return Fail(f"{name} has no rev", PATH)

    # Two repositories may share a rev: the line is the one after the entry's.
    start = repo.line_of(PATH, rf"repo:\s*['\"]?{re.escape(name)}['\"]?\s*(#|$)")
    lines = lines_of(repo, PATH, rf"rev:\s*['\"]?{re.escape(rev)}\b")
    line = next((n for n in lines if start is not None and n > start), nth(lines, 0))

    if not _SHA.fullmatch(rev):
        return Fail(f"{name} is pinned to {rev}, not a commit SHA", PATH, line)

    frozen = repo.line_of(PATH, rf"rev:\s*['\"]?{rev}['\"]?  # frozen: \S+\s*$")

    if frozen is None:
        return Fail(f"the rev of {name} has no `  # frozen: <tag>`", PATH, line)

    return None


@dataclasses.dataclass(frozen=True)
class _FreezeRevs(Edit):
    """Pin hook repositories to the template's frozen revisions."""

    path: str
    urls: tuple[str, ...]
    frozen: Pins

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        frozen = dict(self.frozen)
        return keep_newlines(text, lambda s: freeze(s, self.urls, frozen))
