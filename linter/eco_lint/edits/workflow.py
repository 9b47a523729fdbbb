"""Edits of GitHub workflows: the steps of a job, each told by the
action it uses or the command it runs (:class:`Step`, a selector in the
routes of :class:`~eco_lint.edits.yaml.YamlSet` and
:class:`~eco_lint.edits.yaml.YamlRemove`), and steps added or removed as
a whole. Built on :mod:`.yaml`'s operations only, which alone know
ruamel.yaml.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import typing as t

from .yaml import node
from .yaml import Route
from .yaml import YamlChange

if t.TYPE_CHECKING:
    from ..repo import Repo


@dataclasses.dataclass(frozen=True)
class Step:
    """In a route, each step of a ``steps`` list that uses the action
    ``uses`` (without its ref, in any case, as GitHub compares them) or
    whose ``run`` script, its blanks made single spaces, has a match of
    the pattern ``run``; and whose ``with:`` has the ``inputs`` values
    (``None``: unset).
    """

    uses: str | None = None
    run: str | None = None
    inputs: tuple[tuple[str, str | None], ...] = ()

    def matches(self, item: t.Any) -> bool:
        """Whether a step is one of these."""
        if not isinstance(item, dict):
            return False

        script = " ".join(str(item.get("run", "")).split())
        inputs = item.get("with")
        inputs = inputs if isinstance(inputs, dict) else {}
        return (
            (self.uses is not None and _action(item) == self.uses.lower())
            or (self.run is not None and bool(re.search(self.run, script)))
        ) and all(inputs.get(key) == value for key, value in self.inputs)


def steps_of(
    job: str,
    uses: str | None = None,
    run: str | None = None,
    inputs: tuple[tuple[str, str | None], ...] = (),
) -> Route:
    """The route to each step of a job that uses an action or runs a
    command (and has these ``with:`` values).
    """
    return ("jobs", job, "steps", Step(uses, run, inputs))


def job_steps(data: t.Any, job: str) -> list[t.Any]:
    """The round-tripped steps of a job, to change in place; none when the
    job has no list of steps.
    """
    jobs = data.get("jobs") if isinstance(data, dict) else None
    found = jobs.get(job) if isinstance(jobs, dict) else None
    steps = found.get("steps") if isinstance(found, dict) else None
    return steps if isinstance(steps, list) else []


@dataclasses.dataclass(frozen=True)
class AddStep(YamlChange):
    """Add the template's step at ``source`` to a job, unless a step of
    the job uses the same action: at ``index``; last when ``None``; or,
    when ``"ordered"``, after the steps that use an action the template's
    job uses before it (first without one).
    """

    job: str
    source: tuple[str | int, ...]
    index: int | t.Literal["ordered"] | None = None

    def change(self, data: t.Any, repo: Repo) -> bool:
        expected = node(
            self.template(repo), self.source[:-1], f"the template has no {self.source}"
        )
        position = self.source[-1]
        assert isinstance(position, int)
        new = copy.deepcopy(expected[position])
        steps = node(
            data, ("jobs", self.job, "steps"), f"{self.path} has no steps in {self.job}"
        )
        action = _action(new)

        if not isinstance(steps, list) or (
            action and any(_action(s) == action for s in steps)
        ):
            return False

        if self.index == "ordered":
            before = {_action(s) for s in expected[:position]} - {""}
            index = max(
                (i + 1 for i, s in enumerate(steps) if _action(s) in before), default=0
            )
        else:
            index = len(steps) if self.index is None else self.index

        steps.insert(index, new)
        return True


def _action(step: t.Any) -> str:
    """The action a step uses, as GitHub compares them; empty for none."""
    uses = step.get("uses", "") if isinstance(step, dict) else ""
    return str(uses).partition("@")[0].strip().lower()


@dataclasses.dataclass(frozen=True)
class RemoveSteps(YamlChange):
    """Remove the steps that use the action ``uses``, of ``job`` or of
    every job, that have one of the ``with:`` inputs ``having`` when
    given.
    """

    uses: str
    job: str | None = None
    having: tuple[str, ...] = ()

    def change(self, data: t.Any, repo: Repo) -> bool:
        jobs = data.get("jobs")
        names = (
            list(jobs) if isinstance(jobs, dict) and self.job is None else [self.job]
        )
        changed = False

        for name in names:
            steps = job_steps(data, str(name))

            for index in reversed(range(len(steps))):
                if self._removes(steps[index]):
                    del steps[index]
                    changed = True

        return changed

    def _removes(self, step: t.Any) -> bool:
        inputs = step.get("with") if isinstance(step, dict) else None
        having = set(inputs) if isinstance(inputs, dict) else set()
        return _action(step) == self.uses.lower() and (
            not self.having or bool(set(self.having) & having)
        )
