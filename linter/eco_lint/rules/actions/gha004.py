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
from ._common import maybe_fix
from ._common import or_missing


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
          - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2
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
        found: list[Fail] = []

        for path, data in repo.workflows.items():
            for job_id, job in wf.jobs(data).items():
                for step in wf.steps(job):
                    if wf.action(step) != "actions/checkout":
                        continue

                    if wf.inputs(step).get("persist-credentials") not in (
                        False,
                        "false",
                    ):
                        found.append(
                            Fail(
                                f"a checkout in job {job_id} keeps credentials",
                                path,
                                wf.line_after(
                                    repo,
                                    path,
                                    wf.job_line(repo, path, job_id),
                                    r"uses:\s*['\"]?actions/checkout@",
                                ),
                            )
                        )

        return or_missing(repo, found)

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        edits = [
            YamlSet(
                path,
                ("jobs", job_id, "steps", index, "with", "persist-credentials"),
                False,
            )
            for path, data in repo.workflows.items()
            for job_id, job in wf.jobs(data).items()
            for index, step in wf.indexed_steps(job)
            if wf.action(step) == "actions/checkout"
            and wf.inputs(step).get("persist-credentials") not in (False, "false")
        ]
        return maybe_fix("Add persist-credentials: false to checkouts", "safe", edits)
