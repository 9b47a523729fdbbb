"""Make the whole report from repositories or from JSON files."""

from __future__ import annotations

import dataclasses
import importlib.metadata
import sys
import typing as t
from pathlib import Path

from .build import aggregate
from .build import timestamp
from .build import write_outputs
from .collect import check_paths
from .collect import read_json


@dataclasses.dataclass(frozen=True)
class Made:
    dashboard: Path
    count: int
    problems: tuple[str, ...]


def _progress_bar(total: int, width: int = 30) -> t.Callable[[str], None]:
    """A progress bar on stderr, advanced once per repository checked."""
    done = 0

    def advance(path: str) -> None:
        nonlocal done
        done += 1
        filled = width * done // max(total, 1)
        sys.stderr.write(
            f"\rChecking [{'#' * filled}{'-' * (width - filled)}] {done}/{total}"
        )
        sys.stderr.write("\n" if done == total else "")
        sys.stderr.flush()

    return advance


def make_report(
    inputs: t.Sequence[str],
    folder: str,
    from_json: bool = False,
    select: t.Sequence[str] = (),
    ignore: t.Sequence[str] = (),
    jobs: int | None = None,
) -> Made:
    """Check the repositories (or read the JSON files), then write every
    output into the folder. A progress bar shows on stderr when it is a
    terminal.
    """
    if from_json:
        collected = read_json(inputs)
    else:
        advance = _progress_bar(len(inputs)) if sys.stderr.isatty() else None
        collected = check_paths(inputs, select, ignore, jobs, advance)

    report = aggregate(
        collected.reports,
        collected.problems,
        importlib.metadata.version("eco-lint"),
        timestamp(),
    )
    dashboard = write_outputs(report, folder)
    return Made(dashboard, len(report["repositories"]), tuple(report["problems"]))
