"""GHA: the GitHub Actions workflows under `.github/workflows/`."""

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
from ..edits.text import TextReplace
from ..edits.text import WriteFile
from ..edits.yaml import yaml_load
from ..edits.yaml import YamlChange
from ..edits.yaml import YamlSet
from ..fix import Applicability
from ..fix import Fix
from ..registry import Fail
from ..registry import Outcome
from ..registry import Skip
from ..repo import load_yaml
from ..repo import Repo
from ..standard import Standard
from ..standard import standard_for
from ..template import template_root
from . import _workflows as wf
from ._base import Actions
from ._base import lines_of
from ._base import nth
from ._roles import DOES
from ._roles import missing_reason
from ._roles import played
from ._roles import standard_roles
from ._roles import workflow_for
from .publish import other_publishers
from .publish import PATH as PUBLISH

WORKFLOWS = ".github/workflows/"
TESTS = WORKFLOWS + "tests.yaml"
PRE_COMMIT = WORKFLOWS + "pre-commit.yaml"
ZIZMOR = WORKFLOWS + "zizmor.yaml"
LOCK = WORKFLOWS + "lock.yaml"


def _expressions(text: str) -> t.Iterator[tuple[int, str, str]]:
    """Where each ``${{ ... }}`` in a text starts, it, and what is inside
    it, found in one pass: a regular expression would scan to the end from
    every ``${{`` that is never closed.
    """
    position = 0

    while (start := text.find("${{", position)) >= 0:
        end = text.find("}}", start + 3)

        if end < 0:
            return

        yield start, text[start : end + 2], text[start + 3 : end]
        position = end + 2


#: The contexts an expression reads, and its string literals.
_CONTEXT = re.compile(
    r"(?<![\w.-])(?P<head>[A-Za-z_][\w-]*+)(?P<tail>(?:\.[\w-]++|\.\*|\[\*\])*+)"
    r"(?![\w.\-\[])(?!\s*\()"
)
_LITERAL = re.compile(r"'(?:[^']|'')*'")
#: Contexts whose values an attacker cannot shape, as zizmor's
#: template-injection audit rates them.
_FIXED = frozenset(
    {
        "github.action_path",
        "github.event_name",
        "github.job",
        "github.repository",
        "github.repository_id",
        "github.repository_owner",
        "github.repository_owner_id",
        "github.repositoryurl",
        "github.run_attempt",
        "github.run_id",
        "github.run_number",
        "github.server_url",
        "github.sha",
        "github.token",
        "github.triggering_actor",
        "github.workspace",
    }
)
#: Last keys of event payload values that are numbers, flags or states.
_FIXED_EVENT_KEYS = frozenset(
    {
        "id",
        "number",
        "site_admin",
        "deleted",
        "state",
        "status",
        "size",
        "private",
        "fork",
        "draft",
        "merged",
        "locked",
        "open_issues",
    }
)
#: Inputs of these types carry no free text.
_FIXED_INPUTS = frozenset({"boolean", "number", "choice", "environment"})
#: tox envs that run the test suite, which the tests matrix must cover.
_TEST_ENV = re.compile(r"(?:py|pypy)\d[\w.]*|tests-min|tests-dev")
#: Actions that run pre-commit outside the locked environment, or push
#: commits from CI.
_PRE_COMMIT_ACTIONS = ("pre-commit/action", "pre-commit-ci/lite-action")
_BOTS = (
    ".github/dependabot.yml",
    ".github/dependabot.yaml",
    "renovate.json",
    "renovate.json5",
    ".renovaterc",
    ".renovaterc.json",
    ".renovaterc.json5",
    ".github/renovate.json",
    ".github/renovate.json5",
    ".gitlab/renovate.json",
)


def _lines(run: t.Any) -> list[str]:
    """The commands of a ``run:``, one a line, whitespace collapsed."""
    if not isinstance(run, str):
        return []

    return [" ".join(line.split()) for line in run.splitlines() if line.strip()]


def _runs(steps: list[dict[str, t.Any]]) -> list[str]:
    return [line for step in steps for line in _lines(step.get("run"))]


def _normal(value: t.Any) -> t.Any:
    """A value compared without the order of its lists."""
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}

    if isinstance(value, list):
        return sorted((_normal(v) for v in value), key=repr)

    return value


def _show(value: t.Any) -> str:
    """A parsed YAML value as YAML flow text shows it."""
    return json.dumps(value, ensure_ascii=False)


def _triggers(data: t.Any) -> t.Any:
    return data.get("on") if isinstance(data, dict) else None


def _compare_triggers(repo: Repo, path: str, standard: str = "") -> Fail | None:
    """Every event the template's workflow triggers on, with the same
    filters; the repository may add events of its own. ``standard`` is the
    template's path when the repository's workflow has another name.
    """
    found = _triggers(repo.workflows[path])
    expected = _triggers(standard_for(repo).yaml(standard or path))
    line = repo.line_of(path, r"^on:")

    if not isinstance(expected, dict):
        return None

    if not isinstance(found, dict):
        return Fail(f"triggers on {_show(found)}, without filters", path, line)

    for event, value in expected.items():
        if event not in found:
            return Fail(f"not triggered by {event}", path, line)

        if _normal(found[event] or {}) != _normal(value or {}):
            if not found[event]:
                return Fail(f"{event} trigger has no filters", path, line)

            return Fail(f"{event} trigger is {_show(found[event])}", path, line)

    return None


def _compare_steps(repo: Repo, path: str, standard: str = "") -> Fail | None:
    """Every action the template's workflow uses, with its ``with:``
    values; refs and extra inputs are the repository's own.
    """
    steps = wf.all_steps(repo.workflows[path])

    for step in wf.all_steps(standard_for(repo).yaml(standard or path)):
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
                    f"{action} has {key}: {_show(found[key])}, not {_show(value)}"
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


# Fixes -------------------------------------------------------------------

#: What a key that is not there is told apart by.
_MISSING: t.Any = object()

#: Expressions that have a default environment variable with their value.
_DEFAULT_ENV = {
    "github.repository": "GITHUB_REPOSITORY",
    "github.ref_name": "GITHUB_REF_NAME",
    "github.head_ref": "GITHUB_HEAD_REF",
    "github.base_ref": "GITHUB_BASE_REF",
    "github.ref": "GITHUB_REF",
    "github.sha": "GITHUB_SHA",
    "github.actor": "GITHUB_ACTOR",
    "github.event_name": "GITHUB_EVENT_NAME",
    "github.workflow": "GITHUB_WORKFLOW",
}

#: ``tox -e ${{ matrix... }}``: the env to move to ``TOX_ENV``.
_TOX_ARGUMENT = re.compile(
    r"\btox\b(?:(?:(?!\btox\b)[^\n])*?[^ \t\n])?"
    r"(?P<flag>[ \t]++(?:-e|--env)(?:[ \t]++|=)(?P<expr>\$\{\{[^}]*+\}\}))"
)

#: Keys a job's permissions go after.
_BEFORE_PERMISSIONS = ("runs-on", "needs", "name")


def _fix(
    title: str, applicability: Applicability, edits: t.Sequence[Edit]
) -> Fix | None:
    return Fix(title, applicability, tuple(edits)) if edits else None


def _pins() -> dict[str, t.Any]:
    """The template's action pins, ``{action: {sha, tag}}``."""
    data = load_yaml((template_root() / "includes" / "pins.yaml").read_text())
    actions = data.get("actions") if isinstance(data, dict) else None
    return actions if isinstance(actions, dict) else {}


def _node(data: t.Any, route: tuple[str | int, ...], path: str) -> t.Any:
    return wf.node(data, route, f"{path} has no {'/'.join(map(str, route))}")


