"""GHA009: Tests run on pull requests and on pushes to main and stable."""

from __future__ import annotations

import dataclasses

from ...fix import Fix
from ...registry import Fail
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Actions
from .._facts import workflow_of
from .._roles import workflow_for
from ._compare import compare_triggers
from ._edits import SetTriggers


class GHA009(Actions):
    """Tests run on pull requests and on pushes to main and stable

    ## What it does
    Checks the triggers of `tests.yaml` against the template's:
    `pull_request`, and `push` to the branches `[main, stable]`, both
    ignoring changes to `docs/**` and `README.md` only.

    ## Why
    Pallets develops on `main` and keeps the current release line on
    `stable`; `*.x` branches and `master` are gone. Without branch filters,
    a branch pushed to the repository runs twice, once for the push and
    once for its pull request; without the paths filter, a docs typo runs
    the whole matrix.

    ## Example
    ```yaml
    on: [push, pull_request]
    ```

    Use instead:
    ```yaml
    on:
      pull_request:
        paths-ignore: ['docs/**', 'README.md']
      push:
        branches: [main, stable]
        paths-ignore: ['docs/**', 'README.md']
    ```

    ## Fix
    Set each event of the template's `on:` block, keeping the project's
    other events. Unsafe: it changes which branches CI runs on, and it is
    not applied where it would stop a trigger the project has.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        template = workflow_of("tests")
        tests = workflow_for(repo, "tests", template) or template

        if tests not in repo.workflows:
            return Skip(f"no {tests}")

        found = compare_triggers(repo, std, tests, template)

        if found is None or tests != template:
            return found  # the template edits only its own workflow

        # Which branches and events CI runs on is behaviour: unsafe.
        edit = SetTriggers(template, expected=std.text(template))
        fix = Fix("Set the standard tests triggers", "unsafe", (edit,))
        return dataclasses.replace(found, fix=fix)
