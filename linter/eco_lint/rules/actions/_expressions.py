"""The ``${{ }}`` expressions of scripts, and the contexts in them that an
attacker may shape, rated as zizmor's template-injection audit rates them."""

from __future__ import annotations

import re
import typing as t

from .. import _workflows as wf
from ._common import triggers


def expressions(text: str) -> t.Iterator[tuple[int, str, str]]:
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


def script_of(step: dict[str, t.Any]) -> str:
    """The code a step runs: its ``run:``, or the ``script:`` of
    ``actions/github-script``.
    """
    if isinstance(step.get("run"), str):
        return str(step["run"])

    if wf.action(step) == "actions/github-script":
        script = wf.inputs(step).get("script")
        return script if isinstance(script, str) else ""

    return ""


def position(lines: list[str], text: str) -> tuple[int | None, int | None]:
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
    on = triggers(data)

    if not isinstance(on, dict):
        return None

    for event in ("workflow_dispatch", "workflow_call"):
        spec = on.get(event)
        inputs = spec.get("inputs") if isinstance(spec, dict) else None
        value = inputs.get(name) if isinstance(inputs, dict) else None

        if isinstance(value, dict):
            return str(value.get("type", "string"))

    return None


def untrusted(
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