def _put(mapping: t.Any, key: str, value: t.Any, after: tuple[str, ...] = ()) -> None:
    """Set a key. A new one goes after the first key of ``after`` that is
    there, or last.
    """
    anchor = next((a for a in after if a in mapping), None)

    if key in mapping or anchor is None:
        mapping[key] = value
    else:
        mapping.insert(list(mapping).index(anchor) + 1, key, value)


@dataclasses.dataclass(frozen=True)
class _Workflow(YamlChange):
    """A change to a workflow, made on its round-tripped YAML, with the
    template's same workflow at hand.
    """

    def template(self, repo: Repo) -> t.Any:
        text = standard_for(repo).text(self.path)

        if text is None:
            raise FixConflict(f"the template has no {self.path}")

        return yaml_load(text)[1]


@dataclasses.dataclass(frozen=True)
class _SetFromTemplate(_Workflow):
    """Set a key to the template's value of the same workflow, with its
    formatting and comments, creating the mappings above it. ``source`` is
    the value's route in the template when it is not ``route``.
    """

    route: tuple[str | int, ...]
    source: tuple[str | int, ...] = ()
    after: tuple[str, ...] = ()

    def change(self, data: t.Any, repo: Repo) -> None:
        from ruamel.yaml.comments import CommentedMap

        value = _node(self.template(repo), self.source or self.route, self.path)
        parent = data

        for key in self.route[:-1]:
            if isinstance(parent, dict):
                if parent.get(key) is None:
                    parent[key] = CommentedMap()

                parent = parent[key]
            else:
                parent = _node(parent, (key,), self.path)

        if not isinstance(parent, dict):
            raise FixConflict(f"{self.path} has no mapping at {self.route[:-1]}")

        _put(parent, str(self.route[-1]), copy.deepcopy(value), self.after)


@dataclasses.dataclass(frozen=True)
class _SetTriggers(_Workflow):
    """Set each event of the template's ``on:``, keeping the project's
    other events.
    """

    def change(self, data: t.Any, repo: Repo) -> None:
        expected = _node(self.template(repo), ("on",), self.path)
        found = data.get("on")

        if not isinstance(found, dict):
            events = found if isinstance(found, list) else [found] if found else []
            new = copy.deepcopy(expected)

            for event in events:
                if event not in new:
                    new[event] = None

            _put(data, "on", new, ("name",))
            return

        previous: tuple[str, ...] = ()

        for event, value in expected.items():
            if event not in found or _normal(found[event] or {}) != _normal(
                value or {}
            ):
                _put(found, event, copy.deepcopy(value), previous)

            previous = (event, *previous)


@dataclasses.dataclass(frozen=True)
class _InsertStep(_Workflow):
    """Insert a step of the template's job, after the steps that come before
    it there.
    """

    job: str
    source_job: str
    index: int

    def change(self, data: t.Any, repo: Repo) -> None:
        expected = _node(self.template(repo), ("jobs", self.source_job, "steps"), "")
        steps = _node(data, ("jobs", self.job, "steps"), self.path)
        before = {wf.action(s) for s in expected[: self.index] if isinstance(s, dict)}
        position = 0

        for index, step in wf.indexed_steps({"steps": steps}):
            if wf.action(step) in before - {None}:
                position = index + 1

        steps.insert(position, copy.deepcopy(expected[self.index]))


@dataclasses.dataclass(frozen=True)
class _RemoveSteps(_Workflow):
    """Remove the steps that use these actions."""

    actions: tuple[str, ...]

    def change(self, data: t.Any, repo: Repo) -> None:
        for job in wf.jobs(data).values():
            steps: t.Any = job.get("steps")

            for index, step in reversed(wf.indexed_steps(job)):
                if wf.action(step) in self.actions:
                    del steps[index]


@dataclasses.dataclass(frozen=True)
class _TemplateJob(_Workflow):
    """Replace a job with the template's, keeping the ``keep`` keys and the
    keys the template's job does not have, and appending the steps that use
    actions the template's job does not use.
    """

    job: str
    source_job: str
    keep: tuple[str, ...] = ()

    def change(self, data: t.Any, repo: Repo) -> None:
        expected = _node(self.template(repo), ("jobs", self.source_job), self.path)
        found = _node(data, ("jobs", self.job), self.path)
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

        used = {wf.action(s) for s in wf.steps(new)} | set(_PRE_COMMIT_ACTIONS)
        extra = [s for s in wf.steps(found) if wf.action(s) not in used | {None}]

        if extra and isinstance(new.get("steps"), list):
            new["steps"].extend(extra)

        data["jobs"][self.job] = new


@dataclasses.dataclass(frozen=True)
class _ScopePermissions(_Workflow):
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
                    _put(job, "permissions", copy.deepcopy(top), _BEFORE_PERMISSIONS)

        _put(data, "permissions", {}, ("on",))
        expected = wf.jobs(self.template(repo)) if self.reset else {}

        for job_id, source in self.reset:
            job = _node(data, ("jobs", job_id), self.path)
            value = expected.get(source, {}).get("permissions", _MISSING)

            if value is not _MISSING:
                _put(job, "permissions", copy.deepcopy(value), _BEFORE_PERMISSIONS)
            elif "permissions" in job:
                del job["permissions"]


@dataclasses.dataclass(frozen=True)
class _MatrixRows(_Workflow):
    """Remove the matrix rows that run the ``remove`` tox envs and add rows
    for the ``add`` envs: the template's row for that env where it has one.
    """

    job: str
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()

    def change(self, data: t.Any, repo: Repo) -> None:
        from ruamel.yaml.comments import CommentedSeq

        matrix = _node(data, ("jobs", self.job, "strategy", "matrix"), self.path)

        if not isinstance(matrix, dict):
            raise FixConflict(f"the matrix of {self.path} is not a mapping")

        include: t.Any = matrix.get("include")
        python: t.Any = matrix.get("python")

        for index in reversed(range(len(include) if isinstance(include, list) else 0)):
            row = include[index]

            if isinstance(row, dict) and _row_env(row) in self.remove:
                del include[index]

        for index in reversed(range(len(python) if isinstance(python, list) else 0)):
            if _row_env({"python": python[index]}) in self.remove:
                del python[index]

        rows = [r for r in _matrix_rows(self.template(repo)) or [] if "os" not in r]

        for env in self.add:
            found = next((r for r in rows if _row_env(r) == env), None)
            row = copy.deepcopy(found) if found else _new_row(env, repo)

            if isinstance(python, list) and list(row) == ["python"]:
                python.append(row["python"])
                continue

            if not isinstance(include, list):
                include = matrix["include"] = CommentedSeq()

            include.append(row)


