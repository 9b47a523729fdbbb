from __future__ import annotations

from pathlib import Path

import pytest

from .mutate import append
from .mutate import Case
from .mutate import check_one
from .mutate import delete
from .mutate import edit
from .mutate import write

PY = "pyproject.toml"
FLIT_BACKEND = 'requires = ["flit_core>=3.11,<4"]\nbuild-backend = "flit_core.buildapi"'
FLIT_TABLES = (
    '[tool.flit.module]\nname = "flask_greeting"\n\n'
    "[tool.flit.sdist]\n"
    'include = [\n    "docs/",\n    "tests/",\n    "CHANGES.md",\n    "uv.lock",\n]\n'
    'exclude = [\n    "docs/_build/",\n]\n\n'
)
SETUP_PY = """\
from setuptools import Extension
from setuptools import setup

setup(
    ext_modules=[
        Extension("flask_greeting._speedups", ["src/flask_greeting/_speedups.c"])
    ],
)
"""
MANIFEST_IN = """\
include CHANGES.md
include uv.lock
graft docs
prune docs/_build
graft tests
include src/flask_greeting/py.typed
global-exclude *.pyc
"""


def c_extension(repo: Path) -> None:
    """Turn the flask-eco-mit render into a C-extension project that
    follows the standard's MarkupSafe variant.
    """
    write(repo, "src/flask_greeting/_speedups.c", "#include <Python.h>\n")
    edit(
        repo,
        PY,
        FLIT_BACKEND,
        'requires = ["setuptools>=77"]\nbuild-backend = "setuptools.build_meta"',
    )
    edit(repo, PY, FLIT_TABLES, "")
    write(repo, "setup.py", SETUP_PY)
    write(repo, "MANIFEST.in", MANIFEST_IN)


def _old_setuptools(repo: Path) -> None:
    edit(repo, PY, '"setuptools>=77"', '"setuptools>=61"')


def _setup_metadata(repo: Path) -> None:
    edit(repo, "setup.py", "setup(\n", 'setup(\n    name="Flask-Greeting",\n')


def _no_manifest(repo: Path) -> None:
    delete(repo, "MANIFEST.in")


def _flit_backend(repo: Path) -> None:
    edit(repo, PY, '"setuptools.build_meta"', '"flit_core.buildapi"')


C_EXTENSION_BREAKS = [_old_setuptools, _setup_metadata, _no_manifest, _flit_backend]


FAILING = {
    "BLD001": [
        Case(lambda r: edit(r, PY, '"flit_core>=3.11,<4"', '"flit_core<4"')),
        Case(
            lambda r: edit(
                r,
                PY,
                FLIT_BACKEND,
                'requires = ["hatchling"]\nbuild-backend = "hatchling.build"',
            )
        ),
        Case(
            lambda r: edit(r, PY, FLIT_BACKEND, f'{FLIT_BACKEND}\nbackend-path = ["."]')
        ),
    ],
    "BLD002": [
        Case(lambda r: edit(r, PY, 'name = "flask_greeting"', 'name = "flask_greet"')),
        Case(
            lambda r: edit(r, PY, '[tool.flit.module]\nname = "flask_greeting"\n', "")
        ),
    ],
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
    # The base render is pure Python, where BLD004 does not apply: each case
    # first makes it a correct C-extension project, then breaks one thing.
    "BLD004": [Case(brk, prepare=c_extension) for brk in C_EXTENSION_BREAKS],
    "BLD005": [
        Case(
            lambda r: write(r, "setup.py", "from setuptools import setup\n\nsetup()\n")
        ),
        Case(lambda r: write(r, "MANIFEST.in", "include uv.lock\n")),
        Case(lambda r: write(r, "setup.cfg", "[metadata]\nname = Flask-Greeting\n")),
        Case(lambda r: append(r, PY, "\n[tool.hatch.build]\nonly-packages = true\n")),
        Case(lambda r: append(r, PY, '\n[tool.poetry]\nname = "flask-greeting"\n')),
    ],
}


def test_bld001_flit_core_hyphen(make_repo):
    """Flask and Quart have written the requirement as ``flit-core``."""
    path: Path = make_repo()
    edit(path, PY, '"flit_core>=3.11,<4"', '"flit-core<4,>=3.11"')
    assert check_one(path, "BLD001").status == "pass"


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


def test_bld004_c_extension_passes(make_repo):
    """The MarkupSafe form: setuptools, an extension-only setup.py and a
    MANIFEST.in, where the flit rules do not apply.
    """
    path: Path = make_repo()
    assert check_one(path, "BLD004").status == "n/a"
    c_extension(path)
    assert check_one(path, "BLD004").status == "pass"
    assert check_one(path, "BLD001").status == "n/a"
    assert check_one(path, "BLD005").status == "n/a"


@pytest.mark.parametrize("brk", C_EXTENSION_BREAKS, ids=lambda f: f.__name__)
def test_bld004_c_extension_fails(make_repo, brk):
    path: Path = make_repo()
    c_extension(path)
    brk(path)
    result = check_one(path, "BLD004")
    assert result.status == "fail", result
    assert result.message
