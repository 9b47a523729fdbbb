"""The CI workflows: jobs, triggers, services, runners, matrix rows, and
which workflows upload to PyPI.
"""

from __future__ import annotations

import dataclasses
import re
import typing as t

from .metadata import strings

if t.TYPE_CHECKING:
    from .tree import Tree


def _workflows(tree: Tree) -> dict[str, dict[str, t.Any]]:
    result = {}

    for name in tree.glob(r"\.github/workflows/[^/]+\.ya?ml"):
        data = tree.yaml(name)

        if isinstance(data, dict):
            result[name] = data

    return result


#: The matrix keys that name a runner.
_RUNNER_KEYS = ("os", "runs-on", "platform")


@dataclasses.dataclass
class _CI:
    """The CI facts, gathered job by job."""

    jobs: set[str] = dataclasses.field(default_factory=set)
    triggers: set[str] = dataclasses.field(default_factory=set)
    services: set[str] = dataclasses.field(default_factory=set)
    runners: set[str] = dataclasses.field(default_factory=set)
    matrix: set[str] = dataclasses.field(default_factory=set)

    def add_triggers(self, on: t.Any) -> None:
        if isinstance(on, str):
            on = {on: None}
        elif isinstance(on, list):
            on = dict.fromkeys(on)

        if isinstance(on, dict):
            for event, config in on.items():
                self.triggers.update(_triggers(str(event), config))

    def add_job(self, job_id: str, job: dict[str, t.Any]) -> None:
        self.jobs.add(job_id)

        for service_id, service in (job.get("services") or {}).items():
            image = (
                service.get("image", service_id)
                if isinstance(service, dict)
                else service
            )
            self.services.add(str(image).split(":")[0])

        runs_on = job.get("runs-on")

        if isinstance(runs_on, str) and "${{" not in runs_on:
            self.runners.add(runs_on.split("-")[0])

        strategy = job.get("strategy")
        found = strategy.get("matrix") if isinstance(strategy, dict) else None

        if isinstance(found, dict):
            self.add_matrix(found)

    def add_matrix(self, matrix: dict[str, t.Any]) -> None:
        for key, values in matrix.items():
            if key == "include" and isinstance(values, list):
                for row in values:
                    if isinstance(row, dict):
                        self.matrix.add(_row(row))
                        self.runners.update(
                            str(row[k]).split("-")[0] for k in _RUNNER_KEYS if k in row
                        )
            elif isinstance(values, list) and key != "exclude":
                self.matrix.update(f"{key}={v}" for v in values)

                if key in _RUNNER_KEYS:
                    self.runners.update(str(v).split("-")[0] for v in values)


def ci_facts(tree: Tree) -> dict[str, frozenset[str]]:
    """The jobs, triggers, services, runners and matrix rows of every
    workflow, as the fields of :class:`~eco_lint.facts.Facts` they fill.
    """
    ci = _CI()

    for data in _workflows(tree).values():
        ci.add_triggers(data.get("on", {}))

        for job_id, job in (data.get("jobs") or {}).items():
            if not isinstance(job, dict):
                continue

            if "slsa-github-generator" in str(job.get("uses", "")):
                continue  # provenance, which attestations replace

            ci.add_job(str(job_id), job)

    return {
        "ci_jobs": frozenset(ci.jobs),
        "ci_triggers": frozenset(ci.triggers),
        "ci_services": frozenset(ci.services),
        "ci_runners": frozenset(ci.runners),
        "ci_matrix": frozenset(ci.matrix),
    }


def _row(row: dict[str, t.Any]) -> str:
    return ", ".join(f"{k}={row[k]}" for k in sorted(row) if k != "name")


def _triggers(event: str, config: t.Any) -> set[str]:
    if event == "schedule" and isinstance(config, list):
        return {
            f"schedule {' '.join(str(c.get('cron')).split())}"
            for c in config
            if isinstance(c, dict)
        }

    if event in ("push", "pull_request", "pull_request_target") and isinstance(
        config, dict
    ):
        found = {
            f"{event} {key} {value}"
            for key in ("branches", "tags")
            for value in strings(config.get(key))
        }

        if found:
            return found

    return {event}


#: What uploads distributions to PyPI: the publishing action, and the
#: commands of the tools that publish. Spelled here once, to recognise a
#: workflow that publishes in any repository, the template's among them.
PUBLISH_ACTIONS = ("pypa/gh-action-pypi-publish",)
PUBLISH_COMMANDS = re.compile(
    r"\btwine\s+upload\b|\b(?:uv|flit|poetry|hatch|pdm)\s+publish\b"
)


def uploads_to_pypi(step: t.Any) -> bool:
    """Whether a workflow step uploads to PyPI."""
    if not isinstance(step, dict):
        return False

    action = str(step.get("uses", "")).partition("@")[0].strip().lower()
    run = step.get("run")
    return action in PUBLISH_ACTIONS or (
        isinstance(run, str)
        and any(PUBLISH_COMMANDS.search(line) for line in run.splitlines())
    )


def publishers(tree: Tree) -> frozenset[str]:
    """Workflows that upload to PyPI, found by what they do."""
    return frozenset(
        name
        for name, data in _workflows(tree).items()
        for job in (data.get("jobs") or {}).values()
        if isinstance(job, dict)
        and any(uploads_to_pypi(step) for step in job.get("steps") or [])
    )
