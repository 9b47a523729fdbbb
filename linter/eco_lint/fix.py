"""Fixes: what a rule proposes to change, as data, and the planning that
applies them in memory.

A failing rule's findings carry a :class:`Fix`: a title, an applicability
and a list of edits (see :mod:`eco_lint.edits`). :func:`plan` applies fixes
in memory and keeps only those that keep everything the project owns;
:mod:`eco_lint.transaction` writes the result.
"""

from __future__ import annotations

import dataclasses
import typing as t

from .edits import Edit
from .edits import FixConflict
from .edits.text import MoveFile

if t.TYPE_CHECKING:
    from .facts import Facts
    from .repo import Repo

#: ``safe`` fixes change one key, table, step or file and keep the rest of
#: the file byte for byte; ``unsafe`` fixes rewrite user-owned content,
#: rename or delete files, or migrate a layout; ``display`` fixes are shown
#: by ``--diff`` and never applied, because the intent cannot be known.
Applicability = t.Literal["safe", "unsafe", "display"]


@dataclasses.dataclass(frozen=True)
class Fix:
    """What a rule proposes to change.

    :param title: What the fix does, in the imperative.
    :param applicability: Whether ``--fix`` applies it.
    :param edits: The changes, in order.
    """

    title: str
    applicability: Applicability
    edits: tuple[Edit, ...]


def merged(fixes: t.Sequence[Fix]) -> Fix:
    """One fix for the failures of one rule: the fixes they carry, each
    once, in order, under the first one's title and as safe as the least
    safe of them.
    """
    # Compared, not hashed: edits may hold tables and arrays.
    unique: list[Fix] = []

    for fix in fixes:
        if fix not in unique:
            unique.append(fix)

    if len(unique) == 1:
        return unique[0]

    order: tuple[Applicability, ...] = ("safe", "unsafe", "display")
    least = order[max(order.index(f.applicability) for f in unique)]
    edits = tuple(edit for fix in unique for edit in fix.edits)
    return Fix(unique[0].title, least, edits)


# Planning and writing --------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Change:
    """The old and new text of one file; ``None`` where it does not exist."""

    path: str
    old: str | None
    new: str | None

    def diff(self) -> str:
        import difflib

        old = (self.old or "").splitlines(keepends=True)
        new = (self.new or "").splitlines(keepends=True)
        lines = difflib.unified_diff(
            old,
            new,
            fromfile="/dev/null" if self.old is None else f"a/{self.path}",
            tofile="/dev/null" if self.new is None else f"b/{self.path}",
        )
        return "".join(line if line.endswith("\n") else f"{line}\n" for line in lines)


class Refusal(str):
    """Why a fix was not applied although its edits apply: it would lose
    something the project owns. A ``str``, so that it reads as the reason.
    """


@dataclasses.dataclass(frozen=True)
class Refuse(Edit):
    """A fix that cannot keep everything the project owns: it changes
    nothing and says why, so that the maintainer can do it by hand.
    """

    path: str
    reason: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        raise FixConflict(Refusal(self.reason))


def refusal(title: str, reason: str, path: str = "pyproject.toml") -> Fix:
    """An unsafe fix that is never applied and names what it would lose."""
    return Fix(title, "unsafe", (Refuse(path, reason),))


def plan(
    repo: Repo, fixes: t.Iterable[Fix], before: Facts | None = None
) -> tuple[list[Change], list[tuple[Fix, str]]]:
    """Apply fixes in memory, in order. Return the changed files and the
    fixes that did not apply, with the reason.

    Each fix is kept only if the project's facts after it (its name,
    version, dependencies, shipped files, licence notices, changelog,
    tests, CI, tox envs, ignores: see :mod:`.facts`) keep everything the
    repository has now; a fix that would lose one is refused with a
    :class:`Refusal` that names it, and the others still apply.

    :param before: The facts to keep, by default the repository's own;
        rounds of fixes pass the facts of the repository they started from.
    """
    from .facts import losses
    from .facts import read_facts

    state: dict[str, str | None] = {}
    failed: list[tuple[Fix, str]] = []
    newer = _newer_template(repo)

    for fix in fixes:
        if newer is not None:
            failed.append((fix, Refusal(newer)))
            continue

        trial = _applied(repo, fix, state)

        if isinstance(trial, str):
            failed.append((fix, trial))
            continue

        if before is None:
            before = read_facts(repo)

        lost = losses(before, read_facts(repo, trial))

        if lost:
            failed.append((fix, Refusal("; ".join(map(str, lost)))))
            continue

        state = trial

    changes = [
        Change(path, repo.text(path), new)
        for path, new in state.items()
        if new != repo.text(path) and not (new is None and not repo.exists(path))
    ]
    return changes, failed


def _applied(
    repo: Repo, fix: Fix, state: dict[str, str | None]
) -> dict[str, str | None] | str:
    """The files after one more fix, in memory, or why it does not apply."""
    trial = dict(state)

    try:
        with repo.reading() as files:
            for edit in fix.edits:
                if edit.path in repo.errors and edit.path not in repo.invalid:
                    raise FixConflict(f"{edit.path} {repo.errors[edit.path]}")

                text = trial[edit.path] if edit.path in trial else repo.text(edit.path)
                trial[edit.path] = edit.apply(text, repo)

                if isinstance(edit, MoveFile):
                    trial[edit.target] = text

        # Nothing is rendered from values inferred without a file.
        if not repo.repairs([e.path for e in fix.edits], files):
            for name, reason in repo.unreadable(files).items():
                raise FixConflict(f"{name} {reason}")
    except FixConflict as e:
        # A rule's own refusal reads as the guard's does.
        (reason,) = e.args or ("",)
        return reason if isinstance(reason, Refusal) else str(e)
    except Exception as e:  # noqa: BLE001 -- one broken fix must not stop the rest
        return f"{type(e).__name__}: {str(e)[:200]}"

    return trial


def _newer_template(repo: Repo) -> str | None:
    """Why no fix applies when the project records a newer template
    version than the one this eco-lint carries: its fixes would write the
    older template's files back.
    """
    from packaging.version import InvalidVersion
    from packaging.version import Version

    from .template import template_version

    recorded = str(repo.answers.get("_commit") or "")

    try:
        if Version(recorded.lstrip("v")) <= Version(template_version()):
            return None
    except InvalidVersion:
        return None

    return (
        f"the project records template version {recorded}, newer than the "
        f"{template_version()} this eco-lint carries: upgrade eco-lint first"
    )
