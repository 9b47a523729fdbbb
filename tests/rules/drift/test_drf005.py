from __future__ import annotations

import typing as t
from pathlib import Path

import pytest

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from .helpers import own_content


def _mypy_first(repo: Path) -> None:
    """Move [tool.mypy] and [tool.pyright] before [tool.pytest.ini_options]."""
    text = (repo / "pyproject.toml").read_text()
    start, end = text.index("[tool.mypy]"), text.index("[tool.ruff]")
    block = text[start:end]
    text = text[:start] + text[end:]
    text = text.replace(
        "[tool.pytest.ini_options]", block + "[tool.pytest.ini_options]"
    )
    (repo / "pyproject.toml").write_text(text)


FAILING = {
    "DRF005": [
        Case(lambda r: edit(r, "pyproject.toml", "pretty = true\n", "")),
        Case(
            lambda r: edit(
                r,
                "pyproject.toml",
                "show_error_codes = true",
                "show_error_codes = false",
            )
        ),
        Case(_mypy_first),
        # The project's own source folder instead of the template's.
        Case(lambda r: edit(r, "pyproject.toml", 'files = ["src"]', 'files = ["lib"]')),
    ],
}


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('    "sphinx<9",\n', ""),
        ('files = ["src", "tests/typing"]', 'files = ["tests/typing"]'),
        ("strict = true", "strict = false"),
    ],
)
def test_drf005_still_finds_changed_values(
    make_repo: t.Callable[..., Path], old: str, new: str
):
    path = make_repo()
    own_content(path)
    edit(path, "pyproject.toml", old, new)
    assert check_one(path, "DRF005").status == "fail"


def test_drf005_native_pytest_table(make_repo: t.Callable[..., Path]):
    """pytest 9's native ``[tool.pytest]`` stands for the template's
    ``[tool.pytest.ini_options]`` (pytest reads one of them): it is no
    drift, the rebuild keeps it without adding the other, and the project
    facts read the settings from it.
    """
    from eco_lint.check import fix_repository
    from eco_lint.facts import pytest_settings
    from eco_lint.repo import Repo
    from eco_lint.settings import Settings

    path = make_repo()
    edit(path, "pyproject.toml", "[tool.pytest.ini_options]\n", "[tool.pytest]\n")
    assert check_one(path, "DRF005").status == "pass"
    assert pytest_settings(Repo(path)) == (["tests"], frozenset({"error"}))
    edit(path, "pyproject.toml", "strict = true", "strict = false")
    assert check_one(path, "DRF005").status == "fail"
    run = fix_repository(str(path), Settings(select=("DRF005",)), ("safe", "unsafe"))
    assert run.written == ("pyproject.toml",), run.failed
    text = (path / "pyproject.toml").read_text()
    assert "[tool.pytest]\n" in text and "ini_options" not in text
    assert "\n\n[tool.coverage.run]" in text
    assert check_one(path, "DRF005").status == "pass"
