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
from eco_lint.repo import Repo
from eco_lint.rules.drift.drf003 import differing
from eco_lint.standard import standard_for

from .conftest import copied_project
from .conftest import run
from .conftest import V2
from .generations import GENERATIONS


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def _commit(path: Path, env: dict[str, str], message: str) -> None:
    run(["git", "add", "-A"], path, env)
    run(["git", "commit", "-q", "-m", message], path, env)


def _update(path: Path, env: dict[str, str], kept: t.Collection[str] = ()) -> bool:
    """``eco-lint update`` to the second version, in a clean process.
    Conflicts may arise only in ``kept``: template files that adoption left
    as the project's because a fix would have lost something it owns.
    Return whether it merged without conflict.
    """
    result = run(
        [sys.executable, "-m", "eco_lint", "update", str(path), "--vcs-ref", V2],
        path,
        env,
        check=False,
    )
    unmerged = run(["git", "diff", "--name-only", "--diff-filter=U"], path, env).stdout
    assert set(unmerged.split()) <= set(kept), result.stdout + result.stderr
    assert result.returncode == (1 if unmerged else 0), result.stdout + result.stderr
    return not unmerged


def _assert_v2_arrived(path: Path) -> None:
    assert "'CHANGES.*'" in (path / ".github/workflows/tests.yaml").read_text()
    assert "xfail_strict = true" in (path / "pyproject.toml").read_text()
    assert (path / ".github/CODEOWNERS").is_file()
    assert yaml.safe_load((path / ".copier-answers.yml").read_text())["_commit"] == V2


def test_copied_project_updates_without_conflict(
    versions: Path, template_tag: str, env: dict[str, str], tmp_path: Path
):
    path = copied_project(versions, template_tag, env, tmp_path)
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
        "          - {python: '3.11'}\n",
        "          - {python: '3.11'}\n"
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
    name: str,
    versions: Path,
    env: dict[str, str],
    built: Path,
    tmp_path: Path,
):
    # The session's build of the generation, locked once.
    path = tmp_path / "flask-tally"
    shutil.copytree(built, path, symlinks=True)
    run(["git", "init", "-q"], path, env)
    _commit(path, env, "as it was")
    package = (
        (path / "src/flask_tally/__init__.py").read_text().partition("__version__")[0]
    )
    tests = (path / "tests/test_tally.py").read_text()
    # The generations support older Pythons than the template: raising the
    # floor is the maintainer's decision, given here.
    args = ["--defaults", "--src-path", str(versions), "--data", "python_min=3.10"]
    result = CliRunner().invoke(main, ["adopt", str(path), *args])
    assert result.exit_code == 0, result.output
    assert (
        "description = 'Count the requests a Flask application handles.'  (inferred)"
        in result.output
    )
    _commit(path, env, "adopt")
    # Where adoption refused a fix, the project's file stays its own, and
    # the update merges the template's change into it as into any edit.
    adopted_repo = Repo(path)
    adopted_std = standard_for(adopted_repo)
    kept = [
        name
        for name in [*differing(adopted_repo, adopted_std), "pyproject.toml"]
        if "refused '" in result.output
        and adopted_repo.text(name) != adopted_std.text(name)
    ]

    if _update(path, env, kept):
        _assert_v2_arrived(path)

    adopted = (path / "src/flask_tally/__init__.py").read_text()
    assert adopted.rstrip().startswith(package.rstrip())
    assert (path / "tests/test_tally.py").read_text() == tests
    (readme,) = path.glob("README.*")
    assert "Count the requests" in readme.read_text()


