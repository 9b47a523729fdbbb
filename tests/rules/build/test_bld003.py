from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import write
from .helpers import FLIT_TABLES
from .helpers import PY

FAILING = {
    "BLD003": [
        Case(lambda r: edit(r, PY, '    "uv.lock",\n', "")),
        Case(lambda r: edit(r, PY, '    "docs/",\n    "tests/",\n', '    "docs/",\n')),
        Case(
            lambda r: edit(
                r, PY, '    "uv.lock",\n', '    "uv.lock",\n    "examples/",\n'
            )
        ),
        Case(lambda r: edit(r, PY, '    "docs/_build/",\n', "")),
        Case(
            lambda r: edit(
                r, PY, FLIT_TABLES, '[tool.flit.module]\nname = "flask_greeting"\n\n'
            )
        ),
    ],
}


def test_bld003_examples_when_present(make_repo):
    """Flask and Werkzeug put their examples in the sdist."""
    path: Path = make_repo()
    write(path, "examples/hello/app.py", "print('hello')\n")
    edit(path, PY, '    "docs/",\n', '    "docs/",\n    "examples/",\n')
    assert check_one(path, "BLD003").status == "pass"


def test_bld003_unlisted_examples(make_repo):
    """Click has examples/ and leaves them out of the sdist."""
    path: Path = make_repo()
    write(path, "examples/hello/app.py", "print('hello')\n")
    assert check_one(path, "BLD003").status == "pass"
