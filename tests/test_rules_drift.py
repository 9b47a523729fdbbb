from __future__ import annotations

import typing as t
from pathlib import Path

from .mutate import append
from .mutate import Case
from .mutate import check_one
from .mutate import delete
from .mutate import edit
from .mutate import write

ANSWERS = ".copier-answers.yml"


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
    "DRF001": [
        Case(lambda r: delete(r, ANSWERS)),
        Case(lambda r: edit(r, ANSWERS, "_commit: ", "_old_commit: ")),
    ],
    "DRF002": [
        # Only an update can bring the project to the new version.
        Case(
            lambda r: edit(r, ANSWERS, "_commit: ", "_commit: 0.0.1\n_was: "),
            fixable=False,
        ),
    ],
    "DRF003": [
        Case(lambda r: append(r, ".github/workflows/tests.yaml", "# a local note\n")),
        Case(
            lambda r: edit(
                r, ".pre-commit-config.yaml", "      - id: debug-statements\n", ""
            )
        ),
    ],
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
    ],
    "DRF004": [
        Case(lambda r: delete(r, "docs/license.md")),
        Case(lambda r: delete(r, ".github/ISSUE_TEMPLATE/config.yml")),
    ],
}


def test_drf001_not_applicable_to_pallets(make_repo: t.Callable[..., Path]):
    path = make_repo("plain-pallets-bsd")
    delete(path, ANSWERS)
    assert check_one(path, "DRF001").status == "n/a"


def test_drf003_skips_another_version(make_repo: t.Callable[..., Path]):
    path = make_repo()
    edit(path, ANSWERS, "_commit: ", "_commit: 99.0.0\n_was: ")
    result = check_one(path, "DRF003")
    assert result.status == "skip"
    assert "eco-lint carries" in result.message


def test_drf001_never_adopted_eco_repository(make_repo: t.Callable[..., Path]):
    """None of the Pallets-Eco extensions has been adopted yet: one without
    an answers file and without the eco-lint hook is not failed for it.
    """
    path = make_repo()
    delete(path, ANSWERS)
    config = (path / ".pre-commit-config.yaml").read_text()
    start = config.index("  - repo: https://github.com/pallets-eco/eco-lint")
    end = config.find("  - repo:", start + 1)
    write(
        path,
        ".pre-commit-config.yaml",
        config[:start] + (config[end:] if end > 0 else ""),
    )
    assert check_one(path, "DRF001").status == "n/a"
