"""Small edits that take a rendered project away from the standard, one
difference at a time.
"""

from __future__ import annotations

import dataclasses
import shutil
import typing as t
from pathlib import Path

from eco_lint.check import Result
from eco_lint.check import run_rules
from eco_lint.fix import Fix
from eco_lint.repo import Repo
from eco_lint.settings import Settings


@dataclasses.dataclass(frozen=True)
class Case:
    """One way to make a rule fail.

    :param apply: Changes the files of a copied render.
    :param base: The answer set to start from.
    :param prepare: Changes made before the rule is first checked.
    """

    apply: t.Callable[[Path], None]
    base: str = "flask-eco-mit"
    #: Turns the base into a variant no answer set renders (such as a C
    #: extension), on which the rule must pass before ``apply`` breaks it.
    prepare: t.Callable[[Path], None] | None = None
    #: Whether the rule's fix can undo this case. Cases that destroy what a
    #: fix would need (a deleted package) say ``False``.
    fixable: bool = True


def edit(repo: Path, name: str, old: str, new: str, count: int = 1) -> None:
    """Replace text in a file; the text must be there."""
    path = repo / name
    text = path.read_text()
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, count))


def write(repo: Path, name: str, text: str) -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def append(repo: Path, name: str, text: str) -> None:
    path = repo / name
    path.write_text(path.read_text() + text)


def delete(repo: Path, name: str) -> None:
    path = repo / name

    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()


def move(repo: Path, old: str, new: str) -> None:
    (repo / new).parent.mkdir(parents=True, exist_ok=True)
    (repo / old).rename(repo / new)


#: Rules that read ``uv.lock``, which only uv writes: their cases, and those
#: of rules that require them, start from a locked Copier render; every
#: other rule's start from a quick render (see ``quick_render``).
LOCKED_RULES = frozenset({"DEP003", "DEP004"})


#: Cases of other rules that change or need the lock, as ``(code, index)``.
LOCKED_CASES = frozenset({("BLD003", 0), ("META006", 4)})


def needs_lock(code: str, index: int | None = None) -> bool:
    """Whether a rule, or one it requires, reads ``uv.lock``, or its case
    at ``index`` does.
    """
    from eco_lint.registry import collect_rules

    rule = collect_rules()[code]
    return (
        code in LOCKED_RULES
        or (code, index) in LOCKED_CASES
        or any(needs_lock(r) for r in rule.requires)
    )


def fix_of(repo: Repo | Path, code: str) -> Fix | None:
    """The fix a rule proposes for a repository, as a run of it gives."""
    return check_one(repo if isinstance(repo, Path) else repo.root, code).fix


def apply_fix(path: Path, code: str) -> tuple[str, dict[str, str | None]]:
    """The applicability of a rule's fix and the files it would change,
    by path (``None`` for a file it deletes).
    """
    from eco_lint.fix import plan

    repo = Repo(path)
    fix = fix_of(repo, code)
    assert fix is not None
    changes, failed = plan(repo, [fix])
    assert failed == []
    return fix.applicability, {c.path: c.new for c in changes}


def check_one(path: Path, code: str) -> Result:
    """Run one rule (and those it requires) and return its result."""
    report = run_rules(Repo(path), Settings(select=(code,)))
    (result,) = [r for r in report.results if r.code == code]
    return result
