"""Checking several repositories at once, across the cores, each with its
own settings; and letting go of what one check read before the next.
"""

from __future__ import annotations

import dataclasses
import typing as t

from .check import Report
from .check import Result
from .check import run_rules
from .recorded import Inputs
from .repo import Repo


def check_paths(
    paths: t.Sequence[str],
    select: t.Sequence[str],
    ignore: t.Sequence[str],
    record: bool = True,
) -> list[tuple[Report, Inputs]]:
    """Check several repositories, each with its own settings, in parallel
    across the cores when there are several, and return their reports, with
    what each check read (nothing unless ``record``: a run that keeps no
    result need not hold every read of every repository), in the order of
    the paths. The reports' fixes keep their titles only: they are for
    reading, not applying.
    """
    jobs = min(len(paths), _cores())

    if jobs < 2:
        return [_check_path(path, select, ignore, record) for path in paths]

    import gc
    import multiprocessing

    # Forked workers start with everything this process has imported and
    # cached; a fork with other threads running would not be safe. Frozen
    # objects are left out of the workers' garbage collection, which would
    # otherwise copy every page it touches.
    gc.freeze()
    context = multiprocessing.get_context("fork")
    chunk = max(1, len(paths) // (jobs * 4))
    args = [(path, tuple(select), tuple(ignore), record) for path in paths]

    with context.Pool(jobs) as pool:
        return pool.starmap(_check_path, args, chunksize=chunk)


def _cores() -> int:
    """How many processes can run at once here, or 1 where forking is not
    available or not safe.
    """
    import os
    import sys
    import threading

    if sys.platform != "linux" or threading.active_count() > 1:
        return 1

    return len(os.sched_getaffinity(0))


def forget_reads() -> None:
    """Let go of every file read so far: Repo memoizes its reads in caches
    kept on the class, so a run that goes from one repository to the next
    would otherwise hold the files of all of them.
    """
    for value in vars(Repo).values():
        if hasattr(value, "cache_clear"):
            value.cache_clear()


def _check_path(
    path: str, select: t.Sequence[str], ignore: t.Sequence[str], record: bool
) -> tuple[Report, Inputs]:
    from .settings import load_settings

    repo = Repo(path)
    report = run_rules(repo, load_settings(repo, select, ignore))
    # A worker checks one repository after another.
    forget_reads()

    results = tuple(_for_reading(r) for r in report.results)
    return dataclasses.replace(report, results=results), (
        repo.inputs if record else Inputs()
    )


def _for_reading(result: Result) -> Result:
    """A result as a worker sends it back: its fix with no edits, and its
    failures with no fix (one worked out when fixes are made is a function,
    which cannot be sent).
    """
    fix = result.fix and dataclasses.replace(result.fix, edits=())
    locations = tuple(dataclasses.replace(f, fix=None) for f in result.locations)
    return dataclasses.replace(result, fix=fix, locations=locations)
