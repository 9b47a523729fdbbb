"""Check mode renders template files with plain Jinja; Copier must agree
with it byte for byte for every answer set.
"""

from __future__ import annotations

import typing as t
from pathlib import Path

import pytest
import yaml

from eco_lint.standard import resolve_answers
from eco_lint.standard import Standard

from .answer_sets import ANSWERS
from .conftest import run


@pytest.mark.parametrize("name", ANSWERS)
def test_plain_render_matches_copier(
    name: str,
    render: t.Callable[[str], Path],
    template_repo: Path,
    template_tag: str,
    env: dict[str, str],
):
    path = render(name)
    commit = run(["git", "rev-parse", "HEAD"], template_repo, env).stdout.strip()
    standard = Standard(ANSWERS[name], template_tag, commit)
    assert f"rev: {commit}  # frozen: {template_tag}" in (
        standard.text(".pre-commit-config.yaml") or ""
    )
    rendered = sorted(
        p.relative_to(path).as_posix()
        for p in path.rglob("*")
        if p.is_file() and p.name not in {"uv.lock", ".copier-answers.yml"}
    )
    assert standard.files() == rendered

    for file in rendered:
        assert standard.text(file) == (path / file).read_text(), file


@pytest.mark.parametrize("name", ANSWERS)
def test_defaults_match_copier(name: str, render: t.Callable[[str], Path]):
    recorded = yaml.safe_load((render(name) / ".copier-answers.yml").read_text())
    resolved = resolve_answers(ANSWERS[name])

    for key, value in recorded.items():
        if not key.startswith("_"):
            assert resolved[key] == value, key
