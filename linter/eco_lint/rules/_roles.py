"""Workflows told apart by what they do, whatever their file names.

A workflow that uploads to PyPI publishes, one that runs tox, pytest or nox
tests, one that runs pre-commit checks the hooks, and so on. The rules of a
role read the workflow at the template's path when the repository has it,
else the first other workflow that plays the role.
"""

from __future__ import annotations

import re
import typing as t

from ..facts.ci import PUBLISH_ACTIONS
from ..facts.ci import PUBLISH_COMMANDS
from ._workflows import action_id
from ._workflows import all_steps
from ._workflows import WORKFLOWS

if t.TYPE_CHECKING:
    from ..repo import Repo
    from ..standard import Standard

Role = t.Literal["tests", "publish", "pre-commit", "lock", "zizmor"]

#: What each role is called in findings.
DOES: dict[Role, str] = {
    "tests": "runs the tests",
    "publish": "uploads to PyPI",
    "pre-commit": "runs pre-commit",
    "lock": "locks old threads",
    "zizmor": "runs zizmor",
}

#: Actions and commands that each role is recognised by.
_ACTIONS: dict[Role, tuple[str, ...]] = {
    "tests": (),
    "publish": PUBLISH_ACTIONS,
    "pre-commit": ("pre-commit/action", "pre-commit-ci/lite-action"),
    "lock": ("dessant/lock-threads",),
    "zizmor": ("zizmorcore/zizmor-action", "woodruffw/zizmor-action"),
}
_COMMANDS: dict[Role, re.Pattern[str]] = {
    "tests": re.compile(
        r"^(?!.*\binstall\b)(?=.*\b(?:tox|pytest|nox)\b)"
        r"(?!.*\s-e\s+(?:style|typing|docs)\b)"
    ),
    "publish": PUBLISH_COMMANDS,
    "pre-commit": re.compile(r"\b(?:pre-commit|prek)\s+run\b"),
    "lock": re.compile(r"(?!)"),
    "zizmor": re.compile(r"\bzizmor\b"),
}


def roles_of(data: t.Any) -> set[Role]:
    """The roles a parsed workflow plays."""
    found: set[Role] = set()

    for step in all_steps(data):
        action = action_id(step)
        run = step.get("run") if isinstance(step.get("run"), str) else ""

        for role in DOES:
            if action in _ACTIONS[role] or any(
                _COMMANDS[role].search(line) for line in str(run).splitlines()
            ):
                found.add(role)

    return found


def standard_roles(std: Standard) -> dict[Role, str]:
    """The template's workflow for each role it has, by path."""
    found: dict[Role, str] = {}

    for name in std.files():
        if name.startswith(WORKFLOWS):
            for role in sorted(roles_of(std.yaml(name))):
                found.setdefault(role, name)

    return found


def workflow_for(repo: Repo, role: Role, standard: str) -> str | None:
    """The workflow that plays a role: the template's path when the
    repository has it, else the first workflow that does what it does.
    """
    if standard in repo.workflows:
        return standard

    for name, data in repo.workflows.items():
        if role in roles_of(data):
            return name

    return None


def played(repo: Repo, std: Standard, standard: str) -> str | None:
    """The repository's workflow that does what the template's workflow at
    this path does: the same path, else one that plays its role.
    """
    if standard in repo.workflows:
        return standard

    for role in sorted(roles_of(std.yaml(standard))):
        found = workflow_for(repo, role, standard)

        if found is not None:
            return found

    return None


def missing_roles(repo: Repo, std: Standard) -> list[Role]:
    """The template's roles that no workflow of the repository plays."""
    return [
        role
        for role, name in standard_roles(std).items()
        if workflow_for(repo, role, name) is None
    ]


def missing_reason(repo: Repo, std: Standard) -> str | None:
    """Why a rule that reads every workflow cannot vouch for them: no
    workflow plays one of the template's roles. ``None`` when all are there.
    """
    missing = missing_roles(repo, std)

    if not missing:
        return None

    return f"no workflow {' or '.join(DOES[r] for r in missing)}; GHA001 reports it"