def _new_row(env: str, repo: Repo) -> t.Any:
    """A matrix row for a tox env the template has no row for."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import SingleQuotedScalarString as Quoted

    row = CommentedMap()
    row.fa.set_flow_style()
    python = re.fullmatch(r"py(\d[\w.]*)", env)
    pypy = re.fullmatch(r"pypy(\d[\w.]*)", env)

    if python:
        row["python"] = Quoted(python[1])
    else:
        row["name"] = "PyPy" if pypy else env
        row["python"] = Quoted(
            f"pypy-{pypy[1]}" if pypy else str(standard_for(repo).answers["python_max"])
        )
        row["tox"] = env

    return row


@dataclasses.dataclass(frozen=True)
class _RunReplace(Edit):
    """Replace text inside one ``run:`` script, as written in the file."""

    path: str
    route: tuple[str | int, ...]
    old: str
    new: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        import yaml

        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        def change(source: str) -> str:
            node: t.Any = yaml.compose(source, Loader=yaml.SafeLoader)

            for key in self.route:
                if isinstance(node, yaml.MappingNode):
                    node = next((v for k, v in node.value if k.value == key), None)
                elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                    node = node.value[key] if key < len(node.value) else None
                else:
                    node = None

            if not isinstance(node, yaml.ScalarNode):
                raise FixConflict(f"{self.path} has no script at {self.route}")

            start, end = node.start_mark.index, node.end_mark.index

            if self.old not in source[start:end]:
                raise FixConflict(f"the script in {self.path} has changed")

            script = source[start:end].replace(self.old, self.new)
            return source[:start] + script + source[end:]

        return keep_newlines(text, change)


def _default_shell(data: t.Any) -> t.Any:
    defaults = data.get("defaults") if isinstance(data, dict) else None
    run = defaults.get("run") if isinstance(defaults, dict) else None
    return run.get("shell") if isinstance(run, dict) else None


def _bash(data: t.Any, job: dict[str, t.Any], step: dict[str, t.Any]) -> bool:
    """Whether a step's script surely runs in bash or sh, where ``${NAME}``
    reads an environment variable.
    """
    shells = (step.get("shell"), _default_shell(job), _default_shell(data))
    shell = next((s for s in shells if s is not None), None)

    if shell is not None:
        return str(shell).split()[0] in {"bash", "sh"}

    runs_on = job.get("runs-on")
    labels = runs_on if isinstance(runs_on, list) else [runs_on]
    return all(
        isinstance(label, str) and "${{" not in label and "windows" not in label.lower()
        for label in labels
    )


def _quoted(script: str, position: int) -> bool:
    """Whether a position in a script is inside single quotes on its line."""
    start = script.rfind("\n", 0, position) + 1
    return script.count("'", start, position) % 2 == 1


def _script_edits(path: str, data: t.Any) -> tuple[list[Edit], list[Edit]]:
    """The edits that take expressions out of ``run:`` scripts: the known
    patterns, and the others (display only).
    """
    known: list[Edit] = []
    other: list[Edit] = []

    for job_id, job in wf.jobs(data).items():
        for index, step in wf.indexed_steps(job):
            run = step.get("run")

            if not isinstance(run, str):
                continue

            route: tuple[str | int, ...] = ("jobs", job_id, "steps", index)
            env = step.get("env")
            env = env if isinstance(env, dict) else {}
            tox = {
                m["flag"]: m["expr"]
                for m in _TOX_ARGUMENT.finditer(run)
                if "matrix." in m["expr"]
            }
            done: set[str] = set()

            values = set(tox.values())

            if len(values) == 1 and env.get("TOX_ENV") in (None, *values):
                (value,) = values
                known += [_RunReplace(path, (*route, "run"), f, "") for f in tox]
                known.append(YamlSet(path, (*route, "env", "TOX_ENV"), value))
                done.add(value)

            bash = _bash(data, job, step)

            for start, expression, inner in _expressions(run):
                inner = inner.strip()

                if expression in done:
                    continue

                done.add(expression)
                name = _DEFAULT_ENV.get(inner)

                if name and bash and not _quoted(run, start):
                    known.append(
                        _RunReplace(path, (*route, "run"), expression, f"${{{name}}}")
                    )
                elif _untrusted(inner, data, job, step):
                    name = re.sub(r"\W+", "_", inner).strip("_").upper()
                    other.append(
                        _RunReplace(path, (*route, "run"), expression, f"${{{name}}}")
                    )
                    other.append(YamlSet(path, (*route, "env", name), expression))

    return known, other


def _sync(repo: Repo, path: str) -> list[Edit]:
    """The edits that give a workflow the template's triggers and the
    template's actions with their ``with:`` values.
    """
    edits: list[Edit] = []
    inserts: list[Edit] = []

    if _compare_triggers(repo, path):
        edits.append(_SetTriggers(path))

    jobs = wf.jobs(repo.workflows[path])

    for source, expected in wf.jobs(standard_for(repo).yaml(path)).items():
        for position, step in wf.indexed_steps(expected):
            action = wf.action(step)

            if action is None:
                continue

            matching = [
                (job_id, index, s)
                for job_id, job in jobs.items()
                for index, s in wf.indexed_steps(job)
                if wf.action(s) == action
            ]

            if not matching:
                target = source if source in jobs else None

                if target is None and len(jobs) == 1:
                    target = next(iter(jobs))

                if target is not None:
                    inserts.append(_InsertStep(path, target, source, position))

                continue

            job_id, index, _ = matching[0]

            for key, value in wf.inputs(step).items():
                if all(wf.inputs(s).get(key) != value for _, _, s in matching):
                    edits.append(
                        _SetFromTemplate(
                            path,
                            ("jobs", job_id, "steps", index, "with", key),
                            ("jobs", source, "steps", position, "with", key),
                        )
                    )

    return edits + inserts


class GHA001(Actions):
    """The standard workflows exist, as .yaml files

    ## What it does
    Checks that `.github/workflows/` has a workflow for each one of the
    template's (`tests`, `pre-commit`, `publish`, `lock` and `zizmor`), told
    apart by what it does, whatever its name: uploading to PyPI, running
    the tests, running pre-commit, locking old threads, running zizmor.
    Then checks that every workflow file ends in `.yaml`, not `.yml`.

    ## Why
    The workflows run the tests, the hooks and the security scan on each
    pull request and publish releases. The zizmor workflow's `**/*.yaml?`
    paths filter does not match `.yml` files, so changes to them would not
    be scanned.

    ## Example
    `.github/workflows/tests.yml`, and no `zizmor.yaml`.

    Use instead: `.github/workflows/tests.yaml` and the template's
    `zizmor.yaml`.

    ## Fix
    Write the template's missing workflows, and rename `.yml` workflows to
    `.yaml`. Unsafe: a new workflow runs jobs the project did not have
    (uploads, locking threads), and a rename changes the workflow's path.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found = [
            Fail(f"no workflow {DOES[role]}, as {name} does in the template", name)
            for role, name in standard_roles(repo).items()
            if workflow_for(repo, role, name) is None
        ]
        found += [
            Fail(f"workflow {name} is spelled .yml", name)
            for name in repo.glob(r"\.github/workflows/[^/]+\.yml")
        ]
        return found

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        moves = [
            MoveFile(name, f"{name[:-4]}.yaml")
            for name in repo.glob(r"\.github/workflows/[^/]+\.yml")
            if not repo.exists(f"{name[:-4]}.yaml")
        ]
        targets = {m.target for m in moves}

        if other_publishers(repo):
            # One publish pipeline: PUB001 says what to do by hand.
            targets.add(PUBLISH)

        writes = [
            WriteFile(name)
            for name in std.files()
            if name.startswith(WORKFLOWS)
            and not repo.is_file(name)
            and name not in targets
        ]

        if moves:
            return Fix(
                "Rename the .yml workflows to .yaml and write the missing ones",
                "unsafe",
                (*moves, *writes),
            )

        if writes:
            return Fix("Write the missing standard workflows", "unsafe", tuple(writes))

        return None


