"""What the fixes of the publish rules share: the template's whole
workflow for one too far from it to edit, moving an action to the
template's pin, and the template's jobs and steps the edits copy.
"""

from __future__ import annotations

import dataclasses
import re
import typing as t

from ...edits import Edit
from ...edits import FixConflict
from ...edits import keep_newlines
from ...edits import Template
from ...edits.workflow import Step as Steps
from ...edits.yaml import yaml_dump
from ...edits.yaml import yaml_load
from ...edits.yaml import YamlSet
from ...fix import Fix
from ...repo import Repo
from ...standard import Standard
from ...standard import standard_for
from .._base import is_pure_python
from .._facts import publishing
from .._workflows import action_id
from .._workflows import as_dict
from .._workflows import jobs
from .._workflows import needs_of
from .._workflows import permissions_of
from .._workflows import steps
from .._workflows import uses_version
from .._workflows import using
from ._edits import Keys
from ._edits import rewire
from ._workflow import is_slsa
from ._workflow import Job
from ._workflow import path_of
from ._workflow import Step
from ._workflow import template_workflow


@dataclasses.dataclass(frozen=True)
class Replace(Edit):
    """Write the template's workflow, keeping the jobs the template does
    not have (but not SLSA ones), rewired to the template's jobs.
    """

    path: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        source = standard_for(repo).text(self.path)

        if source is None:
            raise FixConflict(f"the template has no {self.path}")

        if text is None:
            return source

        _, data = yaml_load(text.replace("\r\n", "\n"))
        old = as_dict(as_dict(data).get("jobs"))
        yaml, new = yaml_load(source)
        extra = {
            name: job
            for name, job in old.items()
            if name not in new["jobs"] and isinstance(job, dict) and not is_slsa(job)
        }

        if not extra:
            return keep_newlines(text, lambda _: source)

        for name, job in extra.items():
            new["jobs"][name] = job

        removed = {
            str(name): needs_of(job)
            for name, job in old.items()
            if name not in new["jobs"] and isinstance(job, dict)
        }
        rewire(new["jobs"], removed)
        return keep_newlines(text, lambda _: yaml_dump(yaml, new))


def replace(repo: Repo) -> Fix | None:
    """The template's workflow, for one too far from its shape to edit; not
    for a C extension, whose wheels the template does not build.
    """
    if not is_pure_python(repo):
        return None

    return Fix(
        "Replace the publish workflow with the template's",
        "unsafe",
        (Replace(publishing().path),),
    )


def step_keys(
    std: Standard, job: str, uses: str | None, command: str | None = None
) -> Keys:
    """Where the template's first such step of a job is."""
    for index, step in enumerate(steps(jobs(template_workflow(std)).get(job, {}))):
        if Steps(uses, command).matches(step):
            return ("jobs", job, "steps", index)

    raise LookupError(f"the template's {job} job has no such step")


def pinned_version(repo: Repo, step: Step) -> tuple[int, ...] | None:
    """The version of the action a step of the publish workflow uses (see
    :func:`.._workflows.uses_version`).
    """
    return uses_version(repo, path_of(repo), step)


def uses_text(text: str | None, step: Step) -> str:
    """A step's ``uses:`` value as a file has it, with its version comment."""
    ref = str(step.get("uses", ""))

    for line in (text or "").splitlines():
        if ref and ref in line and not line.lstrip().startswith("#"):
            return line[line.index(ref) :].rstrip()

    return ref


@dataclasses.dataclass(frozen=True)
class ReplaceAll(Edit):
    """Replace every occurrence of a text that must be there and that ends
    its line (``uses: a@v3`` is not the start of ``uses: a@v3.1.2``).
    """

    path: str
    old: str
    new: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        pattern = re.compile(rf"{re.escape(self.old)}(?=[ \t]*\r?$)", re.M)

        if text is None or not pattern.search(text):
            raise FixConflict(f"{self.path} no longer has {self.old!r}")

        return pattern.sub(lambda _: self.new, text)


def pin_updates(
    repo: Repo,
    std: Standard,
    found: t.Iterable[Step],
    since: tuple[int, ...],
    read: t.Callable[[Repo, Step], tuple[int, ...] | None] = pinned_version,
) -> list[Edit]:
    """Move the steps' action to the template's pin where it is older than
    ``since``, or ``read`` (the rule's check's reading) cannot tell.
    """
    pub = publishing()
    edits: dict[str, Edit] = {}

    for step in found:
        known = read(repo, step)

        if known is None or known < since:
            template_step = next(
                s for s in using(template_workflow(std), action_id(step))
            )[1]
            old = uses_text(repo.text(pub.path), step)
            new = uses_text(std.text(pub.path), template_step)
            edits[old] = ReplaceAll(pub.path, old, new)

    return list(edits.values())


def combined(title: str, edits: list[Edit], unsafe: bool) -> Fix | None:
    """One fix of the edits, each once; none without edits."""
    unique: list[Edit] = []

    for edit in edits:
        if edit not in unique:
            unique.append(edit)

    if not unique:
        return None

    return Fix(title, "unsafe" if unsafe else "safe", tuple(unique))


def job_permissions(
    workflow: dict[str, t.Any],
    job: Job,
    name: str,
    std_job: Job,
    std_name: str,
    scope: str,
) -> tuple[list[Edit], bool]:
    """Give a job the template job's permissions; return the edits and
    whether that is unsafe. Dropping other scopes is safe; granting the
    job's write ``scope`` (which PyPI or GitHub then trusts) is not.
    """
    found = permissions_of(workflow, job)

    if found == std_job["permissions"]:
        return [], False

    source = Template(("jobs", std_name, "permissions"))
    edit = YamlSet(
        publishing().path, ("jobs", name, "permissions"), source, ordered=True
    )
    granted = isinstance(found, dict) and found.get(scope) == "write"
    return [edit], not granted


@dataclasses.dataclass
class Edits:
    """The edits a fix gathers, in order, and whether any is unsafe."""

    found: list[Edit] = dataclasses.field(default_factory=list)
    unsafe: bool = False

    def add(self, *edits: Edit, unsafe: bool = False) -> None:
        """Add edits; ``unsafe`` when they change what a release does."""
        self.found += edits
        self.unsafe |= unsafe

    def fix(self, title: str) -> Fix | None:
        """The fix of the edits, each once; none without edits."""
        return combined(title, self.found, self.unsafe)
