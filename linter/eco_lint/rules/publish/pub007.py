"""PUB007: release builds use no cache."""

from __future__ import annotations

import re

from ...edits import Template
from ...edits.workflow import RemoveSteps
from ...edits.workflow import steps_of
from ...edits.yaml import YamlSet
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Publishing
from .._edits import carrying
from .._facts import publishing
from .._workflows import action_id
from .._workflows import inputs
from .._workflows import steps
from ._edits import removal
from ._fixes import Edits
from ._fixes import step_keys
from ._workflow import in_job
from ._workflow import Job
from ._workflow import path_of
from ._workflow import publish_builds
from ._workflow import Step


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
    - uses: {pin:astral-sh/setup-uv}
      with:
        enable-cache: true
    ```

    Use instead:
    ```yaml
    - uses: {pin:astral-sh/setup-uv}
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
        builds = publish_builds(repo)

        if not builds:
            return Skip("no job builds the distributions; PUB003 reports it")

        failed = [
            fail
            for name, job in builds.items()
            for step in steps(job)
            for fail in _failures(repo, path, name, step)
        ]

        return carrying(failed, lambda: _fix(std, path, builds))


def _caches(step: Step) -> bool:
    """Whether a step restores a cache other than setup-uv's."""
    pub = publishing()
    action = action_id(step)
    return (
        action == pub.setup_python and "cache" in inputs(step)
    ) or action == pub.cache


def _failures(repo: Repo, path: str, name: str, step: Step) -> list[Fail]:
    pub = publishing()
    action = action_id(step)
    failed: list[Fail] = []

    if action == pub.setup_uv and (
        str(inputs(step).get("enable-cache")).lower() != "false"
    ):
        failed.append(
            Fail(
                f"setup-uv in job {name!r} does not set enable-cache: false",
                path,
                in_job(repo, name, rf"{re.escape(pub.setup_uv)}@"),
            )
        )

    if _caches(step):
        failed.append(
            Fail(
                f"job {name!r} restores a cache with {action}",
                path,
                in_job(repo, name, rf"{re.escape(str(action))}@"),
            )
        )

    return failed


def _fix(std: Standard, path: str, builds: dict[str, Job]) -> Fix | None:
    pub = publishing()

    if path != pub.path:
        return None  # the template edits only its own publish.yaml

    edits = Edits()
    uv_keys = step_keys(std, publishing().build, pub.setup_uv)

    for name, job in builds.items():
        for step in steps(job):
            action = action_id(step)

            if action == pub.setup_uv and (
                str(inputs(step).get("enable-cache")).lower() != "false"
            ):
                route = ("with", "enable-cache")
                keys = (*uv_keys, *route)
                edits.add(
                    YamlSet(
                        pub.path,
                        (*steps_of(name, action), *route),
                        Template(keys),
                        ordered=True,
                    )
                )
            elif action == pub.setup_python:
                edits.add(
                    *(
                        removal(name, ("with", key), action)
                        for key in ("cache", "cache-dependency-path")
                        if key in inputs(step)
                    )
                )

        if any(action_id(s) == pub.cache for s in steps(job)):
            edits.add(RemoveSteps(pub.path, pub.cache, name))

    return edits.fix("Build without caches")
