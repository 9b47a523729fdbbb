"""Adopted repositories, and projects copied from the template, take the
next template version through ``copier update`` with no conflict.
"""

from __future__ import annotations

import shutil
import sys
import typing as t
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from eco_lint.cli import main

from .answer_sets import ANSWERS
from .conftest import run
from .conftest import V2
from .generations import build
from .generations import GENERATIONS
from .generations import LOCKED


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def _commit(path: Path, env: dict[str, str], message: str) -> None:
    run(["git", "add", "-A"], path, env)
    run(["git", "commit", "-q", "-m", message], path, env)


def _copied(versions: Path, tag: str, env: dict[str, str], tmp_path: Path) -> Path:
    """A project copied at the first version, committed."""
    import copier

    path = tmp_path / "project"
    copier.run_copy(
        str(versions),
        path,
        data=ANSWERS["flask-eco-mit"],
        defaults=True,
        quiet=True,
        vcs_ref=tag,
    )
    run(["git", "init", "-q"], path, env)
    _commit(path, env, "copy")
    return path


def _update(path: Path, env: dict[str, str]) -> None:
    """``eco-lint update`` to the second version, in a clean process."""
    result = run(
        [sys.executable, "-m", "eco_lint", "update", str(path), "--vcs-ref", V2],
        path,
        env,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    unmerged = run(["git", "diff", "--name-only", "--diff-filter=U"], path, env).stdout
    assert unmerged == ""


def _assert_v2_arrived(path: Path) -> None:
    assert "'CHANGES.*'" in (path / ".github/workflows/tests.yaml").read_text()
    assert "xfail_strict = true" in (path / "pyproject.toml").read_text()
    assert (path / ".github/CODEOWNERS").is_file()
    assert yaml.safe_load((path / ".copier-answers.yml").read_text())["_commit"] == V2


def test_copied_project_updates_without_conflict(
    versions: Path, template_tag: str, env: dict[str, str], tmp_path: Path
):
    path = _copied(versions, template_tag, env, tmp_path)
    # Local changes in user-owned and template-owned files.
    with (path / "README.md").open("a") as f:
        f.write("\n## Usage\n\nOur own words.\n")
    with (path / "src/flask_greeting/__init__.py").open("a") as f:
        f.write("\n\nLIMIT = 3\n")
    _edit(
        path / "pyproject.toml",
        '    "Typing :: Typed",',
        '    "Topic :: Internet",\n    "Typing :: Typed",',
    )
    _edit(
        path / ".github/workflows/tests.yaml",
        "          - {python: '3.10'}\n",
        "          - {python: '3.10'}\n"
        "          - {name: Extra, python: '3.12', tox: py3.12}\n",
    )
    _commit(path, env, "local changes")
    _update(path, env)
    _assert_v2_arrived(path)
    assert "Our own words." in (path / "README.md").read_text()
    assert "LIMIT = 3" in (path / "src/flask_greeting/__init__.py").read_text()
    assert '"Topic :: Internet",' in (path / "pyproject.toml").read_text()
    assert (
        "{name: Extra, python: '3.12'"
        in (path / ".github/workflows/tests.yaml").read_text()
    )


@pytest.mark.parametrize("name", GENERATIONS)
def test_adopted_generation_updates_without_conflict(
    name: str, versions: Path, env: dict[str, str], tmp_path: Path
):
    path = build(name, tmp_path / "flask-tally")

    if name in LOCKED:
        run([str(Path(sys.executable).parent / "uv"), "lock", "--quiet"], path, env)

    run(["git", "init", "-q"], path, env)
    _commit(path, env, "as it was")
    package = (
        (path / "src/flask_tally/__init__.py").read_text().partition("__version__")[0]
    )
    tests = (path / "tests/test_tally.py").read_text()
    result = CliRunner().invoke(
        main, ["adopt", str(path), "--defaults", "--src-path", str(versions)]
    )
    assert result.exit_code == 0, result.output
    assert (
        "description = 'Count the requests a Flask application handles.'  (inferred)"
        in result.output
    )
    _commit(path, env, "adopt")
    _update(path, env)
    _assert_v2_arrived(path)
    adopted = (path / "src/flask_tally/__init__.py").read_text()
    assert adopted.rstrip().startswith(package.rstrip())
    assert (path / "tests/test_tally.py").read_text() == tests
    (readme,) = path.glob("README.*")
    assert "Count the requests" in readme.read_text()


def test_adopting_a_standard_repository_changes_only_the_answers(
    make_repo: t.Callable[..., Path], env: dict[str, str]
):
    path = make_repo()
    (path / ".copier-answers.yml").unlink()
    run(["git", "init", "-q"], path, env)
    _commit(path, env, "standard")
    runner = CliRunner()
    result = runner.invoke(main, ["adopt", str(path), "--defaults"])
    assert result.exit_code == 0, result.output
    status = run(["git", "status", "--porcelain"], path, env).stdout
    assert status == "?? .copier-answers.yml\n"
    _commit(path, env, "adopt")
    again = runner.invoke(main, ["adopt", str(path), "--defaults"])
    assert again.output.endswith("nothing to change\n")
    assert run(["git", "status", "--porcelain"], path, env).stdout == ""


def test_adopt_names_what_it_cannot_infer(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "thing"\n')
    result = CliRunner().invoke(main, ["adopt", str(tmp_path), "--defaults"])
    assert result.exit_code == 2
    assert result.output == (
        "Error: Cannot infer description; give them with --data NAME=VALUE.\n"
    )
    assert not (tmp_path / ".copier-answers.yml").exists()


def test_adopt_rejects_a_bad_answer(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "thing"\n')
    result = CliRunner().invoke(
        main, ["adopt", str(tmp_path), "--defaults", "--data", "description=No period"]
    )
    assert result.exit_code == 2
    assert (
        "Answer 'description': Write one sentence that ends with a period"
        in result.output
    )


def test_src_path_recorded(make_repo: t.Callable[..., Path], tmp_path: Path):
    path = make_repo()
    (path / ".copier-answers.yml").unlink()
    shutil.rmtree(path / "docs")
    CliRunner().invoke(main, ["adopt", str(path), "--defaults", "--src-path", "/x/y"])
    recorded = yaml.safe_load((path / ".copier-answers.yml").read_text())
    assert recorded["_src_path"] == "/x/y"
    assert (path / "docs/license.md").is_file()
