"""What the tests of the META rules share: the fixture's paths and the
edits that break or fix them.
"""

from __future__ import annotations

import typing as t
from pathlib import Path

from eco_lint import pythons
from eco_lint.fix import plan
from eco_lint.repo import Repo

from ...mutate import edit
from ...mutate import fix_of

PY = "pyproject.toml"
INIT = "src/flask_greeting/__init__.py"
TESTS = ".github/workflows/tests.yaml"
MAINTAINERS = (
    'maintainers = [{name = "Pallets Ecosystem", '
    'email = "contact@palletsprojects.com"}]'
)


def add_classifier(repo: Path, classifier: str) -> None:
    edit(
        repo,
        PY,
        '    "Typing :: Typed",',
        f'    "{classifier}",\n    "Typing :: Typed",',
    )


def add_version_classifier(path: Path) -> None:
    edit(
        path,
        PY,
        '    "Programming Language :: Python",\n',
        '    "Programming Language :: Python",\n'
        '    "Programming Language :: Python :: 3.11",\n',
    )


def fixed_files(path: Path, code: str) -> dict[str, str | None]:
    """The files one rule's fix would write, by path."""
    repo = Repo(path)
    fix = fix_of(repo, code)
    assert fix is not None
    changes, failed = plan(repo, [fix])
    assert failed == []
    return {c.path: c.new for c in changes}


def refusal_reason(path: Path, code: str) -> str:
    """Why a rule's fix changes nothing."""
    repo = Repo(path)
    fix = fix_of(repo, code)
    assert fix is not None
    changes, failed = plan(repo, [fix])
    assert changes == []
    ((_, reason),) = failed
    return reason


def require(version: str) -> t.Callable[[Path], None]:
    def apply(repo: Path) -> None:
        text = (repo / PY).read_text()
        old = text.split('requires-python = "', 1)[1].split('"', 1)[0]
        edit(repo, PY, f'requires-python = "{old}"', f'requires-python = ">={version}"')

    return apply


def drop_from_env_list(repo: Path) -> None:
    newest = pythons.show(pythons.newest_released())
    edit(repo, PY, f'"py{newest}", ', "")
    edit(repo, PY, f'"py{newest}t",', "")


def drop_from_matrix(repo: Path, name: str = TESTS) -> None:
    newest = pythons.show(pythons.newest_released())
    text = (repo / name).read_text()
    (repo / name).write_text(text.replace(f"'{newest}", "'3.14"))
