"""DOC001: its failing cases and its own tests."""

from __future__ import annotations

from ...mutate import append
from ...mutate import Case
from ...mutate import delete
from ...mutate import edit
from ...mutate import move
from ...mutate import write
from .helpers import fix_all
from .helpers import OLD_RTD
from .helpers import RTD

FAILING = {
    "DOC001": [
        Case(lambda r: delete(r, RTD)),
        Case(lambda r: edit(r, RTD, "ubuntu-24.04", "ubuntu-22.04")),
        Case(
            lambda r: append(
                r,
                RTD,
                "python:\n  install:\n    - requirements: docs/requirements.txt\n",
            )
        ),
        Case(lambda r: append(r, RTD, "sphinx:\n  configuration: docs/conf.py\n")),
        Case(
            lambda r: edit(
                r, RTD, "uv run --group docs sphinx-build", "python -m sphinx"
            )
        ),
        Case(lambda r: edit(r, RTD, "    - asdf global uv latest\n", "")),
        Case(lambda r: move(r, RTD, ".readthedocs.yml")),
        Case(lambda r: write(r, RTD, OLD_RTD + "formats:\n  - pdf\n")),
    ],
}


def test_doc001_fix_keeps_other_keys(quick_repo):
    path = quick_repo()
    expected = (path / RTD).read_text()
    write(path, RTD, OLD_RTD + "formats:\n  - pdf\n")
    fix_all(path)
    assert (path / RTD).read_text() == expected + "formats:\n  - pdf\n"
