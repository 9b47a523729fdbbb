"""GHA005: No untrusted expressions in run scripts."""

from __future__ import annotations

import dataclasses
import re
import typing as t

from ...edits import Edit
from ...edits import FixConflict
from ...edits import keep_newlines
from ...edits.yaml import YamlSet
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .. import _workflows as wf
from .._base import Actions
from .._edits import carrying
from ._common import or_missing
from ._expressions import expressions
from ._expressions import position
from ._expressions import script_of
from ._expressions import untrusted

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

            if isinstance(run, str):
                route: wf.Route = ("jobs", job_id, "steps", index, "run")
                found = _step_edits(path, route, run, (data, job, step))
                known += found[0]
                other += found[1]

    return known, other


def _tox_edits(
    path: str, route: wf.Route, run: str, step: dict[str, t.Any]
) -> tuple[list[Edit], set[str]]:
    """The edits that move a ``tox -e ${{ matrix... }}`` env to the step's
    ``TOX_ENV``, and the expression they move.
    """
    env = step.get("env")
    env = env if isinstance(env, dict) else {}
    tox = {
        m["flag"]: m["expr"]
        for m in _TOX_ARGUMENT.finditer(run)
        if "matrix." in m["expr"]
    }
    values = set(tox.values())

    if len(values) == 1 and env.get("TOX_ENV") in (None, *values):
        (value,) = values
        edits: list[Edit] = [_RunReplace(path, route, f, "") for f in tox]
        edits.append(YamlSet(path, (*route[:-1], "env", "TOX_ENV"), value))
        return edits, {value}

    return [], set()


def _step_edits(
    path: str,
    route: wf.Route,
    run: str,
    scopes: tuple[t.Any, dict[str, t.Any], dict[str, t.Any]],
) -> tuple[list[Edit], list[Edit]]:
    """The known and the other edits of one step's script; ``scopes`` are
    the workflow, the job and the step.
    """
    data, job, step = scopes
    known, done = _tox_edits(path, route, run, step)
    other: list[Edit] = []
    bash = _bash(data, job, step)

    for start, expression, inner in expressions(run):
        inner = inner.strip()

        if expression in done:
            continue

        done.add(expression)
        name = _DEFAULT_ENV.get(inner)

        if name and bash and not _quoted(run, start):
            known.append(_RunReplace(path, route, expression, f"${{{name}}}"))
        elif untrusted(inner, data, job, step):
            name = re.sub(r"\W+", "_", inner).strip("_").upper()
            other.append(_RunReplace(path, route, expression, f"${{{name}}}"))
            other.append(YamlSet(path, (*route[:-1], "env", name), expression))

    return known, other


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
                    script = script_of(step)

                    for _, expression, inner in expressions(script):
                        rated = untrusted(inner, data, job, step)

                        if rated is None:
                            continue

                        context, severity = rated
                        line, column = position(lines, expression)
                        found.append(
                            Fail(
                                f"script expands {context} ({severity}): {expression}",
                                path,
                                line,
                                column,
                            )
                        )

        found = list(dict.fromkeys(found))

        if found:
            found = carrying(found, lambda: _fix(repo))

        return or_missing(repo, std, found)


def _fix(repo: Repo) -> Fix | None:
    """The edits of every workflow's scripts: the known ones, safe, else
    the others, display only.
    """
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