class GHA002(Actions):
    """Actions are pinned to commit SHAs

    ## What it does
    Checks that every `uses:` of a step or of a reusable workflow job is
    pinned to a full 40-character commit SHA, with the version it stands for
    in a comment on the same line. Local `./` actions and `docker://` images
    are exempt.

    ## Why
    A tag or a branch can be moved to other code after review, and the
    workflows hold the publishing token of the project. The comment tells
    reviewers which release the SHA is and lets `gha-update` (the
    `update-actions` tox env) refresh it.

    ## Example
    ```yaml
          - uses: actions/checkout@v6
    ```

    Use instead:
    `- uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2`.

    ## Fix
    Pin each action the template pins (in `includes/pins.yaml`) to the
    template's SHA and `# <tag>`, editing only the `uses:` line. An action
    the template does not pin is left to `tox run -e update-actions`
    (`gha-update`). Unsafe: it changes the actions' versions.
    """

    weight = 5
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found: list[Fail] = []

        for path, data in repo.workflows.items():
            jobs = wf.jobs(data).values()
            refs = {job.get("uses") for job in jobs}
            refs |= {step.get("uses") for job in jobs for step in wf.steps(job)}

            for number, text in enumerate((repo.text(path) or "").splitlines(), 1):
                match = wf.USES.match(text)

                if match is None or match["ref"] not in refs:
                    continue

                ref = match["ref"]

                if ref.startswith(("./", "docker://")):
                    continue

                column = match.start("ref") + 1

                if not wf.pinned(ref):
                    message = f"{ref} is not pinned to a commit SHA"
                    found.append(Fail(message, path, number, column))
                elif not wf.has_version_comment(match["rest"]):
                    message = f"{ref} has no version comment"
                    found.append(Fail(message, path, number, column))

        return _or_missing(repo, found)

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        pins = _pins()
        edits: list[Edit] = []

        for path, data in repo.workflows.items():
            jobs = wf.jobs(data).values()
            refs = {job.get("uses") for job in jobs}
            refs |= {step.get("uses") for job in jobs for step in wf.steps(job)}

            for line in (repo.text(path) or "").splitlines():
                match = wf.USES.match(line)

                if match is None or match["ref"] not in refs:
                    continue

                action, _, _ = match["ref"].partition("@")
                pin = pins.get(action)
                pinned = wf.pinned(match["ref"]) and wf.has_version_comment(
                    match["rest"]
                )

                if pinned or not isinstance(pin, dict):
                    continue

                quote = match["quote"]
                new = (
                    f"{match['key']}{quote}{action}@{pin['sha']}{quote} # {pin['tag']}"
                )
                edits.append(TextReplace(path, f"\n{line}", f"\n{new}"))

        if not edits:
            return None

        return Fix(
            "Pin the actions to the standard commit SHAs", "unsafe", tuple(edits)
        )


class GHA003(Actions):
    """Permissions are empty by default and granted per job

    ## What it does
    Checks that every workflow sets `permissions: {}` at the top, and that a
    job is granted only read access or one of the write permissions the
    template's same workflow grants: `contents: write` to create the
    release, `id-token: write` to publish to PyPI, and `issues`,
    `pull-requests` and `discussions: write` to lock old threads. A
    workflow the template does not have may grant any of those.

    ## Why
    Without a `permissions` key, the `GITHUB_TOKEN` gets the repository's
    default permissions, often write access to everything. If a step is
    compromised, it can only do what its own job was granted.

    ## Example
    ```yaml
    permissions:
      contents: write
      id-token: write
    jobs:
      ...
    ```

    Use instead: `permissions: {}` at the top, and `permissions:` with the
    one write scope on the job that needs it.

    ## Fix
    Give each job without `permissions` the workflow's, and set the
    workflow's to `permissions: {}`, which keeps what each job may do. In a
    workflow of the template, a job granted more than the template grants
    it gets the template's permissions. Unsafe: a job that needed a removed
    permission fails until it is granted again. A job of another workflow
    that is granted too much is left to review.
    """

    weight = 5
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found: list[Fail] = []
        standard = {
            name: _writes(std.yaml(name))
            for name in std.files()
            if name.startswith(WORKFLOWS)
        }
        anywhere = set().union(*standard.values())

        for path, data in repo.workflows.items():
            top = repo.line_of(path, r"^permissions:")

            if "permissions" not in data:
                found.append(Fail("no top-level permissions", path))
            elif data["permissions"] != {}:
                found.append(
                    Fail(
                        f"top-level permissions {_show(data['permissions'])}",
                        path,
                        top,
                    )
                )

            allowed = standard.get(path, anywhere)

            for job_id, job in wf.jobs(data).items():
                value = job.get("permissions", {})
                granted = _grants(value)

                if granted is None:
                    found.append(
                        Fail(
                            f"job {job_id} has permissions {_show(value)}",
                            path,
                            wf.job_line(repo, path, job_id),
                        )
                    )
                    continue

                found.extend(
                    Fail(
                        f"job {job_id} is granted {scope}: write",
                        path,
                        wf.line_after(
                            repo,
                            path,
                            wf.job_line(repo, path, job_id),
                            rf"^\s+{re.escape(scope)}:\s*write",
                        ),
                    )
                    for scope in sorted(granted - allowed)
                )

        return _or_missing(repo, found)

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        standard = {
            name: _writes(std.yaml(name))
            for name in std.files()
            if name.startswith(WORKFLOWS)
        }
        anywhere = set().union(*standard.values())
        edits: list[Edit] = []

        for path, data in repo.workflows.items():
            top = data.get("permissions", _MISSING)
            moved = {} if top in (_MISSING, None) else top
            expected = wf.jobs(std.yaml(path)) if path in standard else {}
            reset = []

            for job_id, job in wf.jobs(data).items():
                granted = _grants(job.get("permissions", moved))

                if granted is None or granted - standard.get(path, anywhere):
                    if job_id in expected:
                        reset.append((job_id, job_id))

            if top != {} or reset:
                edits.append(_ScopePermissions(path, tuple(reset)))

        if not edits:
            return None

        return Fix(
            "Set permissions: {} on workflows and grant permissions per job",
            "unsafe",
            tuple(edits),
        )


def _grants(value: t.Any) -> set[str] | None:
    """The scopes a ``permissions:`` value grants write access to, or
    ``None`` for ``write-all`` and values that are not understood.
    """
    if value == "read-all":
        return set()

    if not isinstance(value, dict):
        return None

    return {str(scope) for scope, level in value.items() if level == "write"}


def _writes(data: t.Any) -> set[str]:
    """Every scope that a workflow grants write access to, in any job."""
    return {
        scope
        for job in wf.jobs(data).values()
        for scope in _grants(job.get("permissions", {})) or ()
    }


class GHA004(Actions):
    """Checkouts do not keep credentials

    ## What it does
    Checks that every `actions/checkout` step sets
    `persist-credentials: false`.

    ## Why
    By default, checkout writes the job's token into `.git/config`, where
    every later step, and anything uploaded as an artifact from the
    workspace, can read it. No Pallets workflow pushes from CI.

    ## Example
    ```yaml
          - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2
    ```

    Use instead: the same step with `with: {persist-credentials: false}`.

    ## Fix
    Set `persist-credentials: false` in the `with:` of each checkout. Safe:
    no Pallets workflow pushes.
    """

    weight = 5
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found: list[Fail] = []

        for path, data in repo.workflows.items():
            for job_id, job in wf.jobs(data).items():
                for step in wf.steps(job):
                    if wf.action(step) != "actions/checkout":
                        continue

                    if wf.inputs(step).get("persist-credentials") not in (
                        False,
                        "false",
                    ):
                        found.append(
                            Fail(
                                f"a checkout in job {job_id} keeps credentials",
                                path,
                                wf.line_after(
                                    repo,
                                    path,
                                    wf.job_line(repo, path, job_id),
                                    r"uses:\s*['\"]?actions/checkout@",
                                ),
                            )
                        )

        return _or_missing(repo, found)

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        edits = [
            YamlSet(
                path,
                ("jobs", job_id, "steps", index, "with", "persist-credentials"),
                False,
            )
            for path, data in repo.workflows.items()
            for job_id, job in wf.jobs(data).items()
            for index, step in wf.indexed_steps(job)
            if wf.action(step) == "actions/checkout"
            and wf.inputs(step).get("persist-credentials") not in (False, "false")
        ]
        return _fix("Add persist-credentials: false to checkouts", "safe", edits)


