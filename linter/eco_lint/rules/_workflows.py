"""One reader of GitHub Actions workflows, shared by the rules that read
them: jobs, steps, the action a step uses, its inputs, its pin and the
version it stands for, and the line a job or a step is written on.

Parsed workflows are plain data that may hold anything; every accessor here
takes what it is given and returns a typed value, empty where the data is
not of the expected shape.
"""

from __future__ import annotations

import dataclasses
import re
import typing as t

if t.TYPE_CHECKING:
    from ..repo import Repo

#: Where a repository keeps its workflows.
WORKFLOWS = ".github/workflows/"
#: Where a value is in a parsed document: its keys and list indexes.
Route = tuple[str | int, ...]

#: ``owner/repo[/path]@<40 hex>``.
PINNED = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}")
#: A full commit SHA.
SHA = re.compile(r"[0-9a-f]{40}")
#: The ``# v1.2.3`` comment that gha-update writes after a pin, at the
#: start of what follows the ref.
VERSION_COMMENT = re.compile(r"\s#\s*v?\d\S*")
#: A version comment at the end of a line, and the version in it.
_TRAILING_VERSION = re.compile(r"#\s*(v?[0-9][0-9.]*)\s*$")
#: A version: ``v1``, ``1.2.3``.
_VERSION = re.compile(r"v?([0-9]++(?:\.[0-9]++)*)")
#: A ``uses:`` line: the key, the ref in its quotes, and the rest.
#: The top-level ``jobs:`` key.
_JOBS = re.compile(r"['\"]?jobs['\"]?\s*:\s*(?:#.*)?$")
USES = re.compile(
    r"^(?P<key>\s*+(?:-\s++)?uses:\s*+)(?P<quote>['\"]?)(?P<ref>[^'\"\s#]++)(?P=quote)"
    r"(?P<rest>.*)$"
)


# Jobs and steps --------------------------------------------------------


def jobs(data: t.Any) -> dict[str, dict[str, t.Any]]:
    """A workflow's jobs that are mappings, by id."""
    found = data.get("jobs") if isinstance(data, dict) else None

    if not isinstance(found, dict):
        return {}

    return {str(k): v for k, v in found.items() if isinstance(v, dict)}


def steps(job: t.Any) -> list[dict[str, t.Any]]:
    """A job's steps that are mappings."""
    found = job.get("steps") if isinstance(job, dict) else None
    return [s for s in found if isinstance(s, dict)] if isinstance(found, list) else []


def indexed_steps(job: t.Any) -> list[tuple[int, dict[str, t.Any]]]:
    """A job's steps that are mappings, with their index in ``steps``."""
    found = job.get("steps") if isinstance(job, dict) else None

    if not isinstance(found, list):
        return []

    return [(i, s) for i, s in enumerate(found) if isinstance(s, dict)]


def all_steps(data: t.Any) -> list[dict[str, t.Any]]:
    """The steps of every job of a workflow, in order."""
    return [s for job in jobs(data).values() for s in steps(job)]


@dataclasses.dataclass(frozen=True, eq=False)
class Step:
    """A step of a workflow: its job, its place, and what it holds."""

    job: str
    index: int
    data: dict[str, t.Any]

    @property
    def route(self) -> Route:
        """Where the step is in the workflow."""
        return ("jobs", self.job, "steps", self.index)

    @property
    def action(self) -> str | None:
        """The action the step uses, without its ref."""
        return action(self.data)

    @property
    def inputs(self) -> dict[str, t.Any]:
        """The step's ``with:`` values."""
        return inputs(self.data)

    @property
    def run(self) -> str | None:
        """The step's ``run:`` script."""
        run = self.data.get("run")
        return run if isinstance(run, str) else None


def workflow_steps(data: t.Any) -> list[Step]:
    """Every step of a workflow, with its job and place."""
    return [
        Step(job_id, index, step)
        for job_id, job in jobs(data).items()
        for index, step in indexed_steps(job)
    ]


def as_dict(value: t.Any) -> dict[str, t.Any]:
    """A value that should be a mapping, else an empty one."""
    return value if isinstance(value, dict) else {}


def needs_of(job: dict[str, t.Any]) -> list[str]:
    """The jobs a job needs."""
    found = job.get("needs", [])
    return [found] if isinstance(found, str) else [str(n) for n in found or []]


def permissions_of(workflow: dict[str, t.Any], job: dict[str, t.Any]) -> t.Any:
    """The permissions a job's token gets: its own, else the workflow's."""
    return job["permissions"] if "permissions" in job else workflow.get("permissions")


def using(workflow: t.Any, name: str) -> list[tuple[str, dict[str, t.Any]]]:
    """Each job id and step that uses an action, compared as GitHub does."""
    return [
        (job_id, step)
        for job_id, job in jobs(workflow).items()
        for step in steps(job)
        if action_id(step) == name
    ]


# What a step runs ------------------------------------------------------


def run_of(step: dict[str, t.Any]) -> str:
    """A step's ``run`` script, its blanks made single spaces."""
    return " ".join(str(step.get("run", "")).split())


def script_lines(run: t.Any) -> list[str]:
    """The commands of a ``run:``, one a line, whitespace collapsed."""
    if not isinstance(run, str):
        return []

    return [" ".join(line.split()) for line in run.splitlines() if line.strip()]


# What a step uses ------------------------------------------------------


