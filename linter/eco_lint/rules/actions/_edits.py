"""Changes to a workflow made on its round-tripped YAML, with the
template's same workflow at hand, shared by several GHA rules."""

from __future__ import annotations

import copy
import dataclasses
import typing as t

from ...edits import FixConflict
from ...edits.yaml import mapping
from ...edits.yaml import yaml_load
from ...edits.yaml import YamlChange
from ...repo import Repo
from .. import _workflows as wf
from ._common import normal
from ._common import PRE_COMMIT_ACTIONS

#: What a key that is not there is told apart by.
MISSING: t.Any = object()


#: Keys a job's permissions go after.
BEFORE_PERMISSIONS = ("runs-on", "needs", "name")


def node(data: t.Any, route: tuple[str | int, ...], path: str) -> t.Any:
    return wf.node(data, route, f"{path} has no {'/'.join(map(str, route))}")


def put(mapping: t.Any, key: str, value: t.Any, after: tuple[str, ...] = ()) -> None:
    """Set a key. A new one goes after the first key of ``after`` that is
    there, or last.
    """
    anchor = next((a for a in after if a in mapping), None)

    if key in mapping or anchor is None:
        mapping[key] = value
    else:
        mapping.insert(list(mapping).index(anchor) + 1, key, value)


@dataclasses.dataclass(frozen=True)
class WorkflowChange(YamlChange):
    """A change to a workflow, made on its round-tripped YAML, with the
    template's same workflow at hand: ``expected`` is its text.
    """

    expected: str | None = dataclasses.field(default=None, kw_only=True, repr=False)

    def template(self, repo: Repo) -> t.Any:
        text = self.expected

        if text is None:
            raise FixConflict(f"the template has no {self.path}")

        return yaml_load(text)[1]


@dataclasses.dataclass(frozen=True)
class SetFromTemplate(WorkflowChange):
    """Set a key to the template's value of the same workflow, with its
    formatting and comments, creating the mappings above it. ``source`` is
    the value's route in the template when it is not ``route``.
    """

    route: tuple[str | int, ...]
    source: tuple[str | int, ...] = ()
    after: tuple[str, ...] = ()

    def change(self, data: t.Any, repo: Repo) -> None:
        value = node(self.template(repo), self.source or self.route, self.path)
        parent = data

        for key in self.route[:-1]:
            if isinstance(parent, dict):
                if parent.get(key) is None:
                    parent[key] = mapping()

                parent = parent[key]
            else:
                parent = node(parent, (key,), self.path)

        if not isinstance(parent, dict):
            raise FixConflict(f"{self.path} has no mapping at {self.route[:-1]}")

        put(parent, str(self.route[-1]), copy.deepcopy(value), self.after)


@dataclasses.dataclass(frozen=True)
class SetTriggers(WorkflowChange):
    """Set each event of the template's ``on:``, keeping the project's
    other events.
    """

    def change(self, data: t.Any, repo: Repo) -> None:
        expected = node(self.template(repo), ("on",), self.path)
        found = data.get("on")

        if not isinstance(found, dict):
            events = found if isinstance(found, list) else [found] if found else []
            new = copy.deepcopy(expected)

            for event in events:
                if event not in new:
                    new[event] = None

            put(data, "on", new, ("name",))
            return

        previous: tuple[str, ...] = ()

        for event, value in expected.items():
            if event not in found or normal(found[event] or {}) != normal(value or {}):
                put(found, event, copy.deepcopy(value), previous)

            previous = (event, *previous)


@dataclasses.dataclass(frozen=True)
class InsertStep(WorkflowChange):
    """Insert a step of the template's job, after the steps that come before
    it there.
    """

    job: str
    source_job: str
    index: int

    def change(self, data: t.Any, repo: Repo) -> None:
        expected = node(self.template(repo), ("jobs", self.source_job, "steps"), "")
        steps = node(data, ("jobs", self.job, "steps"), self.path)
        before = {wf.action(s) for s in expected[: self.index] if isinstance(s, dict)}
        position = 0

        for index, step in wf.indexed_steps({"steps": steps}):
            if wf.action(step) in before - {None}:
                position = index + 1

        steps.insert(position, copy.deepcopy(expected[self.index]))


@dataclasses.dataclass(frozen=True)
class TemplateJob(WorkflowChange):
    """Replace a job with the template's, keeping the ``keep`` keys and the
    keys the template's job does not have, and appending the steps that use
    actions the template's job does not use.
    """

    job: str
    source_job: str
    keep: tuple[str, ...] = ()

    def change(self, data: t.Any, repo: Repo) -> None:
        expected = node(self.template(repo), ("jobs", self.source_job), self.path)
        found = node(data, ("jobs", self.job), self.path)
        if not isinstance(found, dict) or not isinstance(expected, dict):
            raise FixConflict(f"job {self.job} of {self.path} is not a mapping")

        new: t.Any = copy.deepcopy(expected)

        for key, value in found.items():
            if key in self.keep and key in new:
                new[key] = value
            elif key not in new and "steps" in new:
                new.insert(list(new).index("steps"), key, value)
            elif key not in new:
                new[key] = value

        used = {wf.action(s) for s in wf.steps(new)} | set(PRE_COMMIT_ACTIONS)
        extra = [s for s in wf.steps(found) if wf.action(s) not in used | {None}]

        if extra and isinstance(new.get("steps"), list):
            new["steps"].extend(extra)

        data["jobs"][self.job] = new


@dataclasses.dataclass(frozen=True)
class ScopePermissions(WorkflowChange):
    """Give each job without ``permissions`` the workflow's, set the
    workflow's to ``{}``, and set the ``reset`` jobs' to the template's
    (project job, template job).
    """

    reset: tuple[tuple[str, str], ...] = ()

    def change(self, data: t.Any, repo: Repo) -> None:
        top = data.get("permissions")

        if top is not None and top != {}:
            for job in wf.jobs(data).values():
                if "permissions" not in job:
                    put(job, "permissions", copy.deepcopy(top), BEFORE_PERMISSIONS)

        put(data, "permissions", {}, ("on",))
        expected = wf.jobs(self.template(repo)) if self.reset else {}

        for job_id, source in self.reset:
            job = node(data, ("jobs", job_id), self.path)
            value = expected.get(source, {}).get("permissions", MISSING)

            if value is not MISSING:
                put(job, "permissions", copy.deepcopy(value), BEFORE_PERMISSIONS)
            elif "permissions" in job:
                del job["permissions"]