class GHA005(Actions):
    """No untrusted expressions in run scripts

    ## What it does
    Checks that no `run:` script, and no `script:` of
    `actions/github-script`, has a `${{ }}` expression that reads a value
    an attacker may shape, as zizmor's `template-injection` audit rates
    them: High for `github.ref_name`, `github.head_ref`, `github.ref` and
    the other `github` values except the fixed ones (`github.sha`,
    `github.repository`, `github.run_id`...) and the ids, numbers and flags
    of `github.event`, and for `inputs` of type `string`; Medium for
    `matrix` values that are not written in the workflow; Low for `inputs`
    of unknown type and `env` values set at run time; Informational for
    the outputs of `steps` and `needs`, and other contexts. Matrix values
    written in the workflow, `secrets`, `runner`, step outcomes and job
    results are not flagged. Each place is reported.

    ## Why
    GitHub pastes an expression's value into the script before the shell
    reads it, so a branch name, a pull request title or an output with
    `$(...)` in it runs as a command (script injection). An environment
    variable is passed as data and quoted by the shell.

    ## Example
    ```yaml
          - run: uv run --locked tox run -e ${{ matrix.tox }}
    ```

    Use instead:
    ```yaml
          - run: uv run --locked --no-default-groups --group dev tox run
            env:
              TOX_ENV: ${{ matrix.tox }}
    ```

    ## Fix
    Move a `tox -e ${{ matrix... }}` env to the step's `TOX_ENV`, as the
    template does, and read `github.repository`, `github.ref_name`,
    `github.head_ref` and the other values GitHub also sets as default
    environment variables from those, in bash scripts: Safe. Other
    expressions move to a variable of the step's `env:`, which changes how
    the shell splits the value: Display only.
    """

    weight = 4
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found: list[Fail] = []

        for path, data in repo.workflows.items():
            lines = (repo.text(path) or "").splitlines()

            for job in wf.jobs(data).values():
                for step in wf.steps(job):
                    script = _script(step)

                    for _, expression, inner in _expressions(script):
                        rated = _untrusted(inner, data, job, step)

                        if rated is None:
                            continue

                        context, severity = rated
                        line, column = _position(lines, expression)
                        found.append(
                            Fail(
                                f"script expands {context} ({severity}): {expression}",
                                path,
                                line,
                                column,
                            )
                        )

        return _or_missing(repo, list(dict.fromkeys(found)))

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        known: list[Edit] = []
        other: list[Edit] = []

        for path, data in repo.workflows.items():
            found = _script_edits(path, data)
            known += found[0]
            other += found[1]

        if known:
            return Fix(
                "Pass the values to run scripts as environment variables",
                "safe",
                tuple(known),
            )

        if other:
            return Fix(
                "Move the expressions in run scripts to environment variables",
                "display",
                tuple(other),
            )

        return None


class GHA006(Actions):
    """Workflows cancel superseded runs

    ## What it does
    Checks that each workflow the template sets `concurrency` with
    `cancel-in-progress: true` on (tests, pre-commit, zizmor, publish and
    lock) does the same, where the repository has it.

    ## Why
    A new push to a pull request makes the runs of the previous one
    useless. Cancelling them frees the runners and keeps two runs of the
    same workflow from racing each other.

    ## Example
    A `tests.yaml` without a `concurrency` key.

    Use instead: the template's `concurrency` block, whose group is the
    workflow and the pull request or ref, with `cancel-in-progress: true`.

    ## Fix
    Set `cancel-in-progress: true`, or add the template's `concurrency`
    block where there is none. Safe.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        names = [
            found
            for name in std.files()
            if name.startswith(WORKFLOWS) and _cancels(std.yaml(name))
            for found in [played(repo, name)]
            if found is not None
        ]

        found = [
            Fail(
                "no concurrency with cancel-in-progress: true",
                name,
                repo.line_of(name, r"^concurrency:"),
            )
            for name in names
            if not _cancels(repo.workflows[name])
        ]
        return _or_missing(repo, found)

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        edits: list[Edit] = []

        for name in std.files():
            data = repo.workflows.get(name)

            if data is None or _cancels(data) or not _cancels(std.yaml(name)):
                continue

            if isinstance(data.get("concurrency"), dict):
                edits.append(YamlSet(name, ("concurrency", "cancel-in-progress"), True))
            else:
                edits.append(
                    _SetFromTemplate(
                        name, ("concurrency",), after=("permissions", "on")
                    )
                )

        return _fix("Cancel superseded workflow runs", "safe", edits)


def _script(step: dict[str, t.Any]) -> str:
    """The code a step runs: its ``run:``, or the ``script:`` of
    ``actions/github-script``.
    """
    if isinstance(step.get("run"), str):
        return str(step["run"])

    if wf.action(step) == "actions/github-script":
        script = wf.inputs(step).get("script")
        return script if isinstance(script, str) else ""

    return ""


def _position(lines: list[str], text: str) -> tuple[int | None, int | None]:
    """The first line and column, from 1, where a text is written."""
    for number, line in enumerate(lines, 1):
        if text in line and not line.lstrip().startswith("#"):
            return number, line.index(text) + 1

    return None, None


def _static(value: t.Any) -> bool:
    """Whether a value is written out, with no expression in it."""
    if isinstance(value, dict):
        return all(_static(v) for v in value.values())

    if isinstance(value, list):
        return all(_static(v) for v in value)

    return "${{" not in str(value)


def _matrix_static(job: dict[str, t.Any], key: str) -> bool | None:
    """Whether a ``matrix`` value is written in the workflow; ``None`` when
    the job has no matrix.
    """
    strategy = job.get("strategy")
    matrix = strategy.get("matrix") if isinstance(strategy, dict) else None

    if matrix is None:
        return None

    if not isinstance(matrix, dict):
        return False

    if not key:
        return _static(matrix)

    values = [matrix.get(key)]

    for extra in ("include", "exclude"):
        rows = matrix.get(extra)
        values += (
            [r.get(key) for r in rows if isinstance(r, dict)]
            if isinstance(rows, list)
            else [rows]
        )

    return _static(values)


def _env_static(data: t.Any, job: dict[str, t.Any], step: t.Any, name: str) -> bool:
    for scope in (step, job, data):
        env = scope.get("env") if isinstance(scope, dict) else None

        if isinstance(env, dict) and name in env:
            return _static(env[name])

    return False


def _input_type(data: t.Any, name: str) -> str | None:
    on = _triggers(data)

    if not isinstance(on, dict):
        return None

    for event in ("workflow_dispatch", "workflow_call"):
        spec = on.get(event)
        inputs = spec.get("inputs") if isinstance(spec, dict) else None
        value = inputs.get(name) if isinstance(inputs, dict) else None

        if isinstance(value, dict):
            return str(value.get("type", "string"))

    return None


def _untrusted(
    expression: str, data: t.Any, job: dict[str, t.Any], step: t.Any
) -> tuple[str, str] | None:
    """The first context of an expression that an attacker may shape, with
    the severity zizmor's template-injection audit gives it, or ``None``.
    """
    for match in _CONTEXT.finditer(_LITERAL.sub("''", expression)):
        head, tail = match["head"], match["tail"]
        context = head + tail
        keys = [k for k in re.split(r"\.|\[\*\]", tail) if k]
        severity: str | None = None

        if head == "github":
            if context in _FIXED or not keys:
                continue

            if keys[0] == "event" and keys[-1] in _FIXED_EVENT_KEYS:
                continue

            severity = "high"
        elif head == "inputs":
            kind = _input_type(data, keys[0]) if keys else None

            if kind in _FIXED_INPUTS:
                continue

            severity = "high" if kind == "string" else "low"
        elif head == "matrix":
            if _matrix_static(job, keys[0] if keys else "") is not False:
                continue

            severity = "medium"
        elif head == "env":
            if keys and _env_static(data, job, step, keys[0]):
                continue

            severity = "low"
        elif head in ("steps", "needs"):
            if keys[-1:] in (["outcome"], ["conclusion"], ["result"]):
                continue

            severity = "informational"
        elif head in ("secrets", "runner", "true", "false", "null"):
            continue
        elif head in ("vars", "job", "jobs", "strategy"):
            severity = "informational"
        else:
            continue

        return context, severity

    return None


def _or_missing(repo: Repo, found: list[Fail]) -> Outcome:
    """What a rule that reads every workflow found, or, when it found
    nothing, a skip that counts as failing if a workflow of the template's
    is missing: removing a workflow never makes such a rule pass.
    """
    if found:
        return found

    reason = missing_reason(repo)
    return Skip(reason) if reason else None


def _cancels(data: t.Any) -> bool:
    concurrency = data.get("concurrency") if isinstance(data, dict) else None
    return (
        isinstance(concurrency, dict) and concurrency.get("cancel-in-progress") is True
    )


class GHA007(Actions):
    """zizmor scans the workflows

    ## What it does
    Checks `zizmor.yaml` against the template's: the same triggers with the
    `**/*.yaml?` paths filter, and the `zizmorcore/zizmor-action` step with
    `advanced-security: false` and `annotations: true`.

    ## Why
    zizmor finds the workflow mistakes that the other GHA rules describe,
    and new ones, on every change to a workflow. Without Advanced Security
    it reports findings as annotations on the pull request.

    ## Example
    ```yaml
        - uses: zizmorcore/zizmor-action@<sha> # v0.6.0
    ```

    Use instead: the same step with
    `with: {advanced-security: false, annotations: true}`.

    ## Fix
    Set the template's triggers and the zizmor step's `with:` values, or add
    the template's steps that are missing, keeping the project's other
    events, steps and inputs. Safe.
    """

    weight = 3
    fixable = True

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return ZIZMOR in std.files()

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        zizmor = played(repo, ZIZMOR)

        if zizmor is None:
            return Skip("no workflow runs zizmor; GHA001 reports it")

        return [
            f
            for f in (
                _compare_triggers(repo, zizmor, ZIZMOR),
                _compare_steps(repo, zizmor, ZIZMOR),
            )
            if f
        ]

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if played(repo, ZIZMOR) != ZIZMOR:
            return None  # the template edits only its own workflow

        edits = _sync(repo, ZIZMOR)
        return _fix("Set the standard zizmor triggers and steps", "safe", edits)


class GHA008(Actions):
    """No Dependabot or Renovate

    ## What it does
    Checks that there is no Dependabot config (`.github/dependabot.yml`) and
    no Renovate config (`renovate.json`, `.renovaterc`, ...).

    ## Why
    Pallets refreshes action pins, hook pins and `uv.lock` together with
    `tox run -m update`, in one reviewed pull request. A bot opens one pull
    request per dependency, in a form the `# frozen:` and `# vX` comments
    are not kept in.

    ## Example
    `.github/dependabot.yml` with a `github-actions` ecosystem.

    Use instead: the `update-actions`, `update-pre_commit` and
    `update-requirements` tox envs.

    ## Fix
    Delete the files. Unsafe: it deletes files.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        return [Fail(f"update bot config {n}", n) for n in _BOTS if repo.is_file(n)]

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        edits = tuple(DeleteFile(name) for name in _BOTS if repo.is_file(name))
        return _fix("Delete the Dependabot and Renovate configs", "unsafe", edits)