def test_adopting_a_standard_repository_changes_only_the_answers(
    make_repo: t.Callable[..., Path], env: dict[str, str], template_repo: Path
):
    path = make_repo()
    (path / ".copier-answers.yml").unlink()
    run(["git", "init", "-q"], path, env)
    _commit(path, env, "standard")
    runner = CliRunner()
    args = ["adopt", str(path), "--defaults", "--src-path", str(template_repo)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    status = run(["git", "status", "--porcelain"], path, env).stdout
    assert status == "?? .copier-answers.yml\n"
    _commit(path, env, "adopt")
    again = runner.invoke(main, args)
    assert again.output.endswith("nothing to change\n")
    assert run(["git", "status", "--porcelain"], path, env).stdout == ""


#: A project that tells every answer but its description.
_UNDESCRIBED = """\
[project]
name = "thing"
version = "1.0.0"
requires-python = ">=3.10"
maintainers = [{name = "Jane Doe"}]
dependencies = []

[project.urls]
Source = "https://github.com/jane/thing"
"""


def _undescribed(path: Path) -> Path:
    (path / "pyproject.toml").write_text(_UNDESCRIBED)
    (path / "LICENSE").write_text(
        "Copyright (C) 2015-2020 Jane Doe\n\n"
        "Permission is hereby granted, free of charge, to any person\n"
    )
    return path


def test_adopt_names_what_it_cannot_infer(tmp_path: Path):
    result = CliRunner().invoke(
        main, ["adopt", str(_undescribed(tmp_path)), "--defaults"]
    )
    assert result.exit_code == 2
    assert result.output == (
        "Error: Cannot infer description (no description in the metadata);"
        " give them with --data NAME=VALUE.\n"
    )
    assert not (tmp_path / ".copier-answers.yml").exists()


def test_adopt_names_every_fact_it_lacks(tmp_path: Path):
    """Nothing is invented: no holder, maintainer, owner, version or floor."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "thing"\n')
    result = CliRunner().invoke(main, ["adopt", str(tmp_path), "--defaults"])
    assert result.exit_code == 2
    assert len(result.output.splitlines()) == 1

    for name in (
        "org",
        "description",
        "license",
        "copyright_holder",
        "maintainer_name",
        "version",
        "python_min",
    ):
        assert f" {name} (" in result.output, name

    assert not (tmp_path / ".copier-answers.yml").exists()


def test_adopt_keeps_an_old_python_floor_unless_told(tmp_path: Path):
    _undescribed(tmp_path)
    text = (tmp_path / "pyproject.toml").read_text()
    (tmp_path / "pyproject.toml").write_text(text.replace(">=3.10", ">=3.8"))
    args = ["--defaults", "--data", "description=A thing."]
    result = CliRunner().invoke(main, ["adopt", str(tmp_path), *args])
    assert result.exit_code == 2
    assert "supports Python 3.8" in result.output
    assert "--data python_min=3.10" in result.output
    assert '">=3.8"' in (tmp_path / "pyproject.toml").read_text()


def test_adopt_rejects_a_bad_answer(tmp_path: Path):
    _undescribed(tmp_path)
    result = CliRunner().invoke(
        main, ["adopt", str(tmp_path), "--defaults", "--data", "description=No period"]
    )
    assert result.exit_code == 2
    assert (
        "Answer 'description': Write one sentence that ends with a period"
        in result.output
    )


def test_src_path_recorded(make_repo: t.Callable[..., Path], template_repo: Path):
    path = make_repo()
    (path / ".copier-answers.yml").unlink()
    shutil.rmtree(path / "docs")
    args = ["adopt", str(path), "--defaults", "--src-path", str(template_repo)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    recorded = yaml.safe_load((path / ".copier-answers.yml").read_text())
    assert recorded["_src_path"] == str(template_repo)
    assert (path / "docs/license.md").is_file()


def test_adopt_records_only_a_tag_of_the_source(
    make_repo: t.Callable[..., Path], env: dict[str, str], tmp_path: Path
):
    """A version the source has no tag for would fail the first update
    with an unknown revision: adoption stops instead.
    """
    source = tmp_path / "source"
    source.mkdir()
    (source / "copier.yml").write_text("_subdirectory: template\n")
    run(["git", "init", "-q"], source, env)
    _commit(source, env, "old template")
    run(["git", "tag", "0.0.1"], source, env)
    path = make_repo()
    (path / ".copier-answers.yml").unlink()
    args = ["adopt", str(path), "--defaults", "--src-path", str(source)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "is no tag of" in result.output
    assert "(its newest is 0.0.1)" in result.output
    assert len(result.output.splitlines()) == 1
    assert not (path / ".copier-answers.yml").exists()


#: A Flask extension kept by a person outside the Pallets organizations,
#: with dependencies without floors, with ranges and markers, and a
#: licence in the ``(C)`` form.
_OUTSIDE = {
    "pyproject.toml": """\
[project]
name = "Flask-Thing"
version = "1.0.0.dev0"
description = "Do a thing with Flask."
readme = "README.md"
requires-python = ">=3.10"
maintainers = [{name = "Jane Doe"}]
dependencies = [
    "cachelib",
    "Flask >= 0.9",
    "tomli; python_version < '3.11'",
]

[project.urls]
Source = "https://github.com/jane/flask-thing"

[build-system]
requires = ["flit_core>=3.11,<4"]
build-backend = "flit_core.buildapi"
""",
    "LICENSE": "Copyright (C) 2015-2020 Jane Doe\n"
    "Copyright (C) 2021 John Roe\n\n"
    "Permission is hereby granted, free of charge, to any person obtaining\n",
    "README.md": "# Flask-Thing\n\nDo a thing with Flask.\n",
    "src/flask_thing/__init__.py": "def thing() -> int:\n    return 1\n",
    "tests/test_thing.py": "from flask_thing import thing\n\n\n"
    "def test_thing():\n    assert thing() == 1\n",
}


def _outside(path: Path, env: dict[str, str]) -> Path:
    for name, text in _OUTSIDE.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text)

    run(["git", "init", "-q"], path, env)
    _commit(path, env, "as it was")
    return path


def test_adopt_outside_the_organizations(
    template_repo: Path, env: dict[str, str], tmp_path: Path
):
    """Every answer comes from the repository, nothing Pallets-specific is
    written, and ``--diff`` shows the whole change without writing it.
    """
    path = _outside(tmp_path / "flask-thing", env)
    args = ["--defaults", "--src-path", str(template_repo)]
    runner = CliRunner()
    shown = runner.invoke(main, ["adopt", str(path), *args, "--diff"])
    assert shown.exit_code == 1, shown.output
    assert run(["git", "status", "--porcelain"], path, env).stdout == ""
    assert "+++ b/.copier-answers.yml" in shown.output
    # The diff is the whole change: applied, there is nothing left to adopt.
    (tmp_path / "adopt.diff").write_text(shown.stdout)
    run(["git", "apply", tmp_path / "adopt.diff"], path, env)
    result = runner.invoke(main, ["adopt", str(path), *args])
    assert result.exit_code == 0, result.output
    assert "\nnothing to change\n" in result.output
    assert "org = 'jane'  (inferred)" in shown.output
    # Without py.typed, CI runs the type checks without failing, and the
    # maintainer is told what to do next.
    assert (
        "typed = False  (inferred from py.typed, or annotations under mypy strict)"
        in shown.output
    )
    assert (
        "continue-on-error: true" in (path / ".github/workflows/tests.yaml").read_text()
    )
    assert "next: the package had no py.typed" in result.output
    assert "maintainer_email = ''  (inferred)" in shown.output
    run(["git", "add", "-A"], path, env)

    for name in run(["git", "ls-files"], path, env).stdout.split():
        text = (path / name).read_text()

        for word in ("palletsprojects.com", "discord.gg", "Pallets Community"):
            assert word not in text, (name, word)

    pyproject = (path / "pyproject.toml").read_text()
    assert '"cachelib",\n    "Flask >= 0.9",\n' in pyproject
    assert "\"tomli; python_version < '3.11'\"" in pyproject
    assert 'maintainers = [{name = "Jane Doe"}]' in pyproject
    assert 'requires-python = ">=3.10"' in pyproject
    assert 'version = "1.0.0.dev0"' in pyproject
    licence = (path / "LICENSE.txt").read_text()
    assert "Copyright (C) 2015-2020 Jane Doe\nCopyright (C) 2021 John Roe\n" in licence
    _commit(path, env, "adopt")
    again = runner.invoke(main, ["adopt", str(path), *args, "--diff"])
    assert again.exit_code == 0, again.output


def test_commands_work_on_the_project_root(
    make_repo: t.Callable[..., Path],
    env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
):
    """Started in a subfolder, check and --fix find the root as ruff does
    and never write the template's files into the subfolder.
    """
    path = make_repo()
    (path / ".editorconfig").unlink()
    run(["git", "init", "-q"], path, env)
    _commit(path, env, "standard")
    monkeypatch.chdir(path / "src" / "flask_greeting")
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--select", "LAY007"])
    assert result.exit_code == 1, result.output
    assert "LAY007" in result.output
    result = runner.invoke(main, ["check", "--fix", "--select", "LAY007"])
    assert result.exit_code == 0, result.output
    status = run(["git", "status", "--porcelain"], path, env).stdout
    assert status == "?? .editorconfig\n", status
    assert not (path / "src/flask_greeting/.editorconfig").exists()
