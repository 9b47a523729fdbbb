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


def test_a_failing_render_fails_once(monkeypatch: pytest.MonkeyPatch):
    """Answers the template cannot render for fail every rule that compares
    with the render, each with the same error, for the cost of one render.
    """
    renders: list[str] = []
    render = Standard._render

    def counted(self: Standard) -> dict[str, t.Any]:
        renders.append("in process")
        return render(self)

    monkeypatch.setattr(Standard, "_render_apart", lambda self: None)
    monkeypatch.setattr(Standard, "_render", counted)
    std = Standard({"import_name": "flask_thing", "python_min": "keyword"})
    errors = []

    for _ in range(3):
        with pytest.raises(Exception) as info:
            std.files()

        errors.append(f"{info.type.__name__}: {info.value}")

    assert renders == ["in process"]
    assert len(set(errors)) == 1