class GHA009(Actions):
    """Tests run on pull requests and on pushes to main and stable

    ## What it does
    Checks the triggers of `tests.yaml` against the template's:
    `pull_request`, and `push` to the branches `[main, stable]`, both
    ignoring changes to `docs/**` and `README.md` only.

    ## Why
    Pallets develops on `main` and keeps the current release line on
    `stable`; `*.x` branches and `master` are gone. Without branch filters,
    a branch pushed to the repository runs twice, once for the push and
    once for its pull request; without the paths filter, a docs typo runs
    the whole matrix.

    ## Example
    ```yaml
    on: [push, pull_request]
    ```

    Use instead:
    ```yaml
    on:
      pull_request:
        paths-ignore: ['docs/**', 'README.md']
      push:
        branches: [main, stable]
        paths-ignore: ['docs/**', 'README.md']
    ```

    ## Fix
    Set each event of the template's `on:` block, keeping the project's
    other events. Unsafe: it changes which branches CI runs on, and it is
    not applied where it would stop a trigger the project has.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        tests = workflow_for(repo, "tests", TESTS) or TESTS

        if tests not in repo.workflows:
            return Skip(f"no {tests}")

        return _compare_triggers(repo, tests, TESTS)

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if workflow_for(repo, "tests", TESTS) not in (TESTS, None):
            return None  # the template edits only its own workflow

        # Which branches and events CI runs on is behaviour: unsafe.
        return Fix("Set the standard tests triggers", "unsafe", (_SetTriggers(TESTS),))


class GHA010(Actions):
    """Tests and type checks run through tox with uv

    ## What it does
    Checks that each job of the template's `tests.yaml` is there (by its
    id, or by the command it runs) with the same actions and commands: the
    `tests` job sets up uv and Python and runs
    `uv run --locked --no-default-groups --group dev tox run` with the env
    from `TOX_ENV`, and the `typing` job runs `tox run -e typing` with a
    mypy cache. setup-python must get the matrix's `python`. The tests
    workflow is the one that runs the tests, whatever its name.

    ## Why
    CI then runs exactly what a contributor runs locally, from the locked
    versions in `uv.lock`, and a stale lock fails the run. `TOX_ENV` keeps
    the matrix value out of the script (see GHA005).

    ## Example
    ```yaml
          - run: pip install tox && tox run -e py${{ matrix.python }}
    ```

    Use instead:
    ```yaml
          - run: uv run --locked --no-default-groups --group dev tox run
            env:
              TOX_ENV: ${{ matrix.tox || format('py{0}', matrix.python) }}
    ```

    ## Fix
    Add the template's missing jobs: Unsafe, a new job (such as strict
    type checks) can turn CI red. Replace a job that differs with
    the template's, keeping its matrix, the keys the template's job does not
    set, and the steps that use other actions: Unsafe, the job's own
    commands are lost.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        tests = workflow_for(repo, "tests", TESTS) or TESTS

        if tests not in repo.workflows:
            return Skip(f"no {tests}")

        return [failed for _, _, failed in _tests_jobs(repo) if failed]

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if workflow_for(repo, "tests", TESTS) not in (TESTS, None):
            return None  # the template edits only its own workflow

        edits: list[Edit] = []
        replaced = False

        for source, job_id, failed in _tests_jobs(repo):
            if failed is None:
                continue

            if job_id is None:
                edits.append(_SetFromTemplate(TESTS, ("jobs", source)))
            else:
                edits.append(_TemplateJob(TESTS, job_id, source, ("strategy",)))
                replaced = True

        if replaced:
            return Fix(
                "Replace the tests jobs with the standard ones", "unsafe", tuple(edits)
            )

        return _fix("Add the standard tests jobs", "unsafe", edits)


def _tests_jobs(repo: Repo) -> list[tuple[str, str | None, Fail | None]]:
    """Each job of the template's tests workflow: its id, the id of the
    project's job that matches it (by id, or by a command it runs), and how
    that job differs.
    """
    tests = workflow_for(repo, "tests", TESTS) or TESTS
    jobs = wf.jobs(repo.workflows[tests])
    result: list[tuple[str, str | None, Fail | None]] = []

    for source, expected in wf.jobs(standard_for(repo).yaml(TESTS)).items():
        commands = _runs(wf.steps(expected))
        job_id = source if source in jobs else None
        job_id = job_id or next(
            (i for i, j in jobs.items() if set(commands) & set(_runs(wf.steps(j)))),
            None,
        )

        if job_id is None:
            result.append((source, None, Fail(f"no {source} job", tests)))
            continue

        failed = _job_failure(repo, source, expected, jobs[job_id])

        if failed is not None and failed.line is None:
            # What a job lacks is pointed at the job.
            line = repo.line_of(tests, rf"^  ['\"]?{re.escape(job_id)}['\"]?:")
            failed = dataclasses.replace(failed, line=line)

        result.append((source, job_id, failed))

    return result


