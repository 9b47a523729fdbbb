"""Edits of the publish workflow that no generic edit of
:mod:`eco_lint.edits.yaml` or :mod:`eco_lint.edits.workflow` makes:
rewiring the jobs that needed a removed job, and making a job need
another; and the route of a removal from the steps that use an action.
"""

from __future__ import annotations

import dataclasses
import typing as t

from ...edits.workflow import steps_of
from ...edits.yaml import put
from ...edits.yaml import YamlChange
from ...edits.yaml import YamlRemove
from ...repo import Repo
from .._facts import publishing
from .._workflows import as_dict
from .._workflows import jobs
from .._workflows import needs_of

Keys: t.TypeAlias = tuple[str | int, ...]


def removal(job: str, route: tuple[str, ...], uses: str) -> YamlRemove:
    """Remove ``route`` from the steps of a job that use an action."""
    return YamlRemove(publishing().path, (*steps_of(job, uses), *route))


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


@dataclasses.dataclass(frozen=True)
class Needs(YamlChange):
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
                (list(j) for j in jobs(self.template(repo)).values() if "needs" in j),
                [],
            )
            put(job, "needs", [*needs_of(job), self.need], order=order)

        return True
