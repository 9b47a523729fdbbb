"""CFG005: ruff has the standard settings and no legacy keys."""

from __future__ import annotations

from pathlib import Path

from eco_lint.repo import Repo

from ...mutate import append
from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import write
from .helpers import fixed
from .helpers import P

FAILING = {
    "CFG005": [
        Case(lambda r: edit(r, P, 'output-format = "full"', "show-source = true")),
        Case(lambda r: edit(r, P, "fix = true\n", "fix = true\nline-length = 100\n")),
        Case(lambda r: edit(r, P, "fix = true\n", "fix = true\nselect = ['E']\n")),
        Case(
            lambda r: edit(
                r, P, "[tool.ruff.lint]\n", '[tool.ruff.lint]\nignore = ["UP038"]\n'
            )
        ),
        Case(lambda r: edit(r, P, "show-fixes = true\n", "")),
        Case(
            lambda r: append(
                r,
                P,
                '\n[tool.gha-update]\ntag-only = ["slsa-framework/'
                'slsa-github-generator"]\n',
            )
        ),
        Case(lambda r: write(r, "ruff.toml", "line-length = 88\n")),
        Case(lambda r: write(r, ".ruff.toml", "[lint]\nignore = ['E501']\n")),
    ],
}


def test_cfg005_fix_moves_ruff_toml(make_repo):
    path: Path = make_repo()
    write(path, "ruff.toml", "line-length = 100\nselect = ['E']\n\n[lint.isort]\n")
    assert fixed(path, "CFG005")
    ruff = Repo(path).tool("ruff")
    assert "line-length" not in ruff
    assert "select" not in ruff
    assert ruff["lint"]["select"] == ["B", "E", "F", "I", "UP", "W"]
    assert not (path / "ruff.toml").exists()
    assert check_one(path, "CFG005").status == "pass"
