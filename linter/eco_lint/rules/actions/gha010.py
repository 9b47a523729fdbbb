"""GHA010: Tests and type checks run through tox with uv."""

from __future__ import annotations

import dataclasses
import re
import typing as t

from ...edits import Edit
from ...edits import Template
from ...edits.yaml import YamlSet
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .. import _workflows as wf
from .._base import Actions
from .._edits import carrying
from .._facts import workflow_of
from .._roles import workflow_for
from .._workflows import script_lines
from ._common import maybe_fix
from ._common import runs
from ._edits import TemplateJob


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
        template = workflow_of("tests")
        tests = workflow_for(repo, "tests", template) or template

        if tests not in repo.workflows:
            return Skip(f"no {tests}")

        jobs = _tests_jobs(repo, std, tests)
        found = [failed for _, _, failed in jobs if failed]

        if not found or tests != template:
            return found  # the template edits only its own workflow

        return carrying(found, _fix(std, jobs))


def _fix(std: Standard, jobs: list[tuple[str, str | None, Fail | None]]) -> Fix | None:
    """Add the template's jobs that are missing, and replace the ones that
    differ.
    """
    template = workflow_of("tests")
    expected = std.text(template)
    edits: list[Edit] = []
    replaced = False

    for source, job_id, failed in jobs:
        if failed is None:
            continue

        if job_id is None:
            route = ("jobs", source)
            put = YamlSet(template, route, Template(route), expected=expected)
            edits.append(put)
        else:
            keep = ("strategy",)
            edits.append(TemplateJob(template, job_id, source, keep, expected=expected))
            replaced = True

    if replaced:
        return Fix(
            "Replace the tests jobs with the standard ones", "unsafe", tuple(edits)
        )

    return maybe_fix("Add the standard tests jobs", "unsafe", edits)


def _tests_jobs(
    repo: Repo, std: Standard, tests: str
) -> list[tuple[str, str | None, Fail | None]]:
    """Each job of the template's tests workflow: its id, the id of the
    project's job that matches it (by id, or by a command it runs), and how
    that job differs, in the ``tests`` workflow.
    """
    jobs = wf.jobs(repo.workflows[tests])
    result: list[tuple[str, str | None, Fail | None]] = []

    for source, expected in wf.jobs(std.yaml(workflow_of("tests"))).items():
        commands = runs(wf.steps(expected))
        job_id = source if source in jobs else None
        job_id = job_id or next(
            (i for i, j in jobs.items() if set(commands) & set(runs(wf.steps(j)))),
            None,
        )

        if job_id is None:
            result.append((source, None, Fail(f"no {source} job", tests)))
            continue

        failed = _job_failure(repo, tests, source, expected, jobs[job_id])

        if failed is not None and failed.line is None:
            # What a job lacks is pointed at the job.
            line = wf.job_line(repo, tests, job_id)
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
    repo: Repo,
    tests: str,
    job_id: str,
    expected: dict[str, t.Any],
    job: dict[str, t.Any],
) -> Fail | None:
    """How a job differs from the template's: an action it does not use or
    does not give the matrix value the template gives it, a command it does
    not run, or an ``env:`` variable a command lacks.
    """
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

        for command in script_lines(step.get("run")):
            found = [s for s in steps if command in script_lines(s.get("run"))]

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
