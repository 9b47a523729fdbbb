"""DRF002: the recorded template version is current."""

from __future__ import annotations

from packaging.version import Version

from ...registry import Fail
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from ...template import ANSWERS_FILE
from ...template import template_version
from .._base import Drift
from ._template import recorded_version


class DRF002(Drift):
    """Template version is current

    ## What it does
    Checks that the template version recorded in `.copier-answers.yml` is not
    older than the version this eco-lint carries.

    ## Why
    Each template version brings the standard's latest changes: action pins,
    hook revisions, workflow hardening. A project behind it misses them.

    ## Example
    `_commit: 0.1.0` when eco-lint carries 0.2.0.

    Use instead: run `eco-lint update`.

    ## Fix
    None: the update merges the new version with the project's own changes,
    which `eco-lint update` (or `copier update`) does.
    """

    weight = 1

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return repo.is_file(ANSWERS_FILE)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        if not repo.answers.get("_commit"):
            return Skip(f"{ANSWERS_FILE} has no _commit")

        recorded = recorded_version(repo)
        carried = Version(template_version())

        if recorded is None:
            return Fail(
                f"_commit {repo.answers.get('_commit')!r} is not a version",
                ANSWERS_FILE,
            )

        if recorded < carried:
            return Fail(
                f"template version {recorded} is behind {carried}", ANSWERS_FILE
            )

        return None
