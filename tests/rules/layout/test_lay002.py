from __future__ import annotations

from pathlib import Path

import pytest

from ...mutate import append
from ...mutate import Case
from ...mutate import check_one
from ...mutate import delete
from ...mutate import write
from .helpers import fix_outcome
from .helpers import untyped

FAILING = {
    "LAY002": [Case(lambda r: delete(r, "src/flask_greeting/py.typed"))],
}


def test_lay002_does_not_promise_types_for_an_untyped_package(make_repo):
    path: Path = make_repo()
    untyped(path)
    assert check_one(path, "LAY002").status == "fail"
    _, _, refused = fix_outcome(path, "LAY002")
    assert len(refused) == 1 and "not typed" in refused[0]
    assert "py.typed" in refused[0]


@pytest.mark.parametrize(
    ("config", "applicability"),
    [("strict = true\n", "safe"), ("", "unsafe")],
)
def test_lay002_follows_the_annotations_and_mypy(make_repo, config, applicability):
    """A package annotated throughout: mypy strict checks every annotation,
    a lighter config does not.
    """
    path: Path = make_repo()
    untyped(path)
    write(
        path,
        "src/flask_greeting/utils.py",
        "def login_url(login_view: str, next_url: str | None = None) -> str:\n"
        "    return login_view\n",
    )
    append(path, "pyproject.toml", f'\n[tool.mypy]\nfiles = ["src"]\n{config}')
    assert fix_outcome(path, "LAY002") == (applicability, "Add the py.typed marker", [])


def test_lay002_mypy_config_alone_is_no_evidence(make_repo):
    """A fix may add the template's mypy config before this one runs: the
    config alone does not make unannotated functions typed.
    """
    path: Path = make_repo()
    untyped(path)
    append(path, "pyproject.toml", '\n[tool.mypy]\nfiles = ["src"]\nstrict = true\n')
    _, _, refused = fix_outcome(path, "LAY002")
    assert len(refused) == 1 and "not typed" in refused[0]


def test_lay002_safe_when_typed_is_recorded(make_repo):
    path: Path = make_repo()
    untyped(path, "true")
    assert fix_outcome(path, "LAY002") == ("safe", "Add the py.typed marker", [])


def test_lay002_does_not_apply_when_untyped_is_recorded(make_repo):
    """Adoption records ``typed: false`` for a package without py.typed."""
    path: Path = make_repo()
    untyped(path, "false")
    assert check_one(path, "LAY002").status == "n/a"