def action(step: dict[str, t.Any]) -> str | None:
    """The action a step uses, without its ref, as written; ``None`` when
    it uses none.
    """
    uses = step.get("uses")
    return uses.partition("@")[0] if isinstance(uses, str) else None


def action_id(step: dict[str, t.Any]) -> str:
    """The action a step uses, without its ref, stripped and lower case as
    GitHub compares them; empty when it uses none.
    """
    return str(step.get("uses", "")).partition("@")[0].strip().lower()


def ref(step: dict[str, t.Any]) -> str:
    """The ref of the action a step uses: a tag, a branch or a SHA."""
    return str(step.get("uses", "")).partition("@")[2].strip()


def actions_used(job: t.Any) -> set[str]:
    """The actions a job's steps use, without their refs, as written."""
    return {a for s in steps(job) if (a := action(s)) is not None}


def inputs(step: dict[str, t.Any]) -> dict[str, t.Any]:
    """A step's ``with:`` values."""
    value = step.get("with")
    return value if isinstance(value, dict) else {}


def uses_refs(data: t.Any) -> set[t.Any]:
    """The ``uses:`` values of a workflow's jobs and steps, as parsed."""
    found = jobs(data).values()
    return {job.get("uses") for job in found} | {
        step.get("uses") for job in found for step in steps(job)
    }


# Pins and versions -----------------------------------------------------


def pinned(ref: str) -> bool:
    """Whether a ``uses:`` value is an action pinned to a full commit SHA."""
    return PINNED.fullmatch(ref) is not None


def is_sha(text: str) -> bool:
    """Whether a ref is a full commit SHA."""
    return SHA.fullmatch(text) is not None


def version(text: str) -> tuple[int, ...] | None:
    """A version as numbers: ``v1.2`` is ``(1, 2)``; ``None`` when the
    text is not one.
    """
    match = _VERSION.fullmatch(text.strip())
    return tuple(int(p) for p in match.group(1).split(".")) if match else None


def trailing_version(line: str) -> tuple[int, ...] | None:
    """The version of the ``# v1.2.3`` comment a line ends with."""
    comment = _TRAILING_VERSION.search(line)
    return version(comment.group(1)) if comment else None


def uses_version(
    repo: Repo, path: str, step: dict[str, t.Any]
) -> tuple[int, ...] | None:
    """The version of the action a step of a workflow uses: its ref, or the
    version comment after a SHA; a major version (``v4``, ``release/v1``)
    stands for its newest release.
    """
    found = ref(step)

    if is_sha(found):
        line = repo.line_of(path, re.escape(found))
        text = (repo.text(path) or "").splitlines()[line - 1] if line else ""
        return trailing_version(text)

    number = version(found.removeprefix("release/"))
    return (*number, 1_000_000) if number and len(number) == 1 else number


def has_version_comment(rest: str) -> bool:
    """Whether what follows a ref on its line starts with a version
    comment.
    """
    return VERSION_COMMENT.match(rest) is not None


# Lines -----------------------------------------------------------------


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def job_line(repo: Repo, path: str, job_id: str) -> int | None:
    """The line a job's id is written on: a key of ``jobs:`` at the
    indentation of its first job.
    """
    lines = (repo.text(path) or "").splitlines()
    key = re.compile(rf"['\"]?{re.escape(job_id)}['\"]?\s*:(?:\s.*)?")
    start = next((n for n, line in enumerate(lines, 1) if _JOBS.match(line)), None)
    indent: int | None = None

    for number in range(start + 1 if start else len(lines) + 1, len(lines) + 1):
        line = lines[number - 1]

        if not line.strip() or line.lstrip().startswith("#"):
            continue

        if not line[0].isspace():
            break

        indent = _indent(line) if indent is None else indent

        if _indent(line) == indent and key.fullmatch(line.strip()):
            return number

    return None


def in_block(repo: Repo, path: str, start: int | None, pattern: str) -> int | None:
    """The first line of the block under the line ``start`` (the lines
    indented deeper) that matches a regular expression, or ``None``.
    """
    if start is None:
        return None

    regex = re.compile(pattern)
    lines = (repo.text(path) or "").splitlines()
    indent = _indent(lines[start - 1]) if start <= len(lines) else 0

    for number in range(start + 1, len(lines) + 1):
        text = lines[number - 1]

        if text.strip() and _indent(text) <= indent:
            break

        if regex.search(text):
            return number

    return None


def in_job(repo: Repo, path: str, job_id: str, pattern: str) -> int | None:
    """The first line of a job that matches a regular expression, else the
    job's own line, else the first line of the file that matches: a
    finding in one of several jobs points there.
    """
    start = job_line(repo, path, job_id)
    found = in_block(repo, path, start, pattern)
    return found or start or repo.line_of(path, pattern)


def line_after(repo: Repo, path: str, start: int | None, pattern: str) -> int | None:
    """The first line from ``start`` that matches a regular expression."""
    text = repo.text(path) or ""
    regex = re.compile(pattern)

    for number, line in enumerate(text.splitlines(), 1):
        if number >= (start or 1) and regex.search(line):
            return number

    return None


def step_line(
    repo: Repo, path: str, job_id: str, action: str, nth: int = 0
) -> int | None:
    """The line of a job's step that uses an action: its first such step,
    or the one after ``nth`` others.
    """
    pattern = rf"uses:\s*['\"]?{re.escape(action)}@"
    line = in_job(repo, path, job_id, pattern)

    for _ in range(nth if line else 0):
        line = line_after(repo, path, (line or 0) + 1, pattern) or line

    return line
