"""A workflow compared with the template's: its triggers, and the actions
it uses with their ``with:`` values; and the edits that bring it in line."""

from __future__ import annotations

import re

from ...edits import Edit
from ...edits import Template
from ...edits.workflow import AddStep
from ...edits.yaml import YamlSet
from ...registry import Fail
from ...repo import Repo
from ...standard import Standard
from .. import _workflows as wf
from ._common import normal
from ._common import show
from ._common import triggers
from ._edits import SetTriggers


def compare_triggers(
    repo: Repo, std: Standard, path: str, standard: str = ""
) -> Fail | None:
    """Every event the template's workflow triggers on, with the same
    filters; the repository may add events of its own. ``standard`` is the
    template's path when the repository's workflow has another name.
    """
    found = triggers(repo.workflows[path])
    expected = triggers(std.yaml(standard or path))
    line = repo.line_of(path, r"^on:")

    if not isinstance(expected, dict):
        return None

    if not isinstance(found, dict):
        return Fail(f"triggers on {show(found)}, without filters", path, line)

    for event, value in expected.items():
        if event not in found:
            return Fail(f"not triggered by {event}", path, line)

        if normal(found[event] or {}) != normal(value or {}):
            if not found[event]:
                return Fail(f"{event} trigger has no filters", path, line)

            return Fail(f"{event} trigger is {show(found[event])}", path, line)

    return None


def compare_steps(
    repo: Repo, std: Standard, path: str, standard: str = ""
) -> Fail | None:
    """Every action the template's workflow uses, with its ``with:``
    values; refs and extra inputs are the repository's own.
    """
    steps = wf.all_steps(repo.workflows[path])

    for step in wf.all_steps(std.yaml(standard or path)):
        action = wf.action(step)

        if action is None:
            continue

        matching = [s for s in steps if wf.action(s) == action]

        if not matching:
            return Fail(f"does not use {action}", path)

        for key, value in wf.inputs(step).items():
            if all(wf.inputs(s).get(key) != value for s in matching):
                found = wf.inputs(matching[0])
                message = (
                    f"{action} has {key}: {show(found[key])}, not {show(value)}"
                    if key in found
                    else f"{action} has no {key}"
                )
                return Fail(
                    message,
                    path,
                    repo.line_of(path, rf"^\s+{re.escape(key)}:")
                    or repo.line_of(path, rf"uses:\s*{re.escape(action)}@"),
                )

    return None


def sync(repo: Repo, std: Standard, path: str) -> list[Edit]:
    """The edits that give a workflow the template's triggers and the
    template's actions with their ``with:`` values.
    """
    expected = std.text(path)
    edits: list[Edit] = []
    inserts: list[Edit] = []

    if compare_triggers(repo, std, path):
        edits.append(SetTriggers(path, expected=expected))

    jobs = wf.jobs(repo.workflows[path])

    for step in wf.workflow_steps(std.yaml(path)):
        if step.action is None:
            continue

        found = wf.workflow_steps(repo.workflows[path])
        matching = [s for s in found if s.action == step.action]

        if not matching:
            target = step.job if step.job in jobs else None

            if target is None and len(jobs) == 1:
                target = next(iter(jobs))

            if target is not None:
                inserts.append(
                    AddStep(
                        path,
                        target,
                        ("jobs", step.job, "steps", step.index),
                        "ordered",
                        expected=expected,
                    )
                )

            continue

        edits += _inputs(path, step, matching, expected)

    return edits + inserts


def _inputs(
    path: str, step: wf.Step, matching: list[wf.Step], expected: str | None
) -> list[Edit]:
    """The edits that give the first of the ``matching`` steps the
    template's step's ``with:`` values that none of them has.
    """
    return [
        YamlSet(
            path,
            (*matching[0].route, "with", key),
            Template((*step.route, "with", key)),
            expected=expected,
        )
        for key, value in step.inputs.items()
        if all(s.inputs.get(key) != value for s in matching)
    ]
