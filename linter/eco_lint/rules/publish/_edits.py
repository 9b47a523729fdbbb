"""Edits of the publish workflow.

The publish workflow is the template's. The edits below are told by what
they mean (a job's name, the action a step uses, a command it runs), not
by positions, and find their place when they are applied, so that they
still apply after other fixes changed the same file, and do nothing when
the file already is as they would make it. Values come from the
template's render, loaded with its comments and flow style.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import typing as t

from ...edits import FixConflict
from ...edits.yaml import mapping
from ...edits.yaml import yaml_load
from ...edits.yaml import YamlChange
from ...repo import Repo
from ...standard import standard_for
from .._workflows import action_id
from .._workflows import as_dict
from .._workflows import inputs
from .._workflows import jobs
from .._workflows import needs_of
from .._workflows import node as node_at
from .._workflows import run_of
from ._workflow import PATH

Keys: t.TypeAlias = tuple[str | int, ...]


def template_data(repo: Repo) -> t.Any:
    """The template's publish workflow, round-tripped: an edit reads the
    render when it is applied.
    """
    source = standard_for(repo).text(PATH)

    if source is None:
        raise FixConflict(f"the template has no {PATH}")

    return yaml_load(source)[1]


def node(data: t.Any, keys: Keys) -> t.Any:
    """The value at ``keys`` of the template's workflow."""
    return node_at(data, keys, f"the template's {PATH} has no {keys}")


def place(mapping: t.Any, key: str, value: t.Any, order: t.Sequence[t.Any]) -> None:
    """Set a key; a new key goes where the template's order puts it."""
    if key in mapping:
        mapping[key] = value
        return

    if key in order:
        later = set(list(order)[list(order).index(key) + 1 :])

        for index, existing in enumerate(mapping):
            if existing in later:
                mapping.insert(index, key, value)
                return

    mapping[key] = value


def matches(step: t.Any, uses: str | None, command: str | None) -> bool:
    """Whether a step uses an action or runs a command."""
    if not isinstance(step, dict):
        return False

    return (uses is not None and action_id(step) == uses) or (
        command is not None and bool(re.search(command, run_of(step)))
    )


def job_steps(data: t.Any, job: str) -> list[t.Any]:
    """The round-tripped steps of a job, to change in place."""
    found = as_dict(as_dict(data.get("jobs")).get(job))
    steps = found.get("steps")
    return steps if isinstance(steps, list) else []


def rewire(found: t.Any, removed: dict[str, list[str]]) -> None:
    """Make jobs that needed a removed job need what it needed instead."""

    def resolve(name: str, seen: frozenset[str] = frozenset()) -> list[str]:
        if name not in removed:
            return [name] if name in found else []

        if name in seen:
            return []

        return [n for need in removed[name] for n in resolve(need, seen | {name})]

    for job in found.values():
        if not isinstance(job, dict) or "needs" not in job:
            continue

        old_needs = needs_of(job)
        new = list(dict.fromkeys(n for need in old_needs for n in resolve(need)))

        if new == old_needs:
            continue

        old = job["needs"]

        if not new:
            del job["needs"]
        elif isinstance(old, list):
            old[:] = new
        else:
            job["needs"] = new[0] if len(new) == 1 else new


def template_order(template: t.Any, keys: Keys, up: int) -> list[t.Any]:
    """The keys of the template's mapping ``up`` levels above ``keys``."""
    try:
        parent = node(template, keys[:-up])
    except FixConflict:
        return []

    return list(parent) if isinstance(parent, dict) else []


@dataclasses.dataclass(frozen=True)
class WorkflowEdit(YamlChange):
    """An edit of the round-tripped workflow."""


@dataclasses.dataclass(frozen=True)
class Put(WorkflowEdit):
    """Set the value at ``route`` (mapping keys) to the template's value at
    ``keys``, or to ``value``; a new key goes in the template's order.
    """

    route: tuple[str, ...]
    keys: Keys | None = None
    value: t.Any = None

    def change(self, data: t.Any, repo: Repo) -> bool:
        template = template_data(repo)
        keys = self.keys or self.route
        new = copy.deepcopy(node(template, keys)) if self.keys else self.value
        parent = data

        for depth, key in enumerate(self.route[:-1]):
            if not isinstance(parent.get(key), dict):
                order = template_order(template, keys, len(self.route) - depth)
                place(parent, key, mapping(), order)

            parent = parent[key]

        key = self.route[-1]

        if key in parent and parent[key] == new:
            return False

        place(parent, key, new, template_order(template, keys, 1))
        return True


