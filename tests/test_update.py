"""``eco-lint update`` runs ``copier update`` as a maintainer would, shows
what it does, asks or names the questions a new version adds, and fails
with the next steps when conflicts remain.
"""

from __future__ import annotations

import sys
import typing as t
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from eco_lint.cli import main

from .conftest import copied_project
from .conftest import run
from .conftest import update
from .conftest import V2

#: A version that adds a question with a default, then one without.
ASKS_DEFAULT = "99.1.0"
ASKS_REQUIRED = "99.2.0"


@pytest.fixture(scope="module")
def asking(
    versions: Path, env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The template with two more versions, each adding a question."""
    repo = tmp_path_factory.mktemp("asking") / "template"
    run(["git", "clone", "-q", versions, repo], repo.parent, env)

    for tag, question in (
        (ASKS_DEFAULT, "chat_url:\n  type: str\n  default: https://chat.example\n"),
        (ASKS_REQUIRED, "team:\n  type: str\n  help: The maintainers' team\n"),
    ):
        with (repo / "copier.yml").open("a") as f:
            f.write(f"\n{question}")

        run(["git", "commit", "-q", "-am", tag], repo, env)
        run(["git", "tag", tag], repo, env)

    return repo


def _answers(path: Path) -> dict[str, t.Any]:
    return t.cast(
        dict[str, t.Any], yaml.safe_load((path / ".copier-answers.yml").read_text())
    )


def _status(path: Path, env: dict[str, str]) -> str:
    return run(["git", "status", "--porcelain"], path, env).stdout


def test_pretend_thenupdate(
    versions: Path, template_tag: str, env: dict[str, str], tmp_path: Path
):
    """``--pretend`` tells what would change and writes nothing; the update
    then changes just that, with Copier's messages shown.
    """
    path = copied_project(versions, template_tag, env, tmp_path)
    pretend = update(path, env, "--vcs-ref", V2, "--pretend")
    assert pretend.returncode == 0, pretend.stderr
    would, done = pretend.stdout.splitlines()
    assert would.startswith("would change: ") and ".github/CODEOWNERS" in would
    assert done == "pretend: nothing was written"
    assert _status(path, env) == ""

    result = update(path, env, "--vcs-ref", V2)
    assert result.returncode == 0, result.stderr
    assert f"Updating to template version {V2}" in result.stderr
    assert "git diff --name-only --diff-filter=U" in result.stderr
    changed, done = result.stdout.splitlines()
    assert changed == would.replace("would change: ", "changed: ")
    assert done == "updated with no conflict; review 'git diff', then commit"
    assert _answers(path)["_commit"] == V2


def test_defaults_stop_on_a_question_without_one(
    asking: Path, template_tag: str, env: dict[str, str], tmp_path: Path
):
    path = copied_project(asking, template_tag, env, tmp_path)
    result = update(path, env, "--vcs-ref", ASKS_REQUIRED, "--defaults")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: The new template version asks 'team', which has no default;"
        " give it with --data team=VALUE."
    )
    assert "Traceback" not in result.stderr
    assert _status(path, env) == ""

    # Given, the other new question takes its default, and is named.
    given = update(
        path, env, "--vcs-ref", ASKS_REQUIRED, "--defaults", "--data", "team=core"
    )
    assert given.returncode == 0, given.stderr
    assert given.stdout.startswith(
        "New questions took their defaults (see .copier-answers.yml): chat_url\n"
    )
    assert _answers(path)["team"] == "core"
    assert _answers(path)["chat_url"] == "https://chat.example"


def _interact(
    args: list[str], cwd: Path, env: dict[str, str], replies: dict[str, str]
) -> tuple[int, str]:
    """Run a command in a terminal; each time its output ends with a
    prompt in ``replies``, type the reply.
    """
    import os
    import pty
    import select

    pid, fd = pty.fork()

    if pid == 0:  # pragma: no cover - the child
        os.chdir(cwd)
        os.execve(args[0], args, {**env, "TERM": "dumb", "COLUMNS": "200"})

    output, answered = "", set()

    while True:
        ready, _, _ = select.select([fd], [], [], 60)
        assert ready, f"no output for 60 s:\n{output}"

        try:
            chunk = os.read(fd, 4096).decode(errors="replace")
        except OSError:
            break

        if not chunk:
            break

        output += chunk

        for prompt, reply in replies.items():
            if prompt not in answered and prompt in output:
                answered.add(prompt)
                os.write(fd, reply.encode())

    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output


def test_asks_the_new_questions(
    asking: Path, template_tag: str, env: dict[str, str], tmp_path: Path
):
    """In a terminal, the questions the new version adds are asked, and
    only those.
    """
    path = copied_project(asking, template_tag, env, tmp_path)
    code, output = _interact(
        [sys.executable, "-m", "eco_lint", "update", ".", "--vcs-ref", ASKS_REQUIRED],
        path,
        env,
        {"chat_url": "\r", "The maintainers' team": "core\r"},
    )
    assert code == 0, output
    assert "project_name" not in output
    assert _answers(path)["team"] == "core"
    assert _answers(path)["chat_url"] == "https://chat.example"


def test_update_reports_conflicts(
    versions: Path, template_tag: str, env: dict[str, str], tmp_path: Path
):
    """Where the project and the new version change the same lines, the
    update exits 1, names the file and says what to do, where Copier exits 0.
    """
    path = copied_project(versions, template_tag, env, tmp_path)
    pyproject = path / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace(
            'testpaths = ["tests"]\n', 'testpaths = ["tests", "more"]\n'
        )
    )
    run(["git", "commit", "-q", "-am", "change the lines v2 changes"], path, env)
    result = update(path, env, "--vcs-ref", V2)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[1:3] == ["Conflicts remain in:", "  pyproject.toml"]
    assert "'git add' the files" in lines[3] and "commit" in lines[3]


def test_update_refuses_a_dirty_repository(
    versions: Path, template_tag: str, env: dict[str, str], tmp_path: Path
):
    path = copied_project(versions, template_tag, env, tmp_path)
    (path / "README.md").write_text("changed\n")
    result = update(path, env)
    assert result.returncode == 2
    assert "dirty" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_copier_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setitem(sys.modules, "copier", None)
    (tmp_path / "pyproject.toml").write_text("")
    result = CliRunner().invoke(main, ["update", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output == (
        "Error: eco-lint update needs Copier 9.7 or newer:"
        " pip install 'eco-lint[update]'.\n"
    )