def _gives(given: t.Any, value: t.Any) -> bool:
    """Whether an action input gives the value: as it is, or as the last
    line of a list of lines, which setup-python makes the default of the
    versions it installs.
    """
    if given == value:
        return True

    lines = str(given).strip().splitlines() if isinstance(given, str) else []
    return bool(lines) and lines[-1].strip() == value


def _job_failure(
    repo: Repo, job_id: str, expected: dict[str, t.Any], job: dict[str, t.Any]
) -> Fail | None:
    """How a job differs from the template's: an action it does not use or
    does not give the matrix value the template gives it, a command it does
    not run, or an ``env:`` variable a command lacks.
    """
    tests = workflow_for(repo, "tests", TESTS) or TESTS
    steps = wf.steps(job)
    actions = {wf.action(s) for s in steps}

    for step in wf.steps(expected):
        action = wf.action(step)

        if action is not None and action not in actions:
            return Fail(f"job {job_id} does not use {action}", tests)

        for key, value in wf.inputs(step).items():
            # A matrix value the template passes to an action, such as the
            # Python setup-python installs, must reach it.
            if "matrix." in str(value) and not any(
                wf.action(s) == action and _gives(wf.inputs(s).get(key), value)
                for s in steps
            ):
                return Fail(
                    f"job {job_id}: {action} does not get {key}: {value}",
                    tests,
                    repo.line_of(tests, rf"uses:\s*['\"]?{re.escape(str(action))}@"),
                )

        for command in _lines(step.get("run")):
            found = [s for s in steps if command in _lines(s.get("run"))]

            if not found:
                return Fail(f"job {job_id} does not run {command!r}", tests)

            env = step.get("env") or {}
            missing = [k for k in env if k not in (found[0].get("env") or {})]

            if missing:
                return Fail(
                    f"job {job_id} runs {command!r} without {missing[0]}",
                    tests,
                    repo.line_of(tests, re.escape(command)),
                )

    return None


class GHA011(Actions):
    """The tests matrix runs every tox test env

    ## What it does
    Checks that the tests matrix and the tox `env_list` match both ways:
    every test env of `env_list` (`py3.X`, `py3.Xt`, `pypy3.X`, `tests-min`,
    `tests-dev`) has a matrix row, and every row runs an env of `env_list`.
    A row runs its `tox` value, or `py` and its `python` value. Rows for
    Windows and Mac repeat a version and are fine.

    ## Why
    `tox run` locally and CI should test the same set of Pythons. An env
    missing from the matrix is never tested in CI; a row missing from
    `env_list` is never tested locally.

    ## Example
    `env_list = ["py3.14", "py3.13", "py3.12", ...]` with no
    `{python: '3.12'}` row.

    Use instead: one row per test env, `{name: PyPy, python: 'pypy-3.11',
    tox: pypy3.11}` for envs whose name is not `py` and the version.

    ## Fix
    Add a matrix row for each test env of `env_list` that has none (the
    template's row for it where it has one), and remove the rows that run
    an env `env_list` does not have. A workflow without a matrix gets the
    template's `strategy` on its tests job. Unsafe: new rows run the tests
    where they never ran, and the project's own rows are never removed.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        tests = workflow_for(repo, "tests", TESTS) or TESTS

        env_list = repo.tool("tox", "env_list")

        if not isinstance(env_list, list):
            return Skip("no [tool.tox] env_list")

        if tests not in repo.workflows:
            return Skip(f"no {tests}")

        rows = _matrix_rows(repo.workflows[tests])

        if rows is None:
            return Fail("the tests workflow has no matrix", tests)

        matrix = {_row_env(row) for row in rows} - {None}
        envs = [str(e) for e in env_list]
        missing = [e for e in envs if _TEST_ENV.fullmatch(e) and e not in matrix]
        extra = sorted(str(e) for e in matrix if e not in envs)
        line = repo.line_of(tests, r"^\s+matrix:")

        found = []

        if missing:
            found.append(f"no matrix row runs {', '.join(missing)}")

        if extra:
            found.append(f"matrix runs {', '.join(extra)}, not in env_list")

        return Fail("; ".join(found), tests, line) if found else None

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if workflow_for(repo, "tests", TESTS) not in (TESTS, None):
            return None  # the template edits only its own workflow

        env_list = [str(e) for e in repo.tool("tox", "env_list")]
        data = repo.workflows[TESTS]
        job_id = next(
            (
                i
                for i, j in wf.jobs(data).items()
                if _matrix_rows({"jobs": {i: j}}) is not None
            ),
            None,
        )

        if job_id is None:
            source = next(
                (
                    i
                    for i, j in wf.jobs(std.yaml(TESTS)).items()
                    if "strategy" in j and i in wf.jobs(data)
                ),
                None,
            )

            if source is None:
                return None

            strategy = _SetFromTemplate(TESTS, ("jobs", source, "strategy"))
            return Fix("Add the standard tests matrix", "unsafe", (strategy,))

        standard = std.toml("pyproject.toml").get("tool", {})
        known = standard.get("tox", {}).get("env_list", [])
        matrix = {_row_env(row) for row in _matrix_rows(data) or []} - {None}
        add = [e for e in env_list if _TEST_ENV.fullmatch(e) and e not in matrix]
        extra = sorted(str(e) for e in matrix if e not in env_list)
        envs = tuple(e for e in extra if e in known)
        remove = tuple(e for e in extra if e not in known)
        edits: list[Edit] = [_MatrixRows(TESTS, job_id, tuple(add), remove)]

        if envs:
            edits.append(_AddEnvs("pyproject.toml", envs))

        if remove:
            return Fix("Match the tests matrix to env_list", "unsafe", tuple(edits))

        return Fix("Add the missing tests matrix rows and envs", "unsafe", tuple(edits))


@dataclasses.dataclass(frozen=True)
class _AddEnvs(Edit):
    """Add envs of the template's tox ``env_list`` to the project's, each
    after the envs that come before it in the template's.
    """

    path: str
    envs: tuple[str, ...]

    def apply(self, text: str | None, repo: Repo) -> str | None:
        import tomlkit

        expected = [
            str(e)
            for e in standard_for(repo)
            .toml(self.path)
            .get("tool", {})
            .get("tox", {})
            .get("env_list", [])
        ]

        def change(source: str) -> str:
            doc = tomlkit.parse(source)
            found: t.Any = doc.get("tool", {}).get("tox", {}).get("env_list")

            if not isinstance(found, list):
                raise FixConflict(f"{self.path} has no [tool.tox] env_list")

            for env in self.envs:
                names = [str(e) for e in found]

                if env in names:
                    continue

                before = expected[: expected.index(env)] if env in expected else []
                found.insert(
                    max((i + 1 for i, e in enumerate(names) if e in before), default=0),
                    env,
                )

            return tomlkit.dumps(doc)

        return keep_newlines(text or "", change)


def _matrix_rows(data: t.Any) -> list[dict[str, t.Any]] | None:
    """The rows of the first job with a matrix: its ``include`` entries and
    the values of a ``python`` list.
    """
    for job in wf.jobs(data).values():
        strategy = job.get("strategy")
        matrix = strategy.get("matrix") if isinstance(strategy, dict) else None

        if not isinstance(matrix, dict):
            continue

        include = matrix.get("include")
        rows = [r for r in include if isinstance(r, dict)] if include else []
        python = matrix.get("python")

        if isinstance(python, list):
            rows += [{"python": value} for value in python]

        return rows

    return None


def _row_env(row: dict[str, t.Any]) -> str | None:
    """The tox env a row runs, as the template's ``TOX_ENV`` picks it."""
    if row.get("tox"):
        return str(row["tox"])

    if "python" in row:
        return f"py{row['python']}"

    return None


