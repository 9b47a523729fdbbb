"""GHA012: pre-commit runs in CI from the lock."""

from __future__ import annotations

from ...edits import Edit
from ...edits.text import WriteFile
from ...edits.workflow import RemoveSteps
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .. import _workflows as wf
from .._base import Actions
from .._base import lines_of
from .._base import nth
from .._edits import carrying
from .._facts import workflow_of
from .._roles import workflow_for
from .._workflows import script_lines
from ._common import maybe_fix
from ._common import PRE_COMMIT_ACTIONS
from ._common import runs
from ._edits import TemplateJob


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
        template = workflow_of("pre-commit")
        pre_commit = workflow_for(repo, "pre-commit", template) or template
        # The template edits only its own workflow.
        ours = pre_commit == template
        found = _action_failures(repo)

        if found:

            def fix() -> Fix | None:
                differs = template in repo.workflows and _pre_commit_failure(
                    repo, std, template
                )
                return _fix(repo, std, bool(differs))

            return carrying(found, fix) if ours else found

        if pre_commit not in repo.workflows:
            return Skip(f"no {pre_commit}")

        differs = _pre_commit_failure(repo, std, pre_commit)

        if differs is None or not ours:
            return differs

        return carrying([differs], lambda: _fix(repo, std, True))


def _action_failures(repo: Repo) -> list[Fail]:
    """The steps that use ``pre-commit/action`` or lite-action, in the
    order they are written.
    """
    found: list[Fail] = []

    for path, data in repo.workflows.items():
        seen: dict[str, int] = {}

        for step in wf.all_steps(data):
            action = wf.action(step)

            if action in PRE_COMMIT_ACTIONS:
                lines = lines_of(repo, path, rf"uses:\s*['\"]?{action}@")
                line = nth(lines, seen.setdefault(action, 0))
                seen[action] += 1
                found.append(Fail(f"uses {action}", path, line))

    return sorted(found, key=lambda f: (f.path or "", f.line or 0))


def _fix(repo: Repo, std: Standard, differs: bool) -> Fix | None:
    """Remove the steps that use the pre-commit actions, and when the
    workflow ``differs`` from the template's, replace its pre-commit job
    with the template's, or write the template's workflow.
    """
    template = workflow_of("pre-commit")
    edits: list[Edit] = []

    for path, data in repo.workflows.items():
        used = {wf.action(s) for s in wf.all_steps(data)} & set(PRE_COMMIT_ACTIONS)

        if used:
            edits += [
                RemoveSteps(path, action) for action in sorted(str(u) for u in used)
            ]

    if differs:
        jobs = wf.jobs(repo.workflows[template])
        source = next(iter(wf.jobs(std.yaml(template))), None)
        job_id = next(
            (
                i
                for i, j in jobs.items()
                if i == source
                or wf.actions_used(j) & set(PRE_COMMIT_ACTIONS)
                or any("pre-commit" in line for line in runs(wf.steps(j)))
            ),
            next(iter(jobs)) if len(jobs) == 1 else None,
        )

        if source is not None and job_id is not None:
            expected = std.text(template)
            edits.append(TemplateJob(template, job_id, source, expected=expected))
        else:
            edits = [e for e in edits if e.path != template]
            edits.append(WriteFile(template))

    return maybe_fix("Run pre-commit from the lock in CI", "unsafe", edits)


def _pre_commit_failure(repo: Repo, std: Standard, path: str) -> Fail | None:
    """How the workflow that runs pre-commit differs from the template's
    ``pre-commit.yaml``: a command it does not run, or a cache it does not
    keep.
    """
    steps = wf.all_steps(repo.workflows[path])
    commands = runs(steps)

    for step in wf.all_steps(std.yaml(workflow_of("pre-commit"))):
        for command in script_lines(step.get("run")):
            if command not in commands:
                return Fail(f"does not run {command!r}", path)

        cache = wf.inputs(step).get("path")

        if cache is not None and not any(
            wf.action(s) == wf.action(step) and wf.inputs(s).get("path") == cache
            for s in steps
        ):
            return Fail(f"does not use {wf.action(step)} for {cache}", path)

    return None
