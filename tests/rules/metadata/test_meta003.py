"""META003: [project] is well-formed PEP 621 metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from eco_lint.repo import Repo

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import fix_of
from .helpers import fixed_files
from .helpers import MAINTAINERS
from .helpers import PY

FAILING = {
    "META003": [
        Case(
            lambda r: edit(
                r,
                PY,
                'readme = "README.md"',
                'readme = "README.md"\nauthor = "Pallets"',
            )
        ),
        Case(lambda r: edit(r, PY, 'name = "Flask-Greeting"\n', "")),
        Case(
            lambda r: edit(
                r,
                PY,
                'dependencies = [\n    "flask>=3.1",\n]',
                'dependencies = "flask>=3.1"',
            )
        ),
        # Which requirement was meant cannot be told.
        Case(lambda r: edit(r, PY, '"flask>=3.1"', '"flask => 3.1"'), fixable=False),
        Case(
            lambda r: edit(
                r, PY, 'readme = "README.md"', 'readme = {file = "README.md"}'
            )
        ),
    ],
}


def test_meta003_readme_table(make_repo):
    path: Path = make_repo()
    edit(
        path,
        PY,
        'readme = "README.md"',
        'readme = {file = "README.md", content-type = "text/markdown"}',
    )
    assert check_one(path, "META003").status == "pass"


def test_meta003_reports_unknown_key_line(make_repo):
    path: Path = make_repo()
    edit(path, PY, 'readme = "README.md"', 'readme = "README.md"\nhome-page = "x"')
    result = check_one(path, "META003")
    assert result.status == "fail"
    assert "use urls" in result.message
    assert result.line == 6


def test_meta003_fix_setuptools_people_and_urls(make_repo):
    path: Path = make_repo()
    edit(
        path,
        PY,
        MAINTAINERS,
        'author = "A, B"\nauthor_email = "a@example.com, b@example.com"\n'
        'home-page = "https://github.com/pallets-eco/flask-greeting/"',
    )
    text = fixed_files(path, "META003")[PY] or ""
    assert (
        'authors = [{name = "A", email = "a@example.com"}, '
        '{name = "B", email = "b@example.com"}]\n' in text
    )
    assert "author =" not in text and "home-page" not in text
    assert 'Source = "https://example.com/"' not in text


@pytest.mark.parametrize(
    "line", ['classifier = "X"', 'home-page = "https://example.com/"']
)
def test_meta003_fix_leaves_conflicting_spellings(make_repo, line):
    """Both spellings with different values, or a home page whose label
    has another URL: which one is right is the maintainer's call.
    """
    path: Path = make_repo()
    edit(path, PY, 'readme = "README.md"', f'readme = "README.md"\n{line}')
    assert fix_of(Repo(path), "META003") is None