@dataclasses.dataclass(frozen=True)
class StepPut(WorkflowEdit):
    """Set or remove ``route`` in the steps of a job that use an action or
    run a command. The value is the template's at ``keys``, or ``value``.
    """

    job: str
    route: tuple[str, ...]
    action: str | None = None
    run: str | None = None
    keys: Keys | None = None
    value: t.Any = None
    remove: bool = False
    #: Only the steps whose ``with:`` has these values (``None``: unset).
    having: tuple[tuple[str, str | None], ...] = ()

    def change(self, data: t.Any, repo: Repo) -> bool:
        template = template_data(repo) if self.keys else None
        changed = False

        for step in job_steps(data, self.job):
            if not matches(step, self.action, self.run) or any(
                inputs(step).get(key) != value for key, value in self.having
            ):
                continue

            parents = [step]

            for key in self.route[:-1]:
                if not isinstance(parents[-1].get(key), dict):
                    if self.remove:
                        break

                    parents[-1][key] = mapping()

                parents.append(parents[-1][key])
            else:
                changed |= self._set(parents, template)

        return changed

    def _set(self, parents: list[t.Any], template: t.Any) -> bool:
        key = self.route[-1]
        parent = parents[-1]

        if self.remove:
            if key not in parent:
                return False

            del parent[key]

            # A with: or env: left empty goes too.
            for above, name in zip(parents[-2::-1], self.route[-2::-1], strict=True):
                if above[name]:
                    break

                del above[name]

            return True

        if self.keys:
            new = copy.deepcopy(node(template, self.keys))
            order = template_order(template, self.keys, 1)
        else:
            new, order = self.value, []

        if key in parent and parent[key] == new:
            return False

        place(parent, key, new, order)
        return True


def removal(job: str, route: tuple[str, ...], uses: str) -> StepPut:
    """Remove ``route`` from the steps of a job that use an action."""
    return StepPut(PATH, job, route, action=uses, remove=True)


@dataclasses.dataclass(frozen=True)
class AddStep(WorkflowEdit):
    """Insert the template's step at ``keys`` into a job, at ``index``
    (``None``: last), unless a step using the same action is there.
    """

    job: str
    keys: Keys
    index: int | None = None

    def change(self, data: t.Any, repo: Repo) -> bool:
        step = copy.deepcopy(node(template_data(repo), self.keys))
        steps = job_steps(data, self.job)

        if any(action_id(s) == action_id(step) for s in steps if isinstance(s, dict)):
            return False

        steps.insert(len(steps) if self.index is None else self.index, step)
        return True


@dataclasses.dataclass(frozen=True)
class RemoveSteps(WorkflowEdit):
    """Remove the steps of a job that use an action (and, if ``having`` is
    given, set that ``with:`` key).
    """

    job: str
    action: str
    having: tuple[str, ...] = ()

    def change(self, data: t.Any, repo: Repo) -> bool:
        steps = job_steps(data, self.job)
        keep = [
            s
            for s in steps
            if not (
                matches(s, self.action, None)
                and (not self.having or set(self.having) & set(inputs(s)))
            )
        ]

        if len(keep) == len(steps):
            return False

        steps[:] = keep
        return True


@dataclasses.dataclass(frozen=True)
class Needs(WorkflowEdit):
    """Make a job need another."""

    job: str
    need: str

    def change(self, data: t.Any, repo: Repo) -> bool:
        job = as_dict(data.get("jobs")).get(self.job)

        if not isinstance(job, dict) or self.need in needs_of(job):
            return False

        old = job.get("needs")

        if isinstance(old, list):
            old.append(self.need)
        else:
            # In the template's order of a job's keys.
            order = next(
                (list(j) for j in jobs(template_data(repo)).values() if "needs" in j),
                [],
            )
            place(job, "needs", [*needs_of(job), self.need], order)

        return True
