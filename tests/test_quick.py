"""The quick render, which most rule tests start from, is the project
Copier makes: the same files, byte for byte where no commit or path of the
test run is written, and the same results, but for the lock only uv
writes.
"""

from __future__ import annotations

import os
import re
import typing as t
from pathlib import Path

import pytest

from eco_lint.check import run_rules
from eco_lint.repo import Repo

from .answer_sets import ANSWERS
from .mutate import LOCKED_RULES

#: Files that name the template's source folder or its commit.
NAMED = (".copier-answers.yml", ".pre-commit-config.yaml")
#: The commit the eco-lint hook is pinned to.
HOOK_PIN = r"[0-9a-f]{40}(  # frozen: \S+\n\s+hooks:\n\s+- id: eco-lint)"


def _files(root: Path) -> dict[str, tuple[str, bool]]:
    """Text and whether executable, by path, of every file below a folder,
    with the template's source folder and 40-digit commits written out.
    """
    found = {}

    for path in sorted(root.rglob("*")):
        if path.is_file():
            name = path.relative_to(root).as_posix()
            text = path.read_text(encoding="utf-8")

            if name in NAMED:
                text = re.sub(r"(_src_path: ).*", r"\1<source>", text)
                text = re.sub(
                    r"[0-9a-f]{40}(  # frozen: \S+\n\s+hooks:\n\s+- id: eco-lint)",
                    r"<commit>\1",
                    text,
                )

            found[name] = (text, os.access(path, os.X_OK))

    return found


@pytest.mark.parametrize("name", ANSWERS)
def test_quick_render_lacks_only_the_lock(
    name: str, quick_render: t.Callable[[str], Path]
) -> None:
    report = run_rules(Repo(quick_render(name)))
    unmet = {
        r.code: r.status for r in report.results if r.status not in ("pass", "n/a")
    }
    assert unmet == {"DEP003": "fail", "DEP004": "skip"}
    assert set(unmet) == LOCKED_RULES


@pytest.mark.parametrize("name", ANSWERS)
def test_quick_render_is_the_copier_render(
    name: str,
    quick_render: t.Callable[[str], Path],
    render: t.Callable[[str], Path],
) -> None:
    quick, copied = _files(quick_render(name)), _files(render(name))
    assert copied.pop("uv.lock")
    assert quick == copied

    def results(path: Path) -> dict[str, tuple[str, str]]:
        report = run_rules(Repo(path))
        return {
            r.code: (r.status, r.message)
            for r in report.results
            if r.code not in LOCKED_RULES
        }

    assert results(quick_render(name)) == results(render(name))
