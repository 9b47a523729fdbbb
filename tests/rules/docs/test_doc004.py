"""DOC004: its failing cases and its own tests."""

from __future__ import annotations

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import write
from .helpers import fix_all
from .helpers import OLD_RTD
from .helpers import RTD

FAILING = {
    "DOC004": [
        Case(
            lambda r: edit(
                r,
                "pyproject.toml",
                '"sphinx-build", "-E", "-W",',
                '"sphinx-build", "-E",',
            )
        ),
        Case(
            lambda r: edit(
                r, "pyproject.toml", '"sphinx-autobuild", "-W",', '"sphinx-autobuild",'
            )
        ),
        Case(lambda r: edit(r, RTD, "sphinx-build -W", "sphinx-build")),
        Case(lambda r: write(r, RTD, OLD_RTD)),
        Case(
            lambda r: write(
                r,
                "tox.ini",
                "[testenv:docs]\ncommands = sphinx-build -b dirhtml docs docs/_build\n",
            )
        ),
    ],
}


def test_doc004_todo_is_reported(quick_repo):
    path = quick_repo()
    edit(
        path,
        "pyproject.toml",
        'commands = [["sphinx-build", "-E", "-W",',
        '# TODO fix warnings and add -W\ncommands = [["sphinx-build", "-E",',
    )
    result = check_one(path, "DOC004")
    assert result.status == "fail"
    assert "TODO" in result.message


def test_doc004_read_the_docs_own_build(quick_repo):
    """The old config lets Read the Docs run Sphinx, with fail_on_warning."""
    path = quick_repo()
    old = (
        "version: 2\nbuild:\n  os: ubuntu-22.04\n  tools:\n    python: '3.12'\n"
        "python:\n  install:\n    - method: pip\n      path: .\n"
        "sphinx:\n  builder: dirhtml\n"
    )
    write(path, RTD, old + "  fail_on_warning: true\n")
    assert check_one(path, "DOC004").status == "pass"
    write(path, RTD, old)
    assert check_one(path, "DOC004").status == "fail"


def test_doc004_fix_tox_ini(quick_repo):
    path = quick_repo()
    write(
        path,
        "tox.ini",
        "[testenv:docs]\n# sphinx-build docs\ncommands =\n"
        "    sphinx-build -b dirhtml docs docs/_build\n",
    )
    fix_all(path, "DOC004")
    assert (path / "tox.ini").read_text() == (
        "[testenv:docs]\n# sphinx-build docs\ncommands =\n"
        "    sphinx-build -W -b dirhtml docs docs/_build\n"
    )


def test_doc004_fix_read_the_docs_own_build(quick_repo):
    path = quick_repo()
    write(path, RTD, OLD_RTD)
    fix_all(path, "DOC004")
    assert (path / RTD).read_text() == OLD_RTD + "  fail_on_warning: true\n"
