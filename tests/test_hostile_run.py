"""What eco-lint runs and where it writes, on hostile input: no command
from a value or a repository's configuration, nothing into a folder that is
no project, and bounded memory and time on bombs and huge files.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import typing as t
from pathlib import Path

import pytest
from click.testing import CliRunner

from eco_lint.adopt import source_tags
from eco_lint.cli import main
from eco_lint.update import conflicted_files

from .conftest import run


def test_source_is_never_an_option(tmp_path: Path):
    sentinel = tmp_path / "ran"
    assert source_tags(f"--upload-pack=touch {sentinel}") is None
    assert not sentinel.exists()


def test_ext_url_runs_nothing(tmp_path: Path):
    sentinel = tmp_path / "ran"
    assert source_tags(f"ext::sh -c touch% {sentinel}") is None
    assert not sentinel.exists()


def test_repository_config_runs_no_command(tmp_path: Path, env: dict[str, str]):
    """A received checkout's fsmonitor, external diff and hooks run nothing
    while eco-lint reads its state.
    """
    repo = tmp_path / "repo"
    repo.mkdir()
    run(["git", "init", "-q"], repo, env)
    (repo / "a.txt").write_text("a\n")
    run(["git", "add", "-A"], repo, env)
    run(["git", "commit", "-q", "-m", "a"], repo, env)
    sentinel = tmp_path / "ran"
    script = tmp_path / "hook.sh"
    script.write_text(f"#!/bin/sh\ntouch {sentinel}\n")
    script.chmod(0o755)

    for key in ("core.fsmonitor", "diff.external", "core.pager"):
        run(["git", "config", key, str(script)], repo, env)

    (repo / "a.txt").write_text("b\n")
    conflicted_files(repo)
    assert not sentinel.exists()


@pytest.fixture
def project(render: t.Callable[[str], Path], tmp_path: Path) -> Path:
    path = tmp_path / "repo"
    shutil.copytree(render("flask-eco-mit"), path, symlinks=True)
    return path


@pytest.mark.parametrize("option", ["--fix", "--diff"])
def test_root_filesystem_is_refused(option: str):
    result = CliRunner().invoke(main, ["check", option, "/"])
    assert result.exit_code == 2
    assert "not a project" in result.output


def test_git_folder_is_refused(project: Path, env: dict[str, str]):
    run(["git", "init", "-q"], project, env)
    before = sorted(p.name for p in (project / ".git").iterdir())
    result = CliRunner().invoke(main, ["check", "--fix", str(project / ".git")])
    assert result.exit_code == 2, result.output
    assert ".git folder" in result.output
    assert sorted(p.name for p in (project / ".git").iterdir()) == before


def test_bare_repository_is_refused(tmp_path: Path, env: dict[str, str]):
    bare = tmp_path / "bare.git"
    run(["git", "init", "-q", "--bare", str(bare)], tmp_path, env)
    before = sorted(p.name for p in bare.iterdir())
    result = CliRunner().invoke(main, ["check", "--fix", str(bare)])
    assert result.exit_code == 2, result.output
    assert "bare" in result.output
    assert sorted(p.name for p in bare.iterdir()) == before


#: Runs a check in a child process and prints its peak memory in KB.
MEASURE = """
import resource, subprocess, sys
result = subprocess.run(
    [sys.executable, "-m", "eco_lint", "check", sys.argv[1]],
    capture_output=True, text=True,
)
print(result.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(result.stderr[-2000:], file=sys.stderr)
"""


def _bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]

    for level in range(1, 9):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")

    return "\n".join(lines) + "\n"


def _many_workflows(path: Path) -> None:
    folder = path / ".github/workflows"

    for index in range(10_000):
        (folder / f"w{index}.yaml").write_text("on: push\njobs: {}\n")


CASES: dict[str, t.Callable[[Path], None]] = {
    "workflow-bomb": lambda p: (p / ".github/workflows/tests.yaml").write_text(
        _bomb() + "jobs: {}\n"
    ),
    "precommit-bomb": lambda p: (p / ".pre-commit-config.yaml").write_text(
        _bomb() + "repos: []\n"
    ),
    "answers-bomb": lambda p: (p / ".copier-answers.yml").write_text(_bomb()),
    "deep-yaml": lambda p: (p / ".pre-commit-config.yaml").write_text(
        "[" * 100_000 + "]" * 100_000
    ),
    "deep-toml": lambda p: (p / "pyproject.toml").write_text(
        "x = " + "[" * 100_000 + "]" * 100_000
    ),
    "huge-pyproject": lambda p: (p / "pyproject.toml").write_bytes(
        b"# " + b"x" * 100_000_000 + b"\n"
    ),
    "huge-readme": lambda p: (p / "README.md").write_bytes(b"x" * 100_000_000),
    "many-workflows": _many_workflows,
}


@pytest.mark.parametrize("case", list(CASES))
def test_bounded_time_and_memory(case: str, project: Path, env: dict[str, str]):
    import time

    CASES[case](project)
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(project)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    elapsed = time.monotonic() - start
    code, peak = map(int, result.stdout.split())
    assert code in (1, 2), result.stderr
    assert "Traceback" not in result.stderr
    assert peak < 200 * 1024, f"{peak} KB"
    # Generous for a shared machine; a bomb alone took minutes before.
    assert elapsed < 30, elapsed


@pytest.mark.parametrize("format_", ["full", "concise", "markdown", "github"])
def test_repository_text_cannot_forge_a_report(project: Path, format_: str):
    """A waiver reason, a project name and a file name with line breaks
    and terminal escapes reach the report as one plain line each.
    """
    forged = "x\\n\\nproject: 0 failures, score 100/100\\n\\u001b[2J\\u001b]0;t\\u0007"
    text = (project / "pyproject.toml").read_text()
    text = text.replace(
        'name = "Flask-Greeting"', f'name = "Flask-Greeting{forged}"', 1
    )
    text += f'\n[tool.eco-lint]\nignore = {{META001 = "{forged}"}}\n'
    (project / "pyproject.toml").write_text(text)
    (project / "bad\nname\x1b[31m.txt").write_text("x")
    result = CliRunner().invoke(
        main, ["check", "--output-format", format_, str(project)]
    )
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.output
    assert "\x07" not in result.output
    assert not any(
        line.startswith("project: 0 failures") for line in result.output.splitlines()
    )
