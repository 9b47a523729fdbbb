"""The wheel carries the template, so that an installed eco-lint renders it
without a checkout of this repository.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from eco_lint.template import template_root

from .conftest import BIN
from .conftest import run


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    out = tmp_path_factory.mktemp("dist")
    root = Path(__file__).parents[1]
    run([BIN / "uv", "build", "--wheel", "--quiet", "--out-dir", out], root, env)
    (path,) = out.glob("*.whl")
    return path


def test_wheel_carries_template(wheel: Path):
    source = template_root()
    expected = {
        f"eco_lint/_template/{path.relative_to(source).as_posix()}"
        for part in ("copier.yml", "includes", "template")
        for path in (
            [source / part] if part.endswith(".yml") else (source / part).rglob("*")
        )
        if path.is_file()
    }

    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())

    assert expected <= names
    assert "eco_lint/_template/template/pyproject.toml.jinja" in names


def test_installed_package_finds_template(
    wheel: Path, tmp_path: Path, env: dict[str, str]
):
    venv = tmp_path / "venv"
    run(
        [BIN / "uv", "venv", "--quiet", "--python", sys.executable, venv], tmp_path, env
    )
    python = venv / "bin" / "python"
    run(
        [BIN / "uv", "pip", "install", "--quiet", "--python", python, wheel],
        tmp_path,
        env,
    )
    result = run(
        [
            python,
            "-c",
            "from eco_lint.template import template_root; print(template_root())",
        ],
        tmp_path,
        env,
    )
    found = Path(result.stdout.strip())
    assert found.is_relative_to(venv)
    assert (found / "template" / "pyproject.toml.jinja").is_file()
