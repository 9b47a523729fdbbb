"""GHA001: The standard workflows exist, as .yaml files."""

from __future__ import annotations

from ...edits.text import MoveFile
from ...edits.text import WriteFile
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Actions
from .._edits import carrying
from .._facts import workflow_of
from .._roles import DOES
from .._roles import played
from .._roles import standard_roles
from .._roles import workflow_for
from ..publish import other_publishers
from ._common import WORKFLOWS


class GHA001(Actions):
    """The standard workflows exist, as .yaml files

    ## What it does
    Checks that `.github/workflows/` has a workflow for each one of the
    template's (`tests`, `pre-commit`, `publish`, `lock` and `zizmor`), told
    apart by what it does, whatever its name: uploading to PyPI, running
    the tests, running pre-commit, locking old threads, running zizmor.
    Then checks that every workflow file ends in `.yaml`, not `.yml`.

    ## Why
    The workflows run the tests, the hooks and the security scan on each
    pull request and publish releases. The zizmor workflow's `**/*.yaml?`
    paths filter does not match `.yml` files, so changes to them would not
    be scanned.

    ## Example
    `.github/workflows/tests.yml`, and no `zizmor.yaml`.

    Use instead: `.github/workflows/tests.yaml` and the template's
    `zizmor.yaml`.

    ## Fix
    Write the template's missing workflows, and rename `.yml` workflows to
    `.yaml`. Unsafe: a new workflow runs jobs the project did not have
    (uploads, locking threads), and a rename changes the workflow's path.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found = [
            Fail(f"no workflow {DOES[role]}, as {name} does in the template", name)
            for role, name in standard_roles(std).items()
            if workflow_for(repo, role, name) is None
        ]
        found += [
            Fail(f"workflow {name} is spelled .yml", name)
            for name in repo.glob(r"\.github/workflows/[^/]+\.yml")
        ]
        return carrying(found, lambda: _fix(repo, std))


def _fix(repo: Repo, std: Standard) -> Fix | None:
    """Rename the ``.yml`` workflows and write the template's missing ones:
    those that no workflow does the work of, whatever its name, as the
    check finds them (a ``ci.yaml`` that runs the tests keeps the template's
    ``tests.yaml`` out).
    """
    moves = [
        MoveFile(name, f"{name[:-4]}.yaml")
        for name in repo.glob(r"\.github/workflows/[^/]+\.yml")
        if not repo.exists(f"{name[:-4]}.yaml")
    ]
    targets = {m.target for m in moves}

    if other_publishers(repo):
        # One publish pipeline: PUB001 says what to do by hand.
        targets.add(workflow_of("publish"))

    writes = [
        WriteFile(name)
        for name in std.files()
        if name.startswith(WORKFLOWS)
        and not repo.is_file(name)
        and name not in targets
        and played(repo, std, name) is None
    ]

    if moves:
        return Fix(
            "Rename the .yml workflows to .yaml and write the missing ones",
            "unsafe",
            (*moves, *writes),
        )

    if writes:
        return Fix("Write the missing standard workflows", "unsafe", tuple(writes))

    return None
