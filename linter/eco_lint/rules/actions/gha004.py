"""GHA004: Checkouts do not keep credentials."""

from __future__ import annotations

from ...edits.yaml import YamlSet
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .. import _workflows as wf
from .._base import Actions
from .._facts import actions_given
from ._common import or_missing

_KEEP = "persist-credentials"


class GHA004(Actions):
    """Checkouts do not keep credentials

    ## What it does
    Checks that every `actions/checkout` step sets
    `persist-credentials: false`.

    ## Why
    By default, checkout writes the job's token into `.git/config`, where
    every later step, and anything uploaded as an artifact from the
    workspace, can read it. No Pallets workflow pushes from CI.

    ## Example
    ```yaml
          - uses: {pin:actions/checkout}
    ```

    Use instead: the same step with `with: {persist-credentials: false}`.

    ## Fix
    Set `persist-credentials: false` in the `with:` of each checkout. Safe:
    no Pallets workflow pushes.
    """

    weight = 5
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        checkouts = actions_given(_KEEP)
        found = [
            Fail(
                f"a checkout in job {step.job} keeps credentials",
                path,
                wf.step_line(repo, path, step.job, str(step.action)),
                fix=Fix(
                    "Add persist-credentials: false to checkouts",
                    "safe",
                    (YamlSet(path, (*step.route, "with", _KEEP), False),),
                ),
            )
            for path, data in repo.workflows.items()
            for step in wf.workflow_steps(data)
            if step.action in checkouts
            and step.inputs.get(_KEEP) not in (False, "false")
        ]
        return or_missing(repo, std, found)
