"""Input that cannot start an update or an adoption: a missing, broken or
misplaced answers file, a template that cannot be reached, and answers of
the wrong type end in one line and exit code 2, never a traceback, and
nothing is written.
"""

from __future__ import annotations

import shutil
import typing as t
from pathlib import Path

import pytest
from click.testing import CliRunner

from eco_lint.cli import main
from eco_lint.template import ANSWERS_FILE

from .conftest import copied_project
from .conftest import run
from .conftest import update
from .conftest import V2


@pytest.fixture(scope="module")
def made(
    versions: Path,
    template_tag: str,
    env: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """A project copied from the template and committed, once."""
    return copied_project(versions, template_tag, env, tmp_path_factory.mktemp("made"))


@pytest.fixture
def project(made: Path, tmp_path: Path) -> Path:
    path = tmp_path / "project"
    shutil.copytree(made, path, symlinks=True)
    return path


def _stops(result: t.Any, message: str) -> None:
    """Exit code 2 and one error line, the last, that says ``message``."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert [line for line in lines if line.startswith("Error")] == [lines[-1]]
    assert message in lines[-1], lines[-1]


def _commit(path: Path, env: dict[str, str]) -> None:
    run(["git", "add", "-A"], path, env)
    run(["git", "commit", "-q", "-m", "break"], path, env)


def _replace_answers(old: str, new: str) -> t.Callable[[Path], None]:
    def change(path: Path) -> None:
        text = (path / ANSWERS_FILE).read_text()
        assert old in text
        (path / ANSWERS_FILE).write_text(text.replace(old, new))

    return change


def _answers_folder(path: Path) -> None:
    (path / ANSWERS_FILE).unlink()
    (path / ANSWERS_FILE).mkdir()
    (path / ANSWERS_FILE / "x").write_text("x\n")


#: Each answers file that cannot start an update, and what the error says.
BROKEN: dict[str, tuple[t.Callable[[Path], None], str]] = {
    "missing": (lambda p: (p / ANSWERS_FILE).unlink(), f"has no {ANSWERS_FILE}"),
    "unparseable": (
        lambda p: (p / ANSWERS_FILE).write_text("_commit: [\n"),
        f"{ANSWERS_FILE} cannot be parsed: ",
    ),
    "folder": (_answers_folder, f"{ANSWERS_FILE} is a folder"),
    "list": (lambda p: (p / ANSWERS_FILE).write_text("- 1\n"), "holds no answers"),
    "no-source": (
        lambda p: (p / ANSWERS_FILE).write_text("_commit: 0.1.0\nproject_name: X\n"),
        "names no template source (_src_path)",
    ),
    "source-nowhere": (
        lambda p: _replace_answers("_src_path: /", "_src_path: /nowhere/")(p),
        "Local template must be a directory",
    ),
    "source-unreachable": (
        lambda p: (p / ANSWERS_FILE).write_text(
            (p / ANSWERS_FILE)
            .read_text()
            .replace(
                next(
                    line
                    for line in (p / ANSWERS_FILE).read_text().splitlines()
                    if line.startswith("_src_path:")
                ),
                "_src_path: https://example.invalid/pallets-eco/nothing.git",
            )
        ),
        "cannot be fetched: ",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_update_stops_on_an_answers_file_it_cannot_start_from(
    case: str, project: Path, env: dict[str, str]
):
    change, message = BROKEN[case]
    change(project)
    _commit(project, env)
    result = update(project, env, "--vcs-ref", V2)
    _stops(result, message)
    assert run(["git", "status", "--porcelain"], project, env).stdout == ""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("python_min=abc", "Invalid choice for 'python_min'"),
        ("typed=maybe", "typed must be true or false"),
        ("warnings_as_errors=5", "warnings_as_errors must be true or false"),
        ("dependencies=[", "the value cannot be parsed"),
        ("dependencies=5", "Give a list"),
    ],
)
def test_update_stops_on_data_of_the_wrong_type(
    data: str, message: str, project: Path, env: dict[str, str]
):
    result = update(project, env, "--vcs-ref", V2, "--pretend", "--data", data)
    _stops(result, message)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("python_min=abc", "python_min must be one of 3.10"),
        ("python_min=[1]", "python_min must be one of 3.10"),
        ("license=WTFPL", "license must be one of"),
        ("typed=maybe", "typed must be true or false"),
        ("devcontainer=5", "devcontainer must be true or false"),
        ("dependencies=5", "Give a list"),
        ("scripts={a: 1}", "Give a list of command names"),
        ("dependencies=[", "the value cannot be parsed"),
        ("nosuch=1", "is not NAME=VALUE for a template question"),
    ],
)
def test_adopt_stops_on_data_of_the_wrong_type(
    data: str, message: str, render: t.Callable[[str], Path], tmp_path: Path
):
    path = tmp_path / "repo"
    shutil.copytree(render("flask-eco-mit"), path, symlinks=True)
    (path / ANSWERS_FILE).unlink()
    before = sorted(p.name for p in path.iterdir())
    result = CliRunner().invoke(
        main, ["adopt", str(path), "--defaults", "--data", data]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines[-1].startswith("Error: Invalid value for --data: "), lines
    assert message in lines[-1]
    assert sorted(p.name for p in path.iterdir()) == before


def test_check_takes_no_data(project: Path):
    """``check`` asks no questions: an answer given to it is an unknown
    option, refused the same way.
    """
    result = CliRunner().invoke(
        main, ["check", str(project), "--data", "python_min=abc"]
    )
    assert result.exit_code == 2
    last = result.output.splitlines()[-1]
    assert last.startswith("Error: No such option") and "--data" in last
