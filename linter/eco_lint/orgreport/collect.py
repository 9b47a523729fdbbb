"""Check many repositories in parallel, or read the JSON of checks made
elsewhere. Either way each repository ends as the dict that
``eco-lint check --output-format json --patches`` writes for it, so that both give
the same report.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import json
import multiprocessing
import os
import typing as t
from pathlib import Path

from ..errors import EcoLintError

#: The types a score may have in JSON.
Score = (int, float, type(None))

#: Files or folders of which one marks a folder as a repository to check.
_MARKERS = (".git", "pyproject.toml", "setup.py", "setup.cfg")


@dataclasses.dataclass
class Collected:
    """The reports read or made, and a one-line problem per input that gave
    none.
    """

    reports: list[dict[str, t.Any]] = dataclasses.field(default_factory=list)
    problems: list[str] = dataclasses.field(default_factory=list)


def check_path(
    path: str, select: t.Sequence[str] = (), ignore: t.Sequence[str] = ()
) -> dict[str, t.Any]:
    """Check one repository with its patches. Return ``{"report": ...}`` in
    the JSON shape of ``eco-lint check``, or ``{"problem": ...}`` with one
    line saying why it could not be checked.
    """
    from .. import output
    from ..check import run_rules
    from ..registry import collect_rules
    from ..repo import Repo
    from ..settings import load_settings
    from .patches import repo_patches

    folder = Path(path)

    if not folder.is_dir():
        return {"problem": f"{path}: not a directory"}

    if not any((folder / marker).exists() for marker in _MARKERS):
        return {
            "problem": f"{path}: not a repository (no .git, pyproject.toml,"
            " setup.py or setup.cfg)"
        }

    try:
        repo = Repo(path)
        settings = load_settings(repo, select, ignore)
        rules = collect_rules()
        report = run_rules(repo, settings, rules)
        patches = repo_patches(repo.root, settings, rules, report)
    except EcoLintError as e:
        return {"problem": f"{path}: {e.message}"}

    data = json.loads(output.to_json([report], [{"patches": patches}]))
    return {"report": data["reports"][0]}


def check_paths(
    paths: t.Sequence[str],
    select: t.Sequence[str] = (),
    ignore: t.Sequence[str] = (),
    jobs: int | None = None,
    advance: t.Callable[[str], None] | None = None,
) -> Collected:
    """Check repositories in parallel, one process per core.

    :param paths: The repositories' folders.
    :param jobs: How many processes; by default one per core.
    :param advance: Called with each path once it is checked.
    """
    collected = Collected()
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    outcomes: dict[str, dict[str, t.Any]] = {}

    if jobs == 1:
        for path in paths:
            outcomes[path] = check_path(path, select, ignore)

            if advance:
                advance(path)
    else:
        context = multiprocessing.get_context("spawn")

        with concurrent.futures.ProcessPoolExecutor(jobs, mp_context=context) as pool:
            futures = {
                pool.submit(check_path, path, select, ignore): path for path in paths
            }

            for future in concurrent.futures.as_completed(futures):
                path = futures[future]

                try:
                    outcomes[path] = future.result()
                except Exception as e:  # one repository must not end the report
                    outcomes[path] = {"problem": f"{path}: {type(e).__name__}: {e}"}

                if advance:
                    advance(path)

    for path in paths:
        outcome = outcomes[path]

        if "problem" in outcome:
            collected.problems.append(outcome["problem"])
        else:
            collected.reports.append(outcome["report"])

    return collected


def _problem_in(report: t.Any) -> str | None:
    """What makes one report of a JSON file unusable, or ``None``."""
    if not isinstance(report, dict):
        return "a report is not an object"

    problem = _shape_problem(report) or next(
        filter(None, map(_result_problem, report["results"])), None
    )

    if problem is None and not _valid_patches(report.get("patches")):
        return "a report's patches are not valid"

    return problem


#: The type of each key of a report.
_KINDS: dict[str, type | tuple[type, ...]] = {
    "root": str,
    "generation": str,
    "evidence": list,
    "score": Score,
    "families": dict,
    "results": list,
    "errors": dict,
    "waivers": dict,
}


def _shape_problem(report: dict[str, t.Any]) -> str | None:
    """What is wrong with a report's keys, families, evidence, errors and
    waivers, or ``None``.
    """
    for key, kind in _KINDS.items():
        if not isinstance(report.get(key), kind):
            return f"a report has no valid {key!r}"

    if not all(
        isinstance(family, dict) and isinstance(family.get("score"), Score)
        for family in report["families"].values()
    ):
        return "a family has no valid score"

    if not all(
        isinstance(value, str)
        for value in [
            *report["evidence"],
            *report["errors"].values(),
            *report["waivers"].values(),
        ]
    ):
        return "evidence, errors and waivers must be text"

    return None


def _result_problem(result: t.Any) -> str | None:
    """What is wrong with one result of a report, or ``None``."""
    if not isinstance(result, dict) or not all(
        isinstance(result.get(key), str)
        for key in ("code", "family", "status", "title", "message")
    ):
        return "a result has no code, family, status, title or message"

    fix = result.get("fix")

    if fix is not None and not (
        isinstance(fix, dict)
        and isinstance(fix.get("title"), str)
        and isinstance(fix.get("applicability"), str)
    ):
        return f"the fix of {result['code']} is not valid"

    return None


def _valid_patches(patches: t.Any) -> bool:
    """Whether a report's patches, if it has any, are a safe and an unsafe
    patch with their diff, score, files and refused fixes.
    """
    return patches is None or (
        isinstance(patches, dict)
        and all(
            isinstance(patches.get(kind), dict)
            and isinstance(patches[kind].get("diff"), str)
            and isinstance(patches[kind].get("score"), Score)
            and isinstance(patches[kind].get("files"), list)
            and isinstance(patches[kind].get("refused"), list)
            and all(
                isinstance(item, dict)
                and isinstance(item.get("fix"), str)
                and isinstance(item.get("reason"), str)
                for item in patches[kind]["refused"]
            )
            for kind in ("safe", "unsafe")
        )
    )


def read_json(files: t.Sequence[str]) -> Collected:
    """Read the output of ``eco-lint check --output-format json`` from files.
    A file that is not such output, or is of another version, gives one
    problem line and nothing else.
    """
    from ..output import JSON_VERSION

    collected = Collected()

    for name in files:
        try:
            data = json.loads(Path(name).read_text(encoding="utf-8"))
        except OSError as e:
            collected.problems.append(f"{name}: cannot be read: {e.strerror}")
            continue
        except (UnicodeDecodeError, ValueError) as e:
            collected.problems.append(f"{name}: not JSON: {e}")
            continue

        tool = data.get("tool") if isinstance(data, dict) else None

        if not isinstance(tool, dict) or tool.get("name") != "eco-lint":
            collected.problems.append(f"{name}: not a report of eco-lint check")
            continue

        if data.get("version") != JSON_VERSION:
            collected.problems.append(
                f"{name}: JSON version {data.get('version')!r} of eco-lint"
                f" {tool.get('version')}; this eco-lint reads version {JSON_VERSION}"
            )
            continue

        reports = data.get("reports")
        if not isinstance(reports, list):
            problem: str | None = "no list of reports"
            reports = []
        else:
            problem = next(filter(None, map(_problem_in, reports)), None)

        if problem:
            collected.problems.append(
                f"{name}: not a report of eco-lint check: {problem}"
            )
            continue

        collected.reports.extend(reports)

    return collected
