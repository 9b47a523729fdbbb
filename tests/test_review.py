"""eco-lint's rules run as a repo-review plugin."""

from __future__ import annotations

import json
import typing as t
from pathlib import Path

from eco_lint.registry import collect_rules

from .conftest import BIN
from .conftest import run
from .mutate import delete


def test_repo_review_runs_the_rules(
    make_repo: t.Callable[..., Path], env: dict[str, str]
):
    path = make_repo()
    delete(path, ".editorconfig")
    result = run(
        [BIN / "repo-review", "--format", "json", "--select", "LAY,GHA", path],
        path,
        env,
        check=False,
    )
    data = json.loads(result.stdout)
    checks = data["checks"]
    codes = {c for c in collect_rules() if c.startswith(("LAY", "GHA"))}
    assert codes <= checks.keys()
    assert checks["LAY007"]["result"] is False
    assert ".editorconfig is missing" in checks["LAY007"]["err_msg"]
    assert checks["LAY002"]["result"] is True
    assert data["families"]["eco-lay"]["name"] == "Pallets: Layout"
