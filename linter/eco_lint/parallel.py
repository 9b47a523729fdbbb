"""Checking several repositories at once, across the cores, each with its
own settings; and letting go of what one check read before the next.
"""

from __future__ import annotations

import dataclasses
import typing as t

from .check import Report
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

    results = tuple(
        dataclasses.replace(r, fix=dataclasses.replace(r.fix, edits=()))
        if r.fix is not None
        else r
        for r in report.results
    )
    return dataclasses.replace(report, results=results), (
        repo.inputs if record else Inputs()
    )
