"""Changes to a workflow made on its round-tripped YAML, with the
template's same workflow at hand, shared by several GHA rules: the ones
no generic edit of :mod:`eco_lint.edits.yaml` or
:mod:`eco_lint.edits.workflow` makes (merging the triggers, replacing a
job, scoping the permissions)."""

from __future__ import annotations

import copy
import dataclasses
import typing as t

from ...edits import FixConflict
from ...edits.yaml import node
from ...edits.yaml import put
from ...edits.yaml import YamlChange
from ...repo import Repo
from .. import _workflows as wf
from ._common import normal
from ._common import PRE_COMMIT_ACTIONS

#: What a key that is not there is told apart by.
MISSING: t.Any = object()


#: Keys a job's permissions go after.
BEFORE_PERMISSIONS = ("runs-on", "needs", "name")


@dataclasses.dataclass(frozen=True)
class SetTriggers(YamlChange):
    """Set each event of the template's ``on:``, keeping the project's
    other events.
    """

    def change(self, data: t.Any, repo: Repo) -> None:
        expected = node(
            self.template(repo), ("on",), f"the template's {self.path} has no on"
        )
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
class TemplateJob(YamlChange):
    """Replace a job with the template's, keeping the ``keep`` keys and the
    keys the template's job does not have, and appending the steps that use
    actions the template's job does not use.
    """

    job: str
    source_job: str
    keep: tuple[str, ...] = ()

    def change(self, data: t.Any, repo: Repo) -> None:
        expected = node(
            self.template(repo),
            ("jobs", self.source_job),
            f"the template's {self.path} has no job {self.source_job}",
        )
        found = node(data, ("jobs", self.job), f"{self.path} has no job {self.job}")
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
class ScopePermissions(YamlChange):
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
            job = node(data, ("jobs", job_id), f"{self.path} has no job {job_id}")
            value = expected.get(source, {}).get("permissions", MISSING)

            if value is not MISSING:
                put(job, "permissions", copy.deepcopy(value), BEFORE_PERMISSIONS)
            elif "permissions" in job:
                del job["permissions"]
