"""What eco-lint runs and where it writes, on hostile input: no command
from a value or a repository's configuration, nothing into a folder that is
no project, and bounded memory and time on bombs and huge files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
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


def _unprivileged() -> list[str] | None:
    """The prefix that runs a command as a user whom file modes bind, or
    ``None`` where there is none: root reads and writes through any mode.
    """
    if os.geteuid() != 0:
        return []

    setpriv = shutil.which("setpriv")

    if setpriv is None:
        return None

    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", "import eco_lint"], capture_output=True
    )
    return prefix if probe.returncode == 0 else None


@pytest.fixture
def unprivileged(project: Path, env: dict[str, str]) -> t.Iterator[Runner]:
    """Runs eco-lint as a user whom file modes bind, on a copy of the
    project in a folder that user can reach, with a cache of its own.
    """
    prefix = _unprivileged()

    if prefix is None:
        pytest.skip("no user whom file modes bind: root, and setpriv is missing")

    shared = Path(tempfile.mkdtemp(prefix="eco-lint-modes-"))
    shared.chmod(0o755)
    cache = shared / "cache"
    cache.mkdir()
    os.chown(cache, 65534, 65534)
    repo = shared / "repo"
    shutil.copytree(project, repo, symlinks=True)

    def run_as(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*prefix, sys.executable, "-m", "eco_lint", *args, str(repo)],
            env={**env, "ECO_LINT_CACHE_DIR": str(cache), "HOME": str(cache)},
            capture_output=True,
            text=True,
            timeout=120,
        )

    try:
        yield repo, run_as
    finally:
        subprocess.run(["chmod", "-R", "u+rwx", str(shared)], check=False)
        shutil.rmtree(shared, ignore_errors=True)


Runner = tuple[Path, t.Callable[..., "subprocess.CompletedProcess[str]"]]


def _one_line_error(code: int, output: str, message: str) -> None:
    assert code == 2, output
    assert "Traceback" not in output
    assert [line for line in output.splitlines() if line.strip()] == [message]


def _snapshot(path: Path) -> dict[str, bytes]:
    return {
        p.relative_to(path).as_posix(): p.read_bytes()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("where", ["file", "folder"])
def test_read_only_mode_stops_a_fix_before_any_write(project: Path, where: str):
    """A file or folder without write permission in its mode stops the fix
    with one line before anything is written: a rename could replace a
    read-only file, and root could write through any mode, yet its owner
    meant it to stay.
    """
    (project / ".editorconfig").write_text("root = true\n")
    (project / ".github/workflows/zizmor.yaml").unlink()
    target = project / (".editorconfig" if where == "file" else ".github/workflows")
    target.chmod(0o444 if where == "file" else 0o555)
    before = _snapshot(project)

    try:
        result = CliRunner().invoke(main, ["check", "--fix", str(project)])
    finally:
        target.chmod(0o644 if where == "file" else 0o755)

    path = ".editorconfig" if where == "file" else ".github/workflows/zizmor.yaml"
    what = "it is" if where == "file" else "its folder is"
    _one_line_error(
        result.exit_code,
        result.output,
        f"Error: Cannot write {path}: {what} read-only.",
    )
    assert _snapshot(project) == before


@pytest.mark.parametrize("where", ["file", "folder"])
def test_unwritable_to_the_user_stops_a_fix_before_any_write(
    unprivileged: Runner, where: str
):
    """The same, where only the owner may write: the project belongs to
    the user who runs the fix, the file or folder to another.
    """
    repo, run_as = unprivileged
    (repo / ".editorconfig").write_text("root = true\n")
    (repo / ".github/workflows/zizmor.yaml").unlink()
    subprocess.run(["chown", "-R", "65534:65534", str(repo)], check=True)
    os.chown(repo / (".editorconfig" if where == "file" else ".github/workflows"), 0, 0)
    before = _snapshot(repo)
    result = run_as("check", "--fix")
    path = ".editorconfig" if where == "file" else ".github/workflows/zizmor.yaml"
    what = "it is" if where == "file" else "its folder is"
    _one_line_error(
        result.returncode,
        result.stderr,
        f"Error: Cannot write {path}: {what} read-only.",
    )
    assert _snapshot(repo) == before


@pytest.mark.parametrize("where", ["file", "folder"])
def test_unreadable_is_an_error_the_summary_counts(unprivileged: Runner, where: str):
    """A file or folder the user cannot read is reported on its own line,
    the run fails, and the summary says so rather than "0 failures".
    """
    repo, run_as = unprivileged
    name = "README.md" if where == "file" else "docs"
    (repo / name).chmod(0o000)
    full = run_as("check")
    concise = run_as("check", "--output-format", "concise")

    for result in (full, concise):
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        assert "Permission denied" in result.stdout

    summary = [line for line in full.stdout.splitlines() if "score" in line][0]
    assert re.search(r": [0-9]+ failures?, [1-9][0-9]* errors?, score", summary)
    assert re.search(
        r"^Found [0-9]+ failures?, [1-9][0-9]* errors?\.", concise.stdout, re.M
    )
