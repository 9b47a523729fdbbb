"""Edits of GitHub workflows, addressed by routes: the keys and list
indexes down to a value, where a :class:`Step` stands for each step of a
list that uses an action or runs a command.

The edits are told by what they mean, not by positions in the file: they
find their place when they are applied, so that they still apply after
other fixes changed the same file, and leave the file byte for byte when
it already is as they would make it. A value may be the template's
(:class:`~eco_lint.edits.Template`): the render's same file, loaded with
its comments and styles. They are built on :mod:`.yaml`'s operations
only, which alone know ruamel.yaml.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import typing as t

from ..standard import standard_for
from . import FixConflict
from . import Template
from .yaml import mapping
from .yaml import yaml_load
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

    def matches(self, step: t.Any) -> bool:
        """Whether a step is one of these."""
        if not isinstance(step, dict):
            return False

        script = " ".join(str(step.get("run", "")).split())
        inputs = step.get("with")
        inputs = inputs if isinstance(inputs, dict) else {}
        return (
            (self.uses is not None and _action(step) == self.uses.lower())
            or (self.run is not None and bool(re.search(self.run, script)))
        ) and all(inputs.get(key) == value for key, value in self.inputs)


Route: t.TypeAlias = tuple["str | int | Step", ...]


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


def node(data: t.Any, route: Route, missing: str) -> t.Any:
    """The value at a route of plain keys and indexes; :class:`FixConflict`
    with the ``missing`` message when it is not there.
    """
    found = data

    for key in route:
        if isinstance(found, dict) and key in found:
            found = found[key]
        elif isinstance(found, list) and isinstance(key, int) and key < len(found):
            found = found[key]
        else:
            raise FixConflict(missing)

    return found


def put(
    mapping: t.Any,
    key: t.Any,
    value: t.Any,
    after: t.Sequence[str] = (),
    order: t.Sequence[t.Any] = (),
) -> None:
    """Set a key. A new key goes after the first key of ``after`` that the
    mapping has; else before the first key that comes after it in
    ``order`` (the template's order of the same mapping); else last.
    """
    if key not in mapping:
        anchor = next((a for a in after if a in mapping), None)
        later = set(list(order)[list(order).index(key) + 1 :]) if key in order else ()
        following = next((k for k in mapping if k in later), None)

        if anchor is not None:
            mapping.insert(list(mapping).index(anchor) + 1, key, value)
            return

        if following is not None:
            mapping.insert(list(mapping).index(following), key, value)
            return

    mapping[key] = value


def job_steps(data: t.Any, job: str) -> list[t.Any]:
    """The round-tripped steps of a job, to change in place; none when the
    job has no list of steps.
    """
    jobs = data.get("jobs") if isinstance(data, dict) else None
    found = jobs.get(job) if isinstance(jobs, dict) else None
    steps = found.get("steps") if isinstance(found, dict) else None
    return steps if isinstance(steps, list) else []


@dataclasses.dataclass(frozen=True)
class WorkflowChange(YamlChange):
    """A change to a workflow with the template's same workflow at hand:
    ``expected`` is its text, or ``None`` to read the render for the
    repository when the change is applied.
    """

    expected: str | None = dataclasses.field(default=None, kw_only=True, repr=False)

    def template(self, repo: Repo) -> t.Any:
        """The template's workflow, round-tripped."""
        text = self.expected

        if text is None:
            text = standard_for(repo).text(self.path)

        if text is None:
            raise FixConflict(f"the template has no {self.path}")

        return yaml_load(text)[1]

    def resolve(self, repo: Repo, value: t.Any) -> t.Any:
        """A copy of a value, or of the template's at a :class:`Template`."""
        if isinstance(value, Template):
            missing = (
                f"the template's {self.path} has no {'/'.join(map(str, value.keys))}"
            )
            value = node(self.template(repo), value.keys, missing)

        return copy.deepcopy(value)


def _reach(
    data: t.Any, route: Route, create: t.Callable[[t.Any, t.Any, int], None] | None
) -> list[t.Any]:
    """The values a route leads to, one for each step its :class:`Step`
    matches. Above the last :class:`Step`, a key that is not there leads
    nowhere; below it (everywhere, in a route without one), ``create``
    makes each missing mapping, and a value that is neither a mapping nor
    a list is a conflict.
    """
    last = _last_step(route)
    found = [data]

    for depth, key in enumerate(route):
        below = depth > last
        reached: list[t.Any] = []

        for parent in found:
            if isinstance(key, Step):
                reached += (
                    [s for s in parent if key.matches(s)]
                    if isinstance(parent, list)
                    else []
                )
            elif isinstance(parent, dict):
                if below and create is not None and parent.get(key) is None:
                    create(parent, key, depth)

                if key in parent:
                    reached.append(parent[key])
            elif (
                isinstance(parent, list) and isinstance(key, int) and key < len(parent)
            ):
                reached.append(parent[key])
            elif below and create is not None:
                raise FixConflict(f"no mapping at {'/'.join(map(str, route[:depth]))}")

        found = reached

    return found


def _last_step(route: Route) -> int:
    """Where the last :class:`Step` of a route is; -1 without one."""
    return max((i for i, key in enumerate(route) if isinstance(key, Step)), default=-1)


def _order(template: t.Any, keys: Route, up: int) -> list[t.Any]:
    """The keys of the template's mapping ``up`` levels above ``keys``."""
    try:
        parent = node(template, keys[:-up], "")
    except FixConflict:
        return []

    return list(parent) if isinstance(parent, dict) else []


@dataclasses.dataclass(frozen=True)
class Put(WorkflowChange):
    """Set the value at ``route`` to ``value``, or to the template's at a
    :class:`Template`, creating the mappings above it. A new key goes
    after the first key of ``after`` its mapping has (else last) when
    ``after`` is given, else where the template's order puts it.
    """

    route: Route
    value: t.Any = None
    after: tuple[str, ...] | None = None

    def change(self, data: t.Any, repo: Repo) -> bool:
        template = self.template(repo) if self.after is None else None
        keys = self.value.keys if isinstance(self.value, Template) else self.route
        up = len(self.route)

        def create(parent: t.Any, key: t.Any, depth: int) -> None:
            put(parent, key, mapping(), order=_order(template, keys, up - depth))

        key = self.route[-1]
        changed = False

        for parent in _reach(data, self.route[:-1], create):
            if not isinstance(parent, dict):
                raise FixConflict(f"{self.path} has no mapping at {self.route[:-1]}")

            new = self.resolve(repo, self.value)

            if key not in parent or parent[key] != new:
                put(parent, key, new, self.after or (), _order(template, keys, 1))
                changed = True

        return changed


@dataclasses.dataclass(frozen=True)
class Remove(YamlChange):
    """Remove the mapping key at ``route`` where it is there. Below a
    :class:`Step`, the mappings this leaves empty go too (a ``with:``
    left with no input).
    """

    route: Route

    def change(self, data: t.Any, repo: Repo) -> bool:
        last = _last_step(self.route)
        rest = self.route[last + 1 :]
        changed = False

        for top in _reach(data, self.route[: last + 1], None):
            chain = [top]

            for key in rest[:-1]:
                below = chain[-1].get(key) if isinstance(chain[-1], dict) else None

                if not isinstance(below, dict):
                    break

                chain.append(below)
            else:
                changed |= _delete(chain, rest, prune=last >= 0)

        return changed


def _delete(chain: list[t.Any], route: Route, prune: bool) -> bool:
    """Delete the last key of ``route`` from the last mapping of
    ``chain``, the mappings down to it, and, if ``prune``, the mappings
    this leaves empty.
    """
    if not isinstance(chain[-1], dict) or route[-1] not in chain[-1]:
        return False

    del chain[-1][route[-1]]

    for above, name in zip(chain[-2::-1], route[-2::-1], strict=True):
        if not prune or above[name]:
            break

        del above[name]

    return True


@dataclasses.dataclass(frozen=True)
class AddStep(WorkflowChange):
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
