"""Shared helpers of the LAY rules' tests."""

from __future__ import annotations

from pathlib import Path

from ...mutate import delete
from ...mutate import edit
from ...mutate import fix_of
from ...mutate import write


def untyped(repo: Path, answer: str | None = None) -> None:
    """Flask-Login: no ``py.typed``, no ``Typing :: Typed``, no mypy or
    pyright config, functions without annotations; ``answer`` is the
    ``typed`` answer it records, if any.
    """
    delete(repo, "src/flask_greeting/py.typed")
    write(
        repo,
        "src/flask_greeting/utils.py",
        'def login_url(login_view, next_url=None, next_field="next"):\n'
        "    return login_view\n",
    )
    edit(repo, "pyproject.toml", '    "Typing :: Typed",\n', "")
    text = (repo / "pyproject.toml").read_text()
    start, end = text.index("[tool.mypy]"), text.index("[tool.ruff]")
    write(repo, "pyproject.toml", text[:start] + text[end:])

    if answer is None:
        delete(repo, ".copier-answers.yml")
    else:
        edit(repo, ".copier-answers.yml", "typed: true", f"typed: {answer}")


def fix_outcome(path: Path, code: str) -> tuple[str, str, list[str]]:
    """A rule's fix: its applicability, title and refusals."""
    from eco_lint.fix import plan
    from eco_lint.repo import Repo

    repo = Repo(path)
    fix = fix_of(repo, code)
    assert fix is not None
    _, failed = plan(repo, [fix])
    return fix.applicability, fix.title, [reason for _, reason in failed]
