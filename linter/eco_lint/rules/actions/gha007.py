"""GHA007: zizmor scans the workflows."""

from __future__ import annotations

from ...registry import Outcome
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Actions
from .._edits import carrying
from .._facts import has_workflow
from .._facts import workflow_of
from .._roles import played
from ._common import maybe_fix
from ._compare import compare_steps
from ._compare import compare_triggers
from ._compare import sync


class GHA007(Actions):
    """zizmor scans the workflows

    ## What it does
    Checks `zizmor.yaml` against the template's: the same triggers with the
    `**/*.yaml?` paths filter, and the `zizmorcore/zizmor-action` step with
    `advanced-security: false` and `annotations: true`.

    ## Why
    zizmor finds the workflow mistakes that the other GHA rules describe,
    and new ones, on every change to a workflow. Without Advanced Security
    it reports findings as annotations on the pull request.

    ## Example
    ```yaml
        - uses: {pin:zizmorcore/zizmor-action}
    ```

    Use instead: the same step with
    `with: {advanced-security: false, annotations: true}`.

    ## Fix
    Set the template's triggers and the zizmor step's `with:` values, or add
    the template's steps that are missing, keeping the project's other
    events, steps and inputs. Safe.
    """

    weight = 3
    fixable = True

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return has_workflow(std, "zizmor")

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        template = workflow_of("zizmor")
        zizmor = played(repo, std, template)

        if zizmor is None:
            return Skip("no workflow runs zizmor; GHA001 reports it")

        found = [
            f
            for f in (
                compare_triggers(repo, std, zizmor, template),
                compare_steps(repo, std, zizmor, template),
            )
            if f
        ]

        if not found or zizmor != template:
            return found  # the template edits only its own workflow

        edits = sync(repo, std, template)
        fix = maybe_fix("Set the standard zizmor triggers and steps", "safe", edits)
        return carrying(found, fix)
