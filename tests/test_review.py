"""eco-lint's rules run as a repo-review plugin."""

from __future__ import annotations

import json
import re
import typing as t
from pathlib import Path

import pytest

from eco_lint.registry import collect_rules
from eco_lint.review import markdown_text
from eco_lint.review import rich_text

from .conftest import BIN
from .conftest import run
from .mutate import append
from .mutate import delete

ROOT = Path(__file__).parents[1]


def _review(path: Path, env: dict[str, str], *args: str) -> t.Any:
    result = run(
        [BIN / "repo-review", "--format", "json", *args, path], path, env, check=False
    )
    return json.loads(result.stdout)["checks"]


def test_repo_review_runs_the_rules(
    make_repo: t.Callable[..., Path], env: dict[str, str]
):
    path = make_repo()
    delete(path, ".editorconfig")
    data = json.loads(
        run(
            [BIN / "repo-review", "--format", "json", "--select", "LAY,GHA", path],
            path,
            env,
            check=False,
        ).stdout
    )
    checks = data["checks"]
    codes = {c for c in collect_rules() if c.startswith(("LAY", "GHA"))}
    assert codes <= checks.keys()
    assert checks["LAY007"]["result"] is False
    assert ".editorconfig is missing" in checks["LAY007"]["err_msg"]
    assert checks["LAY002"]["result"] is True
    assert data["families"]["eco-lay"]["name"] == "Pallets: Layout"


def test_waivers_and_selection_skip(
    make_repo: t.Callable[..., Path], env: dict[str, str]
):
    """A rule ignored in ``[tool.eco-lint]`` skips, as does one left out of
    its ``select``, and so do the rules that need it; the others still run.
    """
    path = make_repo()
    delete(path, ".editorconfig")
    delete(path, "src/flask_greeting/py.typed")
    append(
        path,
        "pyproject.toml",
        '\n[tool.eco-lint]\nselect = ["LAY", "META"]\n'
        'ignore = {LAY007 = "the editor settings live elsewhere", LAY001 = "x"}\n',
    )
    checks = _review(path, env, "--select", "LAY,META,GHA")
    assert checks["LAY007"]["result"] is None
    # LAY002 needs LAY001, which is waived: it skips rather than failing.
    assert checks["LAY002"]["result"] is None
    assert checks["LAY004"]["result"] is True
    assert checks["META001"]["result"] is True
    assert all(checks[c]["result"] is None for c in checks if c.startswith("GHA"))

    (path / "pyproject.toml").write_text(
        (path / "pyproject.toml").read_text() + "\n[tool.eco-lint.x]\n"
    )
    checks = _review(path, env, "--select", "LAY004")
    assert checks["LAY004"]["result"] is False
    assert checks["LAY004"]["err_msg"] == "Unknown key in \\[tool.eco-lint\\]: x."


def _anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown page."""
    return {
        re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        for heading in re.findall(r"^#+ (.+)$", markdown, flags=re.M)
    }


def test_each_rule_links_to_its_own_docs():
    from eco_lint.review import repo_review_checks

    checks = repo_review_checks()
    urls = {code: check.url for code, check in checks.items()}
    assert len(set(urls.values())) == len(urls)
    anchors = _anchors((ROOT / "docs/rules.md").read_text())

    for code, url in urls.items():
        page, _, anchor = url.partition("#")
        assert page.endswith("/docs/rules.md")
        assert anchor.startswith(code.lower()) and anchor in anchors, code


def test_titles_keep_their_brackets(
    make_repo: t.Callable[..., Path], env: dict[str, str]
):
    """repo-review's terminal report reads descriptions as Rich markup,
    where ``[project]`` would be a tag and vanish.
    """
    path = make_repo()
    result = run([BIN / "repo-review", "--select", "META003,BLD004", path], path, env)
    assert "META003 [project] is well-formed PEP 621 metadata" in result.stdout
    assert "BLD004 C extension builds with setuptools and [project]" in result.stdout


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("[project] table", "\\[project] table"),
        ("a \\[b] c", "a \\\\\\[b] c"),
        ("{x} and [1]", "{{x}} and [1]"),
        ("plain", "plain"),
    ],
)
def test_rich_text(text: str, described: str):
    assert rich_text(text) == described
    assert rich_text(text).format() == described.format()


def test_markdown_text():
    assert markdown_text("`a` *b* [c](d) <e> flit_core") == (
        "\\`a\\` \\*b\\* \\[c\\](d) \\<e\\> flit\\_core"
    )
