"""What several GitHub Actions rules share: the template's workflow paths,
the commands of a script, how values are compared and shown, and the
write permissions a workflow grants."""

from __future__ import annotations

import json
import typing as t

from ...edits import Edit
from ...fix import Applicability
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .. import _workflows as wf
from .._roles import missing_reason
from .._workflows import script_lines
from .._workflows import WORKFLOWS as WORKFLOWS

#: Actions that run pre-commit outside the locked environment, or push
#: commits from CI.
PRE_COMMIT_ACTIONS = ("pre-commit/action", "pre-commit-ci/lite-action")


def runs(steps: list[dict[str, t.Any]]) -> list[str]:
    return [line for step in steps for line in script_lines(step.get("run"))]


def normal(value: t.Any) -> t.Any:
    """A value compared without the order of its lists."""
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items()}

    if isinstance(value, list):
        return sorted((normal(v) for v in value), key=repr)

    return value


def show(value: t.Any) -> str:
    """A parsed YAML value as YAML flow text shows it."""
    return json.dumps(value, ensure_ascii=False)


def triggers(data: t.Any) -> t.Any:
    return data.get("on") if isinstance(data, dict) else None


def maybe_fix(
    title: str, applicability: Applicability, edits: t.Sequence[Edit]
) -> Fix | None:
    return Fix(title, applicability, tuple(edits)) if edits else None


def or_missing(repo: Repo, std: Standard, found: list[Fail]) -> Outcome:
    """What a rule that reads every workflow found, or, when it found
    nothing, a skip that counts as failing if a workflow of the template's
    is missing: removing a workflow never makes such a rule pass.
    """
    if found:
        return found

    reason = missing_reason(repo, std)
    return Skip(reason) if reason else None


def grants(value: t.Any) -> set[str] | None:
    """The scopes a ``permissions:`` value grants write access to, or
    ``None`` for ``write-all`` and values that are not understood.
    """
    if value == "read-all":
        return set()

    if not isinstance(value, dict):
        return None

    return {str(scope) for scope, level in value.items() if level == "write"}


def writes(data: t.Any) -> set[str]:
    """Every scope that a workflow grants write access to, in any job."""
    return {
        scope
        for job in wf.jobs(data).values()
        for scope in grants(job.get("permissions", {})) or ()
    }
