"""How a rule's failures carry their fix."""

from __future__ import annotations

import dataclasses
import typing as t

from ..registry import Fail

if t.TYPE_CHECKING:
    from ..fix import Fix


def carrying(
    failed: list[Fail], fix: Fix | t.Callable[[], Fix | None] | None
) -> list[Fail]:
    """The failures with a rule-wide fix carried by the first of them: a
    fix, or a function that works it out when fixes are made (for a fix
    that reads what the check does not, see :class:`~eco_lint.registry.Fail`).
    """
    if not failed or fix is None:
        return failed

    return [dataclasses.replace(failed[0], fix=fix), *failed[1:]]
