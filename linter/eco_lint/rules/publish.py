"""PUB: the publish workflow, from a pushed tag to PyPI and a draft release."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
import typing as t

from ..edits import Edit
from ..edits import FixConflict
from ..edits import keep_newlines
from ..edits.text import DeleteFile
from ..edits.text import MoveFile
from ..edits.text import WriteFile
from ..edits.yaml import yaml_dump
from ..edits.yaml import yaml_load
from ..edits.yaml import YamlChange
from ..edits.yaml import YamlRemove
from ..edits.yaml import YamlSet
from ..fix import Fix
from ..fix import refusal
from ..registry import Fail
from ..registry import Outcome
from ..registry import Skip
from ..repo import Repo
from ..standard import Standard
from ..standard import standard_for
from ._base import is_pure_python
from ._base import Publishing
from ._base import requirement_name
from ._roles import workflow_for

#: The publish workflow, by its path in the repository.
PATH = ".github/workflows/publish.yaml"
YML = ".github/workflows/publish.yml"
PYPI = "pypa/gh-action-pypi-publish"
#: gh-action-pypi-publish makes PEP 740 attestations by default since v1.11.0.
ATTESTATIONS_SINCE = (1, 11, 0)
#: upload-artifact outputs the artifact-id since v4.0.0; download-artifact
#: takes artifact-ids since v4.3.0.
ARTIFACT_IDS_SINCE = {
    "actions/upload-artifact": (4, 0, 0),
    "actions/download-artifact": (4, 3, 0),
}
_EPOCH = re.compile(r"SOURCE_DATE_EPOCH=\$\(\s*git log -1 --(?:pretty|format)=%ct\s*\)")
_BUILD = re.compile(r"\buv build\b|\bpython3? -m build\b|\bpyproject-build\b")


# Reading workflows ---------------------------------------------------------


def _path(repo: Repo) -> str:
    """The workflow that uploads to PyPI: publish.yaml when there is one,
    else the first workflow that does, whatever its name.
    """
    return workflow_for(repo, "publish", PATH) or PATH


def _workflow(repo: Repo) -> dict[str, t.Any]:
    return repo.workflows.get(_path(repo), {})


def _standard(repo: Repo) -> dict[str, t.Any]:
    data = standard_for(repo).yaml(PATH)
    return data if isinstance(data, dict) else {}


def _jobs(workflow: dict[str, t.Any]) -> dict[str, dict[str, t.Any]]:
    jobs = workflow.get("jobs")

    if not isinstance(jobs, dict):
        return {}

    return {str(k): v for k, v in jobs.items() if isinstance(v, dict)}


#: Commands that upload distributions to PyPI.
_UPLOAD = re.compile(
    r"\b(?:twine\s+upload|uv\s+publish|flit\s+publish|poetry\s+publish"
    r"|pdm\s+publish|hatch\s+publish)\b"
)


def other_publishers(repo: Repo) -> list[str]:
    """Workflows other than the template's ``publish.yaml`` that upload to
    PyPI, found by what they do whatever their name: adding the template's
    beside one would publish each release twice.
    """
    found = []

    for name, workflow in repo.workflows.items():
        if name in (PATH, YML) or not isinstance(workflow, dict):
            continue

        jobs = workflow.get("jobs")

        for job in jobs.values() if isinstance(jobs, dict) else ():
            steps = _steps(job) if isinstance(job, dict) else []

            if any(
                _action(step).startswith(PYPI) or _UPLOAD.search(str(step.get("run")))
                for step in steps
            ):
                found.append(name)
                break

    return found


def _steps(job: dict[str, t.Any]) -> list[dict[str, t.Any]]:
    steps = job.get("steps")

    if not isinstance(steps, list):
        return []

    return [step for step in steps if isinstance(step, dict)]


def _action(step: dict[str, t.Any]) -> str:
    """The action a step uses, without its ref, lowercase."""
    return str(step.get("uses", "")).partition("@")[0].strip().lower()


def _dict(value: t.Any) -> dict[str, t.Any]:
    return value if isinstance(value, dict) else {}


def _with(step: dict[str, t.Any]) -> dict[str, t.Any]:
    return _dict(step.get("with"))


def _run(step: dict[str, t.Any]) -> str:
    return " ".join(str(step.get("run", "")).split())


def _without_provenance(run: str) -> str:
    """A ``run`` script without each word that names an ``.intoto.jsonl``
    file, nor the blanks (across one line break) before it. Read word by
    word: a pattern that found the word after any blanks would go back over
    the same blanks from each of them.
    """
    kept: list[str] = []
    position = 0

    for word in re.finditer(r"\S++", run):
        if ".intoto.jsonl" not in word.group():
            continue

        start = word.start()

        while start > position and run[start - 1] in " \t":
            start -= 1

        if start > position and run[start - 1] == "\n":
            start -= 1

            while start > position and run[start - 1] in " \t":
                start -= 1

        kept.append(run[position:start])
        position = word.end()

    return "".join(kept) + run[position:]


def _needs(job: dict[str, t.Any]) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else [str(n) for n in needs or []]


def _permissions(workflow: dict[str, t.Any], job: dict[str, t.Any]) -> t.Any:
    """The permissions a job's token gets: its own, else the workflow's."""
    return job["permissions"] if "permissions" in job else workflow.get("permissions")


def _expr(value: t.Any) -> str:
    """A value with the spaces inside ``${{ }}`` made uniform."""
    text = " ".join(str(value if value is not None else "").split())
    parts: list[str] = []
    position = 0

    # One pass, not a regular expression that would rescan from every
    # unclosed "${{".
    while (start := text.find("${{", position)) >= 0:
        end = text.find("}}", start + 3)

        if end < 0:
            break

        parts += [text[position:start], "${{ ", text[start + 3 : end].strip(), " }}"]
        position = end + 2

    return "".join(parts) + text[position:]


def _show(value: t.Any) -> str:
    return json.dumps(value) if isinstance(value, (dict, list)) else repr(value)


def _using(
    workflow: dict[str, t.Any], action: str
) -> list[tuple[str, dict[str, t.Any]]]:
    """Each job name and step that uses an action."""
    return [
        (name, step)
        for name, job in _jobs(workflow).items()
        for step in _steps(job)
        if _action(step) == action
    ]


def _job_of(workflow: dict[str, t.Any], action: str) -> dict[str, t.Any]:
    for name, _ in _using(workflow, action):
        return _jobs(workflow)[name]

    return {}


def _release_jobs(workflow: dict[str, t.Any]) -> dict[str, dict[str, t.Any]]:
    return {
        name: job
        for name, job in _jobs(workflow).items()
        if any("gh release create" in _run(step) for step in _steps(job))
    }


def _builds(step: dict[str, t.Any]) -> bool:
    return bool(_BUILD.search(_run(step))) or _action(step) == "pypa/cibuildwheel"


def _build_jobs(workflow: dict[str, t.Any]) -> dict[str, dict[str, t.Any]]:
    """Jobs that build the distributions: ``uv build`` or cibuildwheel."""
    return {
        name: job
        for name, job in _jobs(workflow).items()
        if any(_builds(step) for step in _steps(job))
    }


def _artifact_globs(workflow: dict[str, t.Any], job: dict[str, t.Any]) -> set[str]:
    """``<folder>/*`` for the folders a job's downloads land in: the
    ``path`` of its download steps, and the names of the artifacts the
    workflow uploads. An artifact that is not named ``dist`` is PUB002's to
    report, not the release's.
    """
    folders = {
        str(_with(step).get("path", "")).strip("./")
        for step in _steps(job)
        if _action(step) == "actions/download-artifact"
    }
    folders |= {
        str(_with(step).get("name", "")).strip()
        for other in _jobs(workflow).values()
        for step in _steps(other)
        if _action(step) == "actions/upload-artifact"
    }
    return {f"{folder}/*" for folder in folders if folder}


def _line(repo: Repo, pattern: str) -> int | None:
    return repo.line_of(_path(repo), pattern)


def _in_job(repo: Repo, job: str, pattern: str) -> int | None:
    """The first line inside a job's block that matches a pattern, else
    the job's own line: a finding in one of several jobs points there.
    """
    start = _line(repo, rf"^  {re.escape(job)}:")
    return _within(repo, start, pattern) or start or _line(repo, pattern)


def _within(repo: Repo, start: int | None, pattern: str) -> int | None:
    """The first line of the block that starts at a job's line that matches
    a pattern, or ``None``.
    """
    if start is None:
        return None

    regex = re.compile(pattern)
    lines = (repo.text(_path(repo)) or "").splitlines()

    for number in range(start + 1, len(lines) + 1):
        line = lines[number - 1]

        if re.match(r" {0,2}\S", line):
            break

        if regex.search(line):
            return number

    return None


def _version(text: str) -> tuple[int, ...] | None:
    match = re.fullmatch(r"v?([0-9]++(?:\.[0-9]++)*)", text.strip())
    return tuple(int(p) for p in match.group(1).split(".")) if match else None


# Fixing --------------------------------------------------------------------
#
# The publish workflow is the template's. The edits below are told by what
# they mean (a job's name, the action a step uses, a command it runs), not
# by positions, and find their place when they are applied, so that they
# still apply after other fixes changed the same file, and do nothing when
# the file already is as they would make it. Values come from the
# template's render, loaded with its comments and flow style.


def _template_data(repo: Repo) -> t.Any:
    source = standard_for(repo).text(PATH)

    if source is None:
        raise FixConflict(f"the template has no {PATH}")

    return yaml_load(source)[1]


def _node(data: t.Any, keys: tuple[str | int, ...]) -> t.Any:
    for key in keys:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            raise FixConflict(f"the template's {PATH} has no {keys}") from None

    return data


def _place(mapping: t.Any, key: str, value: t.Any, order: t.Sequence[t.Any]) -> None:
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


def _matches(step: t.Any, action: str | None, run: str | None) -> bool:
    if not isinstance(step, dict):
        return False

    return (action is not None and _action(step) == action) or (
        run is not None and bool(re.search(run, _run(step)))
    )


def _job_steps(data: t.Any, job: str) -> list[t.Any]:
    node = _dict(_dict(data.get("jobs")).get(job))
    steps = node.get("steps")
    return steps if isinstance(steps, list) else []


def _rewire(jobs: t.Any, removed: dict[str, list[str]]) -> None:
    """Make jobs that needed a removed job need what it needed instead."""

    def resolve(name: str, seen: frozenset[str] = frozenset()) -> list[str]:
        if name not in removed:
            return [name] if name in jobs else []

        if name in seen:
            return []

        return [n for need in removed[name] for n in resolve(need, seen | {name})]

    for job in jobs.values():
        if not isinstance(job, dict) or "needs" not in job:
            continue

        needs = _needs(job)
        new = list(dict.fromkeys(n for need in needs for n in resolve(need)))

        if new == needs:
            continue

        old = job["needs"]

        if not new:
            del job["needs"]
        elif isinstance(old, list):
            old[:] = new
        else:
            job["needs"] = new[0] if len(new) == 1 else new


def _slsa(job: dict[str, t.Any]) -> bool:
    return "slsa-framework/" in str(job.get("uses", "")) or any(
        "slsa-framework/" in str(step.get("uses", "")) for step in _steps(job)
    )


@dataclasses.dataclass(frozen=True)
class _WorkflowEdit(YamlChange):
    """An edit of the round-tripped workflow."""


@dataclasses.dataclass(frozen=True)
class _Put(_WorkflowEdit):
    """Set the value at ``route`` (mapping keys) to the template's value at
    ``keys``, or to ``value``; a new key goes in the template's order.
    """

    route: tuple[str, ...]
    keys: tuple[str | int, ...] | None = None
    value: t.Any = None

    def change(self, data: t.Any, repo: Repo) -> bool:
        from ruamel.yaml.comments import CommentedMap

        template = _template_data(repo)
        keys = self.keys or self.route
        new = copy.deepcopy(_node(template, keys)) if self.keys else self.value
        parent = data

        for depth, key in enumerate(self.route[:-1]):
            if not isinstance(parent.get(key), dict):
                order = _template_order(template, keys, len(self.route) - depth)
                _place(parent, key, CommentedMap(), order)

            parent = parent[key]

        key = self.route[-1]

        if key in parent and parent[key] == new:
            return False

        _place(parent, key, new, _template_order(template, keys, 1))
        return True


def _template_order(
    template: t.Any, keys: tuple[str | int, ...], up: int
) -> list[t.Any]:
    """The keys of the template's mapping ``up`` levels above ``keys``."""
    try:
        parent = _node(template, keys[:-up])
    except FixConflict:
        return []

    return list(parent) if isinstance(parent, dict) else []


@dataclasses.dataclass(frozen=True)
class _StepPut(_WorkflowEdit):
    """Set or remove ``route`` in the steps of a job that use an action or
    run a command. The value is the template's at ``keys``, or ``value``.
    """

    job: str
    route: tuple[str, ...]
    action: str | None = None
    run: str | None = None
    keys: tuple[str | int, ...] | None = None
    value: t.Any = None
    remove: bool = False

    def change(self, data: t.Any, repo: Repo) -> bool:
        from ruamel.yaml.comments import CommentedMap

        template = _template_data(repo) if self.keys else None
        changed = False

        for step in _job_steps(data, self.job):
            if not _matches(step, self.action, self.run):
                continue

            parents = [step]

            for key in self.route[:-1]:
                if not isinstance(parents[-1].get(key), dict):
                    if self.remove:
                        break

                    parents[-1][key] = CommentedMap()

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
            new = copy.deepcopy(_node(template, self.keys))
            order = _template_order(template, self.keys, 1)
        else:
            new, order = self.value, []

        if key in parent and parent[key] == new:
            return False

        _place(parent, key, new, order)
        return True


@dataclasses.dataclass(frozen=True)
class _AddStep(_WorkflowEdit):
    """Insert the template's step at ``keys`` into a job, at ``index``
    (``None``: last), unless a step using the same action is there.
    """

    job: str
    keys: tuple[str | int, ...]
    index: int | None = None

    def change(self, data: t.Any, repo: Repo) -> bool:
        step = copy.deepcopy(_node(_template_data(repo), self.keys))
        steps = _job_steps(data, self.job)

        if any(_action(s) == _action(step) for s in steps if isinstance(s, dict)):
            return False

        steps.insert(len(steps) if self.index is None else self.index, step)
        return True


@dataclasses.dataclass(frozen=True)
class _RemoveSteps(_WorkflowEdit):
    """Remove the steps of a job that use an action (and, if ``having`` is
    given, set that ``with:`` key).
    """

    job: str
    action: str
    having: tuple[str, ...] = ()

    def change(self, data: t.Any, repo: Repo) -> bool:
        steps = _job_steps(data, self.job)
        keep = [
            s
            for s in steps
            if not (
                _matches(s, self.action, None)
                and (not self.having or set(self.having) & set(_with(s)))
            )
        ]

        if len(keep) == len(steps):
            return False

        steps[:] = keep
        return True


@dataclasses.dataclass(frozen=True)
class _Epoch(_WorkflowEdit):
    """Put the template's SOURCE_DATE_EPOCH step before a job's build."""

    job: str

    def change(self, data: t.Any, repo: Repo) -> bool:
        (std,) = [
            s
            for job in _jobs(_template_data(repo)).values()
            for s in _steps(job)
            if _EPOCH.search(_run(s))
        ]
        steps = _job_steps(data, self.job)
        index = next((i for i, s in enumerate(steps) if _builds(s)), None)

        if index is None:
            raise FixConflict(f"job {self.job!r} no longer builds")

        if any(_EPOCH.search(_run(s)) for s in steps[:index]):
            return False

        # An export after the build is too late; it moves before it.
        steps[:] = [
            *steps[:index],
            copy.deepcopy(std),
            *(s for s in steps[index:] if not _EPOCH.search(_run(s))),
        ]
        return True


@dataclasses.dataclass(frozen=True)
class _Needs(_WorkflowEdit):
    """Make a job need another."""

    job: str
    need: str

    def change(self, data: t.Any, repo: Repo) -> bool:
        job = _dict(data.get("jobs")).get(self.job)

        if not isinstance(job, dict) or self.need in _needs(job):
            return False

        old = job.get("needs")

        if isinstance(old, list):
            old.append(self.need)
        else:
            # In the template's order of a job's keys.
            order = next(
                (list(j) for j in _jobs(_template_data(repo)).values() if "needs" in j),
                [],
            )
            _place(job, "needs", [*_needs(job), self.need], order)

        return True


@dataclasses.dataclass(frozen=True)
class _DropProvenance(_WorkflowEdit):
    """Remove SLSA provenance: its jobs (the jobs that needed them need
    what they needed), the ``hash`` outputs and the steps that computed
    them, and the ``*.intoto.jsonl`` files in commands.
    """

    def change(self, data: t.Any, repo: Repo) -> bool:
        jobs = data.get("jobs")

        if not isinstance(jobs, dict):
            return False

        removed = {
            str(name): _needs(job)
            for name, job in jobs.items()
            if isinstance(job, dict) and _slsa(job)
        }
        changed = bool(removed)

        for name in removed:
            del jobs[name]

        _rewire(jobs, removed)

        for job in jobs.values():
            if isinstance(job, dict):
                changed |= self._hash(job)
                changed |= self._intoto(job)

        return changed

    @staticmethod
    def _hash(job: t.Any) -> bool:
        outputs = job.get("outputs")

        if not isinstance(outputs, dict):
            return False

        names = [k for k in ("hash", "hashes") if k in outputs]
        ids = {
            m.group(1)
            for k in names
            for m in re.finditer(r"steps\.([\w-]+)\.outputs", str(outputs[k]))
        }

        for name in names:
            del outputs[name]

        if not outputs:
            del job["outputs"]

        steps = job.get("steps")

        if isinstance(steps, list):
            rest = str([v for k, v in job.items() if k != "steps"])
            steps[:] = [
                s
                for s in steps
                if not (
                    isinstance(s, dict)
                    and s.get("id") in ids
                    and f"steps.{s.get('id')}." not in rest
                )
            ]

        return bool(names)

    @staticmethod
    def _intoto(job: t.Any) -> bool:
        from ruamel.yaml.scalarstring import FoldedScalarString
        from ruamel.yaml.scalarstring import LiteralScalarString

        changed = False

        for step in _steps(job):
            run = step.get("run")

            if not isinstance(run, str) or ".intoto.jsonl" not in run:
                continue

            new = _without_provenance(run)

            if isinstance(run, (FoldedScalarString, LiteralScalarString)):
                new = type(run)(new)

            step["run"] = new
            changed = True

        return changed


@dataclasses.dataclass(frozen=True)
class _Replace(Edit):
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
        old = _dict(_dict(data).get("jobs"))
        yaml, new = yaml_load(source)
        extra = {
            name: job
            for name, job in old.items()
            if name not in new["jobs"] and isinstance(job, dict) and not _slsa(job)
        }

        if not extra:
            return keep_newlines(text, lambda _: source)

        for name, job in extra.items():
            new["jobs"][name] = job

        removed = {
            str(name): _needs(job)
            for name, job in old.items()
            if name not in new["jobs"] and isinstance(job, dict)
        }
        _rewire(new["jobs"], removed)
        return keep_newlines(text, lambda _: yaml_dump(yaml, new))


def _replace(repo: Repo) -> Fix | None:
    """The template's workflow, for one too far from its shape to edit; not
    for a C extension, whose wheels the template does not build.
    """
    if not is_pure_python(repo):
        return None

    return Fix(
        "Replace the publish workflow with the template's",
        "unsafe",
        (_Replace(PATH),),
    )


def _template_build(repo: Repo) -> str:
    """The template's build job: the one that declares outputs."""
    return next(n for n, job in _jobs(_standard(repo)).items() if "outputs" in job)


def _step_keys(
    repo: Repo, job: str, action: str | None, run: str | None = None
) -> tuple[str | int, ...]:
    """Where the template's first such step of a job is."""
    for index, step in enumerate(_steps(_jobs(_standard(repo)).get(job, {}))):
        if _matches(step, action, run):
            return ("jobs", job, "steps", index)

    raise LookupError(f"the template's {job} job has no such step")


def _pinned(repo: Repo, step: dict[str, t.Any]) -> tuple[int, ...] | None:
    """The version of the action a step uses: its ref, or the version
    comment of a SHA; a major version (``v4``, ``release/v1``) stands for
    its newest release.
    """
    ref = str(step.get("uses", "")).partition("@")[2].strip()

    if re.fullmatch(r"[0-9a-f]{40}", ref):
        line = repo.line_of(_path(repo), re.escape(ref))
        text = (repo.text(_path(repo)) or "").splitlines()[line - 1] if line else ""
        comment = re.search(r"#\s*(v?[0-9][0-9.]*)\s*$", text)
        return _version(comment.group(1)) if comment else None

    version = _version(ref.removeprefix("release/"))
    return (*version, 1_000_000) if version and len(version) == 1 else version


def _uses_text(repo: Repo, step: dict[str, t.Any], standard: bool = False) -> str:
    """A step's ``uses:`` value as the file has it, with its version comment."""
    ref = str(step.get("uses", ""))
    text = standard_for(repo).text(PATH) if standard else repo.text(PATH)

    for line in (text or "").splitlines():
        if ref and ref in line and not line.lstrip().startswith("#"):
            return line[line.index(ref) :].rstrip()

    return ref


@dataclasses.dataclass(frozen=True)
class _ReplaceAll(Edit):
    """Replace every occurrence of a text that must be there."""

    path: str
    old: str
    new: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None or self.old not in text:
            raise FixConflict(f"{self.path} no longer has {self.old!r}")

        return text.replace(self.old, self.new)


def _update(
    repo: Repo, steps: t.Iterable[dict[str, t.Any]], since: tuple[int, ...]
) -> list[Edit]:
    """Move the steps' action to the template's pin where it is older than
    ``since``.
    """
    edits: dict[str, Edit] = {}

    for step in steps:
        version = _pinned(repo, step)

        if version is None or version < since:
            action = _action(step)
            std = next(s for s in _using(_standard(repo), action))[1]
            old = _uses_text(repo, step)
            edits[old] = _ReplaceAll(PATH, old, _uses_text(repo, std, standard=True))

    return list(edits.values())


def _fix(title: str, edits: list[Edit], unsafe: bool) -> Fix | None:
    unique: list[Edit] = []

    for edit in edits:
        if edit not in unique:
            unique.append(edit)

    if not unique:
        return None

    return Fix(title, "unsafe" if unsafe else "safe", tuple(unique))


# Rules ---------------------------------------------------------------------


def _job_permissions(
    workflow: dict[str, t.Any],
    job: dict[str, t.Any],
    name: str,
    std_job: dict[str, t.Any],
    std_name: str,
    scope: str,
) -> tuple[list[Edit], bool]:
    """Give a job the template job's permissions; return the edits and
    whether that is unsafe. Dropping other scopes is safe; granting the
    job's write ``scope`` (which PyPI or GitHub then trusts) is not.
    """
    permissions = _permissions(workflow, job)

    if permissions == std_job["permissions"]:
        return [], False

    edit = _Put(PATH, ("jobs", name, "permissions"), ("jobs", std_name, "permissions"))
    granted = isinstance(permissions, dict) and permissions.get(scope) == "write"
    return [edit], not granted


class PUB001(Publishing):
    """Publish workflow runs on pushed tags only

    ## What it does
    Checks that `.github/workflows/publish.yaml` exists and that its only
    trigger is `push: tags` with the template's tag pattern. A project with
    a C extension may also have `workflow_dispatch`, to build wheels for a
    new Python version of an existing tag.

    ## Why
    A release is a pushed tag: the release steps tag the release commit and
    push it, and the workflow builds exactly that commit. Triggers on
    branches, releases or pull requests would build or publish something
    that was not tagged.

    ## Example
    ```yaml
    on:
      release:
        types: [published]
    ```

    Use instead:
    ```yaml
    on:
      push:
        tags: ['*']
    ```

    ## Fix
    Write the template's `publish.yaml` when it is missing; Safe (not for
    a C extension, whose wheels the template does not build, and refused
    when another workflow already uploads to PyPI: one release, one
    upload). Rename
    `publish.yml`; Unsafe. Set `on:` to the template's, keeping
    `workflow_dispatch` for a C extension; Unsafe: it changes when the
    project publishes.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        path = _path(repo)

        if repo.text(path) is None:
            if repo.is_file(".github/workflows/publish.yml"):
                return Fail(
                    "the publish workflow is publish.yml, not publish.yaml",
                    ".github/workflows/publish.yml",
                )

            return Fail(
                f"no workflow uploads to PyPI, as {PATH} does in the template", PATH
            )

        workflow = _workflow(repo)

        if path in repo.errors:
            return Fail(f"publish.yaml {repo.errors[path]}", path)

        expected = _standard(repo).get("on", {})
        found = workflow.get("on")
        line = _line(repo, r"^['\"]?on['\"]?\s*:")

        if isinstance(found, str):
            found = {found: None}
        elif isinstance(found, list):
            found = {str(k): None for k in found}
        elif not isinstance(found, dict):
            return Fail("has no on: triggers", path, line)

        allowed = set(expected)

        if not is_pure_python(repo):
            allowed.add("workflow_dispatch")

        extra = sorted(set(found) - allowed)
        failed: list[Fail] = []

        if extra:
            failed.append(Fail(f"also runs on {', '.join(extra)}", path, line))

        for event, spec in expected.items():
            value = found.get(event)

            if event not in found or not isinstance(value, dict):
                message = f"does not run on {event}: {_show(spec)}"
                failed.append(Fail(message, path, line))
                continue

            for key, pattern in spec.items():
                got = value.get(key)
                got = [got] if isinstance(got, str) else got

                if got != pattern:
                    failed.append(
                        Fail(
                            f"{event}: {key} is {_show(got)}, not {_show(pattern)}",
                            path,
                            _line(repo, rf"^\s+{re.escape(key)}\s*:") or line,
                        )
                    )

            other = sorted(set(value) - set(spec))

            if other:
                failed.append(
                    Fail(
                        f"{event} also filters on {', '.join(other)}",
                        path,
                        _line(repo, rf"^\s+{re.escape(other[0])}\s*:"),
                    )
                )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if _path(repo) != PATH:
            return None  # the template edits only its own publish.yaml

        if repo.text(PATH) is None:
            if repo.is_file(YML):
                return Fix(
                    "Rename publish.yml to publish.yaml",
                    "unsafe",
                    (MoveFile(YML, PATH),),
                )

            if not is_pure_python(repo):
                # The template's workflow builds no wheels for a C extension.
                return None

            if others := other_publishers(repo):
                return refusal(
                    "Write the template's publish workflow",
                    f"{others[0]} already uploads to PyPI, and a second workflow"
                    " would publish each release twice: move it to trusted"
                    " publishing in publish.yaml by hand, then delete it",
                    PATH,
                )

            return Fix(
                "Write the template's publish workflow", "safe", (WriteFile(PATH),)
            )

        if PATH in repo.errors:
            return None

        edits: list[Edit] = [_Put(PATH, ("on",), ("on",))]
        found = _workflow(repo).get("on")

        if not is_pure_python(repo) and "workflow_dispatch" in (
            found if isinstance(found, (dict, list)) else [found]
        ):
            edits.append(YamlSet(PATH, ("on", "workflow_dispatch"), None))

        return Fix(
            "Run the publish workflow on pushed tags only", "unsafe", tuple(edits)
        )


class PUB002(Publishing):
    """A build job hands one dist artifact to the upload jobs

    ## What it does
    Checks that a separate `build` job, without the `id-token` permission,
    builds the distributions and uploads them as one artifact, named as in
    the template, from a step with an `id` and `if-no-files-found: error`.
    The job declares the upload's `artifact-id` in its `outputs`, and every
    job that downloads the artifact (the release and the PyPI upload)
    downloads it with `artifact-ids: ${{ needs.build.outputs.artifact-id }}`.

    ## Why
    The build runs the project's build backend; it must not hold the token
    that can publish to PyPI. Downloading by id gets exactly the files this
    run built, and an empty build fails at once instead of publishing
    nothing.

    ## Example
    One job that runs `uv build` and then `pypa/gh-action-pypi-publish` with
    `id-token: write`, or downloads with `name: artifact` only.

    Use instead: the template's `build`, `create-release` and `publish-pypi`
    jobs.

    ## Fix
    Give the upload step the template's name, `id` and
    `if-no-files-found`, declare the `artifact-id` output, download by
    `artifact-ids` into `dist/` (moving artifact actions too old for ids
    to the template's pins), make the upload jobs need the build job, and
    take `id-token` from it. Safe when only what cannot change the
    published files is added; Unsafe when the artifact's name, the download
    folder or an action changes. A workflow without the template's build
    job, or that builds with something other than `uv build`, is replaced
    by the template's, keeping its other jobs; Unsafe.
    """

    weight = 4
    fixable = True
    requires = frozenset({"PUB001"})

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        # A C extension builds an sdist and a wheel matrix in separate jobs.
        return is_pure_python(repo)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        path = _path(repo)

        workflow = _workflow(repo)
        jobs = _jobs(workflow)
        standard = _standard(repo)
        std_jobs = _jobs(standard)
        # The template's build job is the one that declares outputs.
        name = next(n for n, job in std_jobs.items() if "outputs" in job)
        std_build = std_jobs[name]
        build = jobs.get(name)

        if build is None:
            return Fail(f"has no separate {name!r} job", path)

        line = _line(repo, rf"^  {re.escape(name)}:")
        permissions = _permissions(workflow, build)
        failed: list[Fail] = []

        if permissions == "write-all" or (
            isinstance(permissions, dict) and "id-token" in permissions
        ):
            message = f"the {name} job can request an id-token"
            failed.append(
                Fail(message, path, _in_job(repo, name, r"id-token|write-all"))
            )

        if any(_action(step) == PYPI for step in _steps(build)):
            message = f"the {name} job also publishes to PyPI"
            failed.append(Fail(message, path, _in_job(repo, name, re.escape(PYPI))))

        (std_upload,) = [
            s for s in _steps(std_build) if _action(s) == "actions/upload-artifact"
        ]
        artifact = _with(std_upload)["name"]
        uploads = [
            step
            for step in _steps(build)
            if _action(step) == "actions/upload-artifact"
            and _with(step).get("name") == artifact
        ]

        if not uploads:
            message = f"the {name} job uploads no artifact named {artifact!r}"
            failed.append(Fail(message, path, line))
        else:
            failed += cls._upload(repo, name, build, uploads[0], std_build)

        (ids,) = {
            _expr(_with(step).get("artifact-ids"))
            for _, step in _using(standard, "actions/download-artifact")
        }
        downstream = {
            job_name: job
            for job_name, job in jobs.items()
            if job_name != name
            and any(
                _action(s) in (PYPI, "actions/download-artifact")
                or "gh release create" in _run(s)
                for s in _steps(job)
            )
        }

        if not downstream:
            return [*failed, Fail(f"no job uses the {name} job's artifact", path)]

        for job_name, job in downstream.items():
            downloads = [
                s for s in _steps(job) if _action(s) == "actions/download-artifact"
            ]
            job_line = _line(repo, rf"^  {re.escape(job_name)}:")

            if not downloads:
                message = f"job {job_name!r} downloads no artifact"
                failed.append(Fail(message, path, job_line))

            for step in downloads:
                found = _with(step).get("artifact-ids")

                if _expr(found) != ids:
                    what = (
                        f"by artifact-ids: {found}"
                        if found is not None
                        else f"by name {_with(step)['name']!r}"
                        if "name" in _with(step)
                        else "every artifact"
                    )
                    failed.append(
                        Fail(
                            f"job {job_name!r} downloads {what},"
                            f" not artifact-ids: {ids}",
                            path,
                            _in_job(repo, job_name, r"actions/download-artifact@"),
                        )
                    )

            if name not in _needs(job):
                message = f"job {job_name!r} does not need {name}"
                failed.append(Fail(message, path, job_line))

        return failed

    @staticmethod
    def _upload(
        repo: Repo,
        name: str,
        build: dict[str, t.Any],
        upload: dict[str, t.Any],
        std_build: dict[str, t.Any],
    ) -> list[Fail]:
        """How the build job's upload step and outputs differ."""
        path = _path(repo)
        (std_upload,) = [
            s for s in _steps(std_build) if _action(s) == "actions/upload-artifact"
        ]
        artifact = _with(std_upload)["name"]
        job = _line(repo, rf"^  {re.escape(name)}:")
        upload_line = _in_job(repo, name, r"actions/upload-artifact@")
        failed: list[Fail] = []

        if not upload.get("id"):
            message = f"the {artifact} upload step has no id"
            failed.append(Fail(message, path, upload_line))

        empty = _with(std_upload)["if-no-files-found"]

        if _with(upload).get("if-no-files-found") != empty:
            failed.append(
                Fail(
                    f"the {artifact} upload does not set if-no-files-found: {empty}",
                    path,
                    _within(repo, job, r"^\s+if-no-files-found\s*:") or upload_line,
                )
            )

        outputs = _dict(build.get("outputs"))

        for key, value in std_build["outputs"].items():
            want = _expr(value).replace(
                f"steps.{std_upload['id']}.",
                # Without an id, the fix gives it the template's.
                f"steps.{upload.get('id') or std_upload['id']}.",
            )

            if _expr(outputs.get(key)) != want:
                failed.append(
                    Fail(
                        f"the {name} job does not declare outputs.{key}: {want}",
                        path,
                        _in_job(repo, name, rf"^\s+{re.escape(key)}\s*:"),
                    )
                )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if _path(repo) != PATH:
            return None  # the template edits only its own publish.yaml

        workflow = _workflow(repo)
        jobs = _jobs(workflow)
        name = _template_build(repo)
        build = jobs.get(name)

        # Without the template's build job, or with a build that is not
        # ``uv build`` (the pip-installed ``build`` of older layouts), the
        # workflow is too far from the template's to edit.
        if (
            build is None
            or any(_action(step) == PYPI for step in _steps(build))
            or not any(re.search(r"\buv build\b", _run(s)) for s in _steps(build))
        ):
            return _replace(repo)

        edits: list[Edit] = []
        unsafe = False
        permissions = build.get("permissions")

        if permissions == "write-all":
            edits.append(YamlRemove(PATH, ("jobs", name, "permissions")))
            unsafe = True
        elif isinstance(permissions, dict) and "id-token" in permissions:
            edits.append(YamlRemove(PATH, ("jobs", name, "permissions", "id-token")))

        upload_keys = _step_keys(repo, name, "actions/upload-artifact")
        std_upload = _node(_standard(repo), upload_keys)
        uploads = [s for s in _steps(build) if _action(s) == "actions/upload-artifact"]

        if not uploads:
            edits.append(_AddStep(PATH, name, upload_keys))
            upload_id = std_upload["id"]
            unsafe = True
        else:
            options = _with(uploads[0])

            for key in ("name", "if-no-files-found"):
                if options.get(key) != std_upload["with"][key]:
                    edits.append(
                        _StepPut(
                            PATH,
                            name,
                            ("with", key),
                            action="actions/upload-artifact",
                            keys=(*upload_keys, "with", key),
                        )
                    )
                    # A new name changes what the downloads get.
                    unsafe |= key == "name"

            upload_id = uploads[0].get("id") or std_upload["id"]
            update = _update(
                repo, uploads[:1], ARTIFACT_IDS_SINCE["actions/upload-artifact"]
            )
            edits += update
            unsafe |= bool(update)

            if not uploads[0].get("id"):
                edits.append(
                    _StepPut(
                        PATH,
                        name,
                        ("id",),
                        action="actions/upload-artifact",
                        keys=(*upload_keys, "id"),
                    )
                )

        outputs = _dict(build.get("outputs"))

        for key, value in _jobs(_standard(repo))[name]["outputs"].items():
            want = _expr(value).replace(
                f"steps.{std_upload['id']}.", f"steps.{upload_id}."
            )

            if _expr(outputs.get(key)) != want:
                edits.append(
                    _Put(PATH, ("jobs", name, "outputs", key), value=want)
                    if upload_id != std_upload["id"]
                    else _Put(
                        PATH,
                        ("jobs", name, "outputs", key),
                        ("jobs", name, "outputs", key),
                    )
                )

        downstream = {
            job_name: job
            for job_name, job in jobs.items()
            if job_name != name
            and any(
                _action(s) in (PYPI, "actions/download-artifact")
                or "gh release create" in _run(s)
                for s in _steps(job)
            )
        }
        std_release = next(iter(_release_jobs(_standard(repo))))
        download_keys = _step_keys(repo, std_release, "actions/download-artifact")
        std_download = _with(_node(_standard(repo), download_keys))

        if not downstream:
            return _replace(repo)

        for job_name, job in downstream.items():
            downloads = [
                s for s in _steps(job) if _action(s) == "actions/download-artifact"
            ]

            if not downloads:
                edits.append(_AddStep(PATH, job_name, download_keys, 0))
                unsafe = True

            for step in downloads:
                options = _with(step)

                if _expr(options.get("artifact-ids")) != _expr(
                    std_download["artifact-ids"]
                ):
                    edits += [
                        _StepPut(
                            PATH,
                            job_name,
                            ("with", key),
                            action="actions/download-artifact",
                            remove=True,
                        )
                        for key in ("name", "pattern")
                        if key in options
                    ]
                    edits.append(
                        _StepPut(
                            PATH,
                            job_name,
                            ("with", "artifact-ids"),
                            action="actions/download-artifact",
                            keys=(*download_keys, "with", "artifact-ids"),
                        )
                    )
                    # By the same name into a folder, the files are the same.
                    unsafe |= options.get("name") != std_upload["with"]["name"]
                    update = _update(
                        repo, [step], ARTIFACT_IDS_SINCE["actions/download-artifact"]
                    )
                    edits += update
                    unsafe |= bool(update)

                if "path" not in options:
                    # The files now go to the template's folder, which the
                    # upload reads by default.
                    edits.append(
                        _StepPut(
                            PATH,
                            job_name,
                            ("with", "path"),
                            action="actions/download-artifact",
                            keys=(*download_keys, "with", "path"),
                        )
                    )
                    edits.append(
                        _StepPut(
                            PATH,
                            job_name,
                            ("with", "packages-dir"),
                            action=PYPI,
                            remove=True,
                        )
                    )
                    unsafe = True

            if name not in _needs(job):
                edits.append(_Needs(PATH, job_name, name))

        return _fix("Pass the dist artifact from the build job by id", edits, unsafe)


class PUB003(Publishing):
    """Builds are reproducible with SOURCE_DATE_EPOCH

    ## What it does
    Checks that every job that builds the distributions (`uv build`, or
    cibuildwheel) first exports `SOURCE_DATE_EPOCH` from the time of the last
    commit, with `git log -1 --pretty=%ct`.

    ## Why
    Build backends stamp archive entries with the current time unless
    `SOURCE_DATE_EPOCH` is set. With the commit time the sdist and wheels are
    byte-for-byte reproducible, so anyone can check that the files on PyPI
    came from the tagged commit.

    ## Example
    ```yaml
    - run: uv build
    ```

    Use instead:
    ```yaml
    - run: echo "SOURCE_DATE_EPOCH=$(git log -1 --pretty=%ct)" >> $GITHUB_ENV
    - run: uv build
    ```

    ## Fix
    Insert the template's `SOURCE_DATE_EPOCH` step before each build step,
    moving one that comes too late. Safe. A workflow with no build job is
    replaced by the template's; Unsafe.
    """

    weight = 2
    fixable = True
    requires = frozenset({"PUB001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        path = _path(repo)

        builds = _build_jobs(_workflow(repo))

        if not builds:
            return Fail("no job builds the distributions with uv build", path)

        failed: list[Fail] = []

        for name, job in builds.items():
            steps = _steps(job)
            index = next(i for i, step in enumerate(steps) if _builds(step))
            build = _run(steps[index])
            match = _BUILD.search(build)
            exported = any(
                _EPOCH.search(_run(step)) and "GITHUB_ENV" in _run(step)
                for step in steps[:index]
            ) or bool(
                match
                and (epoch := _EPOCH.search(build))
                and epoch.start() < match.start()
            )

            if not exported:
                what = match.group(0) if match else "cibuildwheel"
                failed.append(
                    Fail(
                        f"job {name!r} runs {what} without SOURCE_DATE_EPOCH from"
                        " the last commit",
                        path,
                        _in_job(
                            repo,
                            name,
                            r"uv build|-m build|pyproject-build|cibuildwheel@",
                        ),
                    )
                )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if _path(repo) != PATH:
            return None  # the template edits only its own publish.yaml

        builds = _build_jobs(_workflow(repo))

        if not builds:
            return _replace(repo)

        edits: list[Edit] = [_Epoch(PATH, name) for name in builds]
        return _fix(
            "Set SOURCE_DATE_EPOCH from the last commit before building", edits, False
        )


class PUB004(Publishing):
    """PyPI upload uses trusted publishing with attestations

    ## What it does
    Checks the job that uses `pypa/gh-action-pypi-publish`: it runs in the
    `publish` environment whose `url` is the project's PyPI page for the tag
    (`https://pypi.org/project/<[project].name>/${{ github.ref_name }}`), its
    only permission is `id-token: write`, the action is v1.11.0 or newer (read
    from the `# vX.Y.Z` comment when it is pinned by SHA), and it passes no
    `password`, `user` or secret, does not set `attestations: false`, and
    uploads to no other index (`repository-url`, such as TestPyPI).

    ## Why
    Trusted publishing trades a short-lived OIDC token for the upload, so no
    long-lived PyPI token exists to leak. The `publish` environment requires
    a maintainer's approval after the draft release is reviewed. Since
    v1.11.0 the action signs PEP 740 attestations by default, which replaced
    the SLSA provenance job.

    ## Example
    ```yaml
    publish:
      environment: publish
      steps:
        - uses: pypa/gh-action-pypi-publish@release/v1
          with:
            password: ${{ secrets.PYPI_TOKEN }}
    ```

    Use instead: the template's `publish-pypi` job, and a trusted publisher
    configured for the workflow on PyPI.

    ## Fix
    Remove `password`, `user`, secrets, `attestations: false` and the
    TestPyPI upload steps (or `repository-url` when it is the only
    upload), set the template's `environment` and `permissions`, and move
    an action older than v1.11.0 to the template's pin. Unsafe: PyPI must
    trust the workflow before the next release, and the token secret should
    be revoked. Only dropping extra permissions or fixing the environment's
    URL is Safe.
    """

    weight = 5
    fixable = True
    requires = frozenset({"PUB001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        path = _path(repo)

        workflow = _workflow(repo)
        uses = _using(workflow, PYPI)

        if not uses:
            return Fail(f"no job uses {PYPI}", path)

        std_job = _job_of(_standard(repo), PYPI)
        failed: list[Fail] = []

        for name, step in uses:
            job = _jobs(workflow)[name]
            line = _line(repo, rf"^  {re.escape(name)}:")

            failed += [
                Fail(
                    f"job {name!r} uploads to {_with(step)[key]}",
                    path,
                    _in_job(repo, name, rf"^\s+{key}\s*:"),
                )
                for key in ("repository-url", "repository_url")
                if key in _with(step)
            ]
            found = cls._environment(job.get("environment"))
            want = cls._environment(std_job["environment"])

            if found != want:
                failed.append(
                    Fail(
                        f"job {name!r} runs in environment"
                        f" {_show(job.get('environment'))},"
                        f" not {_show(std_job['environment'])}",
                        path,
                        _in_job(repo, name, r"^\s+environment:"),
                    )
                )

            permissions = _permissions(workflow, job)

            if permissions != std_job["permissions"]:
                failed.append(
                    Fail(
                        f"job {name!r} has permissions {_show(permissions)}, not"
                        f" {_show(std_job['permissions'])}",
                        path,
                        line,
                    )
                )

            failed += cls._step(repo, name, step)

        return failed

    @staticmethod
    def _environment(value: t.Any) -> tuple[str, str]:
        """The environment's name and URL, with the project name in a PyPI
        URL normalized, since PyPI redirects every spelling.
        """
        if not isinstance(value, dict):
            return str(value), ""

        url = re.sub(
            r"(pypi\.org/project/)([^/]+)",
            lambda m: m.group(1) + requirement_name(m.group(2)),
            _expr(value.get("url")),
        )
        return str(value.get("name")), url

    @staticmethod
    def _step(repo: Repo, job: str, step: dict[str, t.Any]) -> list[Fail]:
        ref = str(step.get("uses", "")).partition("@")[2].strip()
        line = repo.line_of(_path(repo), rf"{re.escape(PYPI)}@{re.escape(ref)}")
        text = (repo.text(_path(repo)) or "").splitlines()[line - 1] if line else ""
        comment = re.search(r"#\s*(v?[0-9][0-9.]*)\s*$", text)

        if re.fullmatch(r"[0-9a-f]{40}", ref):
            version = _version(comment.group(1)) if comment else None
        elif re.fullmatch(r"release/v[0-9]+", ref):
            # The branch follows the newest release of its major version.
            version = (int(ref[len("release/v") :]), 1_000_000)
        else:
            version = _version(ref)

        failed: list[Fail] = []

        if version is None:
            message = f"cannot tell which version {ref!r} of {PYPI} is"
            failed.append(Fail(message, _path(repo), line))
        elif version < ATTESTATIONS_SINCE:
            since = ".".join(map(str, ATTESTATIONS_SINCE))
            failed.append(
                Fail(
                    f"{PYPI} is {comment.group(1) if comment else ref}, older than"
                    f" v{since}, which makes attestations",
                    _path(repo),
                    line,
                )
            )

        options = _with(step)
        failed += [
            Fail(
                f"job {job!r} uploads with a {key}, not trusted publishing",
                _path(repo),
                _in_job(repo, job, rf"^\s+{key}\s*:"),
            )
            for key in ("password", "user")
            if key in options
        ]

        if any("secrets." in str(v) for v in [*options.values(), step.get("env")]):
            failed.append(
                Fail(
                    f"job {job!r} passes a secret to {PYPI}",
                    _path(repo),
                    _in_job(repo, job, r"secrets\."),
                )
            )

        if str(options.get("attestations", True)).lower() == "false":
            failed.append(
                Fail(
                    "attestations are turned off",
                    _path(repo),
                    _in_job(repo, job, r"^\s+attestations\s*:"),
                )
            )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if _path(repo) != PATH:
            return None  # the template edits only its own publish.yaml

        workflow = _workflow(repo)
        uses = _using(workflow, PYPI)

        if not uses:
            return _replace(repo)

        standard = _standard(repo)
        std_name = next(name for name, _ in _using(standard, PYPI))
        std_job = _jobs(standard)[std_name]
        edits: list[Edit] = []
        unsafe = False

        for name in dict.fromkeys(name for name, _ in uses):
            job = _jobs(workflow)[name]
            steps = [s for s in _steps(job) if _action(s) == PYPI]
            other = ("repository-url", "repository_url")
            testpypi = [s for s in steps if set(other) & set(_with(s))]

            if testpypi:
                unsafe = True

                if len(testpypi) < len(steps):
                    edits.append(_RemoveSteps(PATH, name, PYPI, other))
                else:
                    edits += [
                        _StepPut(PATH, name, ("with", k), action=PYPI, remove=True)
                        for k in other
                    ]

            for step in steps:
                for key, value in _with(step).items():
                    if (
                        key in ("password", "user")
                        or "secrets." in str(value)
                        or (key == "attestations" and str(value).lower() == "false")
                    ):
                        edits.append(
                            _StepPut(
                                PATH, name, ("with", key), action=PYPI, remove=True
                            )
                        )
                        unsafe = True

                for key, value in _dict(step.get("env")).items():
                    if "secrets." in str(value):
                        edits.append(
                            _StepPut(PATH, name, ("env", key), action=PYPI, remove=True)
                        )
                        unsafe = True

                update = _update(repo, [step], ATTESTATIONS_SINCE)
                edits += update
                unsafe |= bool(update)

            found = cls._environment(job.get("environment"))
            want = cls._environment(std_job["environment"])

            if found != want:
                edits.append(
                    _Put(
                        PATH,
                        ("jobs", name, "environment"),
                        ("jobs", std_name, "environment"),
                    )
                )
                # PyPI trusts a workflow in a named environment.
                unsafe |= found[0] != want[0]

            grant, granting = _job_permissions(
                workflow, job, name, std_job, std_name, "id-token"
            )
            edits += grant
            unsafe |= granting

        return _fix("Publish to PyPI with trusted publishing", edits, unsafe)


class PUB005(Publishing):
    """No SLSA provenance job

    ## What it does
    Checks that the publish workflow has no `slsa-framework/slsa-github-generator`
    job, uploads no `*.intoto.jsonl` file and computes no `hash` output for
    one.

    ## Why
    PyPI's trusted publishing makes PEP 740 attestations itself, so Pallets
    removed the SLSA job in June 2025. The generator can only be pinned by
    tag, it needs `contents: write` and `id-token: write`, and it held the
    artifact actions at old versions.

    ## Example
    A `provenance` job that uses
    `slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml`
    with `base64-subjects: ${{ needs.build.outputs.hash }}`.

    Use instead: nothing; `pypa/gh-action-pypi-publish` attests the upload.

    ## Fix
    Delete the provenance job (the jobs that needed it then need what it
    needed), the `hash` output and the step that computed it, and the
    `*.intoto.jsonl` files of the release. Unsafe, as it changes what a
    release publishes; Safe when only a `hash` output is left.
    """

    weight = 2
    fixable = True
    requires = frozenset({"PUB001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        path = _path(repo)

        text = repo.text(path) or ""
        failed: list[Fail] = []

        if "slsa-framework/" in text:
            line = _line(repo, r"slsa-framework/")
            failed.append(Fail("has a SLSA provenance job", path, line))

        if ".intoto.jsonl" in text:
            failed.append(
                Fail(
                    "publishes a *.intoto.jsonl provenance file",
                    path,
                    _line(repo, r"\.intoto\.jsonl"),
                )
            )

        for name, job in _jobs(_workflow(repo)).items():
            outputs = job.get("outputs")

            if isinstance(outputs, dict) and {"hash", "hashes"} & set(outputs):
                failed.append(
                    Fail(
                        f"job {name!r} outputs a hash for provenance",
                        path,
                        _in_job(repo, name, r"^\s+hash(es)?\s*:"),
                    )
                )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if _path(repo) != PATH:
            return None  # the template edits only its own publish.yaml

        text = repo.text(PATH) or ""
        # Removing a job or release files changes what a release publishes.
        unsafe = "slsa-framework/" in text or ".intoto.jsonl" in text
        return Fix(
            "Remove the SLSA provenance",
            "unsafe" if unsafe else "safe",
            (_DropProvenance(PATH),),
        )


class PUB006(Publishing):
    """A draft GitHub release gets the built files

    ## What it does
    Checks the job that runs `gh release create`: it has only the template's
    `contents: write` permission, creates a `--draft` release with the files
    in `dist/*`, without `--generate-notes`, and authenticates with
    `GH_TOKEN: ${{ github.token }}`. There must be no `.github/release.yml`
    configuring generated release notes.

    ## Why
    The draft release shows the exact files before a maintainer approves
    the PyPI upload; it is published by hand afterwards, with the changelog
    section as its notes. Generated notes list pull request titles instead of
    the changelog.

    ## Example
    ```yaml
    - run: gh release create --generate-notes ${GITHUB_REF_NAME}
    ```

    Use instead:
    ```yaml
    - run: >-
        gh release create --draft --repo ${GITHUB_REPOSITORY} ${GITHUB_REF_NAME}
        dist/*
      env:
        GH_TOKEN: ${{ github.token }}
    ```

    ## Fix
    Delete `.github/release.yml`, and set the release job's permissions,
    command and `GH_TOKEN` to the template's, or add the template's
    `create-release` job when no job creates the release. Unsafe: it
    changes what the release has; dropping extra permissions alone is
    Safe.
    """

    weight = 2
    fixable = True
    requires = frozenset({"PUB001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        path = _path(repo)

        failed = [
            Fail("configures generated release notes", name)
            for name in (".github/release.yml", ".github/release.yaml")
            if repo.is_file(name)
        ]
        workflow = _workflow(repo)
        jobs = _release_jobs(workflow)

        if not jobs:
            message = "no job creates the release with gh release create"
            return [*failed, Fail(message, path)]

        std_job = next(iter(_release_jobs(_standard(repo)).values()))
        (std_step,) = [s for s in _steps(std_job) if "gh release create" in _run(s)]
        std_token = _expr(std_step["env"]["GH_TOKEN"])

        for name, job in jobs.items():
            line = _in_job(repo, name, r"gh release create")
            permissions = _permissions(workflow, job)

            if permissions != std_job["permissions"]:
                failed.append(
                    Fail(
                        f"job {name!r} has permissions {_show(permissions)}, not"
                        f" {_show(std_job['permissions'])}",
                        path,
                        _line(repo, rf"^  {re.escape(name)}:"),
                    )
                )

            for step in _steps(job):
                command = _run(step)

                if "gh release create" not in command:
                    continue

                args = command.partition("gh release create")[2].split()

                if "--generate-notes" in args:
                    failed.append(Fail("the release has generated notes", path, line))

                if "--draft" not in args and "-d" not in args:
                    failed.append(Fail("the release is not a --draft", path, line))

                if not {"dist/*", *_artifact_globs(workflow, job)} & set(args):
                    files = [a for a in args if "*" in a] or ["no files"]
                    failed.append(
                        Fail(
                            f"the release attaches {' '.join(files)}, not dist/*",
                            path,
                            line,
                        )
                    )

                env = {
                    **_dict(job.get("env")),
                    **_dict(step.get("env")),
                }

                if _expr(env.get("GH_TOKEN")) != std_token:
                    failed.append(
                        Fail(
                            f"GH_TOKEN is {_show(env.get('GH_TOKEN'))},"
                            f" not {std_token}",
                            path,
                            _in_job(repo, name, r"GH_TOKEN"),
                        )
                    )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if _path(repo) != PATH:
            return None  # the template edits only its own publish.yaml

        edits: list[Edit] = [
            DeleteFile(name)
            for name in (".github/release.yml", ".github/release.yaml")
            if repo.is_file(name)
        ]
        unsafe = bool(edits)
        workflow = _workflow(repo)
        standard = _standard(repo)
        std_name, std_job = next(iter(_release_jobs(standard).items()))
        jobs = _release_jobs(workflow)

        if not jobs:
            if _template_build(repo) not in _jobs(workflow) or not is_pure_python(repo):
                return _replace(repo)

            edits.append(_Put(PATH, ("jobs", std_name), ("jobs", std_name)))
            return _fix("Create a draft release with the built files", edits, True)

        run_keys = _step_keys(repo, std_name, None, "gh release create")
        (std_step,) = [s for s in _steps(std_job) if "gh release create" in _run(s)]

        for name, job in jobs.items():
            grant, granting = _job_permissions(
                workflow, job, name, std_job, std_name, "contents"
            )
            edits += grant
            unsafe |= granting

            for step in _steps(job):
                if "gh release create" not in _run(step):
                    continue

                args = _run(step).partition("gh release create")[2].split()

                if (
                    "--generate-notes" in args
                    or not {"--draft", "-d"} & set(args)
                    or "dist/*" not in args
                ):
                    edits.append(
                        _StepPut(
                            PATH,
                            name,
                            ("run",),
                            run="gh release create",
                            keys=(*run_keys, "run"),
                        )
                    )
                    unsafe = True

                env = {**_dict(job.get("env")), **_dict(step.get("env"))}

                if _expr(env.get("GH_TOKEN")) != _expr(std_step["env"]["GH_TOKEN"]):
                    edits.append(
                        _StepPut(
                            PATH,
                            name,
                            ("env", "GH_TOKEN"),
                            run="gh release create",
                            keys=(*run_keys, "env", "GH_TOKEN"),
                        )
                    )
                    unsafe = True

        return _fix("Create a draft release with the built files", edits, unsafe)


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
    - uses: astral-sh/setup-uv@<sha> # v9.0.0
      with:
        enable-cache: true
    ```

    Use instead:
    ```yaml
    - uses: astral-sh/setup-uv@<sha> # v9.0.0
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
        path = _path(repo)

        builds = _build_jobs(_workflow(repo))

        if not builds:
            return Skip("no job builds the distributions; PUB003 reports it")

        failed: list[Fail] = []

        for name, job in builds.items():
            for step in _steps(job):
                action = _action(step)
                options = _with(step)

                if action == "astral-sh/setup-uv" and (
                    str(options.get("enable-cache")).lower() != "false"
                ):
                    failed.append(
                        Fail(
                            f"setup-uv in job {name!r} does not set"
                            " enable-cache: false",
                            path,
                            _in_job(repo, name, r"astral-sh/setup-uv@"),
                        )
                    )

                if (action == "actions/setup-python" and "cache" in options) or (
                    action == "actions/cache"
                ):
                    failed.append(
                        Fail(
                            f"job {name!r} restores a cache with {action}",
                            path,
                            _in_job(repo, name, rf"{re.escape(str(action))}@"),
                        )
                    )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if _path(repo) != PATH:
            return None  # the template edits only its own publish.yaml

        edits: list[Edit] = []
        std_build = _template_build(repo)
        uv_keys = _step_keys(repo, std_build, "astral-sh/setup-uv")

        for name, job in _build_jobs(_workflow(repo)).items():
            for step in _steps(job):
                action = _action(step)

                if action == "astral-sh/setup-uv" and (
                    str(_with(step).get("enable-cache")).lower() != "false"
                ):
                    edits.append(
                        _StepPut(
                            PATH,
                            name,
                            ("with", "enable-cache"),
                            action=action,
                            keys=(*uv_keys, "with", "enable-cache"),
                        )
                    )
                elif action == "actions/setup-python":
                    edits += [
                        _StepPut(PATH, name, ("with", key), action=action, remove=True)
                        for key in ("cache", "cache-dependency-path")
                        if key in _with(step)
                    ]

            if any(_action(s) == "actions/cache" for s in _steps(job)):
                edits.append(_RemoveSteps(PATH, name, "actions/cache"))

        return _fix("Build without caches", edits, False)
