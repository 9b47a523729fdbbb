"""Tests that span several BLD rules."""

from __future__ import annotations

from pathlib import Path

from ...mutate import check_one
from ...mutate import edit
from .helpers import c_extension
from .helpers import PY


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


def test_bld003_checked_when_the_flit_core_bound_fails(make_repo):
    """Werkzeug requires ``flit_core<4``: BLD001 fails for the bound, and
    the sdist config is still checked, not hidden behind it.
    """
    path: Path = make_repo()
    edit(path, PY, '"flit_core>=3.11,<4"', '"flit_core<4"')
    assert check_one(path, "BLD001").status == "fail"
    assert check_one(path, "BLD003").status == "pass"
    edit(path, PY, '    "uv.lock",\n', "")
    assert check_one(path, "BLD003").status == "fail"
