"""PUB007: release builds use no cache."""

from __future__ import annotations

import re

from ...edits import Edit
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Publishing
from ._edits import RemoveSteps
from ._edits import StepPut
from ._fixes import combined
from ._fixes import step_keys
from ._fixes import template_build
from ._workflow import action_of
from ._workflow import build_jobs
from ._workflow import CACHE
from ._workflow import in_job
from ._workflow import inputs_of
from ._workflow import PATH
from ._workflow import path_of
from ._workflow import read_workflow
from ._workflow import SETUP_PYTHON
from ._workflow import SETUP_UV
from ._workflow import steps_of


class PUB007(Publishing):
    """Release builds use no cache

    ## What it does
    Checks that every job that builds the distributions sets
    `enable-cache: false` on `astral-sh/setup-uv`, and restores no other
    cache (`actions/cache`, or `cache:` on `actions/setup-python`).

    ## Why
    A cache is shared with the workflows that pull requests run. A poisoned
    cache entry would put an attacker's files into the build that is
    uploaded to PyPI. setup-uv caches by default on GitHub's runners.

    ## Example
    ```yaml
    - uses: astral-sh/setup-uv@<sha> # v9.0.0
      with:
        enable-cache: true
    ```

    Use instead:
    ```yaml
    - uses: astral-sh/setup-uv@<sha> # v9.0.0
      with:
        enable-cache: false
    ```

    ## Fix
    Set `enable-cache: false` and remove other caches from the build job.
    Safe.
    """

    weight = 3
    fixable = True
    requires = frozenset({"PUB001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        path = path_of(repo)

        builds = build_jobs(read_workflow(repo))

        if not builds:
            return Skip("no job builds the distributions; PUB003 reports it")

        failed: list[Fail] = []

        for name, job in builds.items():
            for step in steps_of(job):
                action = action_of(step)
                options = inputs_of(step)

                if action == SETUP_UV and (
                    str(options.get("enable-cache")).lower() != "false"
                ):
                    failed.append(
                        Fail(
                            f"setup-uv in job {name!r} does not set"
                            " enable-cache: false",
                            path,
                            in_job(repo, name, rf"{re.escape(SETUP_UV)}@"),
                        )
                    )

                if (action == SETUP_PYTHON and "cache" in options) or (action == CACHE):
                    failed.append(
                        Fail(
                            f"job {name!r} restores a cache with {action}",
                            path,
                            in_job(repo, name, rf"{re.escape(str(action))}@"),
                        )
                    )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if path_of(repo) != PATH:
            return None  # the template edits only its own publish.yaml

        edits: list[Edit] = []
        std_build = template_build(std)
        uv_keys = step_keys(std, std_build, SETUP_UV)

        for name, job in build_jobs(read_workflow(repo)).items():
            for step in steps_of(job):
                action = action_of(step)

                if action == SETUP_UV and (
                    str(inputs_of(step).get("enable-cache")).lower() != "false"
                ):
                    edits.append(
                        StepPut(
                            PATH,
                            name,
                            ("with", "enable-cache"),
                            action=action,
                            keys=(*uv_keys, "with", "enable-cache"),
                        )
                    )
                elif action == SETUP_PYTHON:
                    edits += [
                        StepPut(PATH, name, ("with", key), action=action, remove=True)
                        for key in ("cache", "cache-dependency-path")
                        if key in inputs_of(step)
                    ]

            if any(action_of(s) == CACHE for s in steps_of(job)):
                edits.append(RemoveSteps(PATH, name, CACHE))

        return combined("Build without caches", edits, False)