class GHA012(Actions):
    """pre-commit runs in CI from the lock

    ## What it does
    Checks that `pre-commit.yaml` runs the template's command,
    `uv run --locked --no-default-groups --group pre-commit pre-commit run
    --show-diff-on-failure --color=always --all-files`, with the
    `actions/cache` step for `~/.cache/pre-commit`, and that no workflow
    uses `pre-commit/action` or `pre-commit-ci/lite-action`.

    ## Why
    The locked `pre-commit` group pins pre-commit itself, so CI and the
    `style` tox env agree. `pre-commit/action` installs an unpinned
    pre-commit, and lite-action pushes fix-up commits with a write token.

    ## Example
    ```yaml
        - uses: pre-commit/action@<sha> # v3.0.1
        - uses: pre-commit-ci/lite-action@<sha> # v1.1.0
    ```

    Use instead: the template's `actions/cache` and `uv run` steps.

    ## Fix
    Remove the `pre-commit/action` and `lite-action` steps, and replace the
    pre-commit job with the template's, keeping the keys and steps it does
    not have (or write the template's workflow when no job can be told).
    Unsafe: the job's own commands are lost.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        pre_commit = workflow_for(repo, "pre-commit", PRE_COMMIT) or PRE_COMMIT
        found: list[Fail] = []

        for path, data in repo.workflows.items():
            seen: dict[str, int] = {}

            for step in wf.all_steps(data):
                action = wf.action(step)

                if action in _PRE_COMMIT_ACTIONS:
                    lines = lines_of(repo, path, rf"uses:\s*['\"]?{action}@")
                    line = nth(lines, seen.setdefault(action, 0))
                    seen[action] += 1
                    found.append(Fail(f"uses {action}", path, line))

        if found:
            return sorted(found, key=lambda f: (f.path or "", f.line or 0))

        if pre_commit not in repo.workflows:
            return Skip(f"no {pre_commit}")

        return _pre_commit_failure(repo)

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if workflow_for(repo, "pre-commit", PRE_COMMIT) not in (PRE_COMMIT, None):
            return None  # the template edits only its own workflow

        edits: list[Edit] = []

        for path, data in repo.workflows.items():
            used = {wf.action(s) for s in wf.all_steps(data)} & set(_PRE_COMMIT_ACTIONS)

            if used:
                edits.append(_RemoveSteps(path, tuple(sorted(str(u) for u in used))))

        if PRE_COMMIT in repo.workflows and _pre_commit_failure(repo):
            jobs = wf.jobs(repo.workflows[PRE_COMMIT])
            source = next(iter(wf.jobs(std.yaml(PRE_COMMIT))), None)
            job_id = next(
                (
                    i
                    for i, j in jobs.items()
                    if i == source
                    or {wf.action(s) for s in wf.steps(j)} & set(_PRE_COMMIT_ACTIONS)
                    or any("pre-commit" in line for line in _runs(wf.steps(j)))
                ),
                next(iter(jobs)) if len(jobs) == 1 else None,
            )

            if source is not None and job_id is not None:
                edits.append(_TemplateJob(PRE_COMMIT, job_id, source))
            else:
                edits = [e for e in edits if e.path != PRE_COMMIT]
                edits.append(WriteFile(PRE_COMMIT))

        return _fix("Run pre-commit from the lock in CI", "unsafe", edits)


def _pre_commit_failure(repo: Repo) -> Fail | None:
    """How ``pre-commit.yaml`` differs from the template's: a command it
    does not run, or a cache it does not keep.
    """
    path = workflow_for(repo, "pre-commit", PRE_COMMIT) or PRE_COMMIT
    steps = wf.all_steps(repo.workflows[path])
    commands = _runs(steps)

    for step in wf.all_steps(standard_for(repo).yaml(PRE_COMMIT)):
        for command in _lines(step.get("run")):
            if command not in commands:
                return Fail(f"does not run {command!r}", path)

        cache = wf.inputs(step).get("path")

        if cache is not None and not any(
            wf.action(s) == wf.action(step) and wf.inputs(s).get("path") == cache
            for s in steps
        ):
            return Fail(f"does not use {wf.action(step)} for {cache}", path)

    return None


class GHA013(Actions):
    """Old closed threads are locked daily

    ## What it does
    Checks the workflow that locks old threads (`lock.yaml` in the
    template, whatever its name) against the template's: the same daily
    cron, `dessant/lock-threads` with 14 inactive days for issues, pull
    requests and discussions, and the job allowed to write to each of them.
    Permissions granted to the whole workflow are GHA003's to report.

    ## Why
    Comments on long-closed issues are rarely about the same bug; locking
    them sends people to open a new issue with a fresh example. A job that
    cannot write to discussions leaves them unlocked.

    ## Example
    ```yaml
    permissions:
      issues: write
      pull-requests: write
    jobs:
      lock:
        steps:
          - uses: dessant/lock-threads@89ae32b08ed1a541efecbab17912962a5e38981c # v6.0.2
            with:
              issue-inactive-days: 30
    ```

    Use instead: the template's `lock.yaml`.

    ## Fix
    Set the template's triggers and `dessant/lock-threads` inputs: Safe.
    When permissions are granted to the whole workflow, or the job's differ
    from the template's, move them to the job and set the job's to the
    template's: Unsafe.
    """

    weight = 1
    fixable = True

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return LOCK in std.files()

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        lock = played(repo, LOCK)

        if lock is None:
            return Skip("no workflow locks old threads; GHA001 reports it")

        steps = _compare_steps(repo, lock, LOCK)
        found = [f for f in (_compare_triggers(repo, lock, LOCK), steps) if f]
        top = repo.workflows[lock].get("permissions")
        jobs = wf.jobs(repo.workflows[lock])

        for job_id, job in wf.jobs(std.yaml(LOCK)).items():
            actions = {wf.action(s) for s in wf.steps(job)} - {None}
            match = next(
                (
                    j
                    for j in jobs.values()
                    if actions <= {wf.action(s) for s in wf.steps(j)}
                ),
                None,
            )

            # A job without the template's actions is the steps' finding.
            if match is None and steps is not None:
                continue

            match = match or {}
            granted = {"permissions": match.get("permissions", top or {})}

            if _writes({"jobs": {job_id: granted}}) != _writes({"jobs": {job_id: job}}):
                found.append(
                    Fail(
                        f"job {job_id} has permissions {_show(granted['permissions'])}",
                        lock,
                        wf.job_line(repo, lock, job_id),
                    )
                )

        return found

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if played(repo, LOCK) != LOCK:
            return None  # the template edits only its own workflow

        edits = _sync(repo, LOCK)
        found = repo.workflows[LOCK]
        top = found.get("permissions")
        moved = {} if top is None else top
        reset = []

        for source, expected in wf.jobs(std.yaml(LOCK)).items():
            actions = {wf.action(s) for s in wf.steps(expected)} - {None}
            job_id = next(
                (
                    i
                    for i, j in wf.jobs(found).items()
                    if actions <= {wf.action(s) for s in wf.steps(j)}
                ),
                None,
            )

            if job_id is None:
                continue

            job = {**wf.jobs(found)[job_id]}
            job.setdefault("permissions", moved)

            if _writes({"jobs": {source: job}}) != _writes(
                {"jobs": {source: expected}}
            ):
                reset.append((job_id, source))

        if top not in ({}, None) or reset:
            edits.append(_ScopePermissions(LOCK, tuple(reset)))
            return Fix(
                "Bring lock.yaml in line with the standard", "unsafe", tuple(edits)
            )

        return _fix("Set the standard lock triggers and inputs", "safe", edits)
