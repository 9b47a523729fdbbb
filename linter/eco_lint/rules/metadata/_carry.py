"""How a META rule's failures carry its fix."""

from __future__ import annotations

import dataclasses
import typing as t

from ...registry import Fail

if t.TYPE_CHECKING:
    from ...fix import Fix


def carrying(failed: list[Fail], work_out: t.Callable[[], Fix | None]) -> list[Fail]:
    """The failures, the first carrying the rule-wide fix as a function that
    works it out when fixes are made: what it reads (the render, the files
    a version or licence is read from) counts for the fix, not the check.
    """
    if not failed:
        return failed

    return [dataclasses.replace(failed[0], fix=work_out), *failed[1:]]
