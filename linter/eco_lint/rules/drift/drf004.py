"""DRF004: the project has every template-owned file."""

from __future__ import annotations

from ...edits.text import WriteFile
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from ...template import ANSWERS_FILE
from .._base import Drift
from .._facts import workflow_of
from ._template import template_owned


class DRF004(Drift):
    """Project has every template file

    ## What it does
    Checks that every file the template owns exists in the project. Files
    that belong to the project after the first copy (its package, tests,
    README, changelog and docs pages) are its own to keep or remove.

    ## Why
    A file the project lacks is one the standard expects, such as a
    workflow or the docs' licence page. Copier recreates it on update, where
    it arrives unreviewed; diffs against the template do not show it at all.

    ## Example
    A project without `.github/workflows/zizmor.yaml`.

    Use instead: the template's file.

    ## Fix
    Write the template's render of each missing file. Safe: only new files.
    """

    weight = 2
    fixable = True

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return repo.is_file(ANSWERS_FILE)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        missing = _missing(repo, std)
        edits = tuple(WriteFile(name) for name in missing)
        fix = Fix("Write the missing template files", "safe", edits)
        return [Fail(f"missing template file: {n}", n, fix=fix) for n in missing]


def _missing(repo: Repo, std: Standard) -> list[str]:
    """The template-owned files, ``pyproject.toml`` among them, that the
    project lacks and a fix may write.
    """
    from ..publish import other_publishers

    owned = [*template_owned(std), "pyproject.toml"]
    # One publish pipeline: PUB001 says what to do by hand.
    skip = {workflow_of("publish")} if other_publishers(repo) else set()

    if repo.is_file("setup.py") or repo.is_file("setup.cfg"):
        # The migration to [project] writes it from their metadata.
        skip.add("pyproject.toml")

    return [n for n in owned if not repo.exists(n) and n not in skip]
