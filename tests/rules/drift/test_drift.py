"""Tests that span several DRF rules."""

from __future__ import annotations

import typing as t
from pathlib import Path

from eco_lint.repo import load_yaml

from ...mutate import check_one
from ...mutate import edit
from .helpers import own_content


def test_drf003_drf005_leave_the_project_s_own_content(
    make_repo: t.Callable[..., Path],
):
    """An adopted project's own rows, entries, jobs and values are not
    drift, and the merge leaves them as they are.
    """
    from eco_lint.check import fix_repository

    path = make_repo()
    own_content(path)
    result = check_one(path, "DRF003")
    assert result.status == "pass", result.message
    assert check_one(path, "DRF005").status == "pass"
    # Real drift beside them is still found, and the merge keeps them.
    edit(path, ".github/workflows/tests.yaml", "fail-fast: false", "fail-fast: true")
    edit(path, ".readthedocs.yaml", "python: '3.13'", "python: '3.12'")
    assert check_one(path, "DRF003").status == "fail"
    run = fix_repository(str(path), applicability=("safe", "unsafe"))
    assert ".readthedocs.yaml" in run.written, run.failed
    rtd = load_yaml((path / ".readthedocs.yaml").read_text())
    assert rtd["build"]["tools"]["python"] == "3.13"
    assert "jobs" in rtd["build"] and "commands" not in rtd["build"]
    assert "Development Versions" in (path / ".github/workflows/tests.yaml").read_text()
    assert check_one(path, "DRF003").status == "pass"
