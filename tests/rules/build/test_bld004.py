from __future__ import annotations

from pathlib import Path

import pytest

from ...mutate import Case
from ...mutate import check_one
from .helpers import c_extension
from .helpers import C_EXTENSION_BREAKS

FAILING = {
    # The base render is pure Python, where BLD004 does not apply: each case
    # first makes it a correct C-extension project, then breaks one thing.
    "BLD004": [Case(brk, prepare=c_extension) for brk in C_EXTENSION_BREAKS],
}


@pytest.mark.parametrize("brk", C_EXTENSION_BREAKS, ids=lambda f: f.__name__)
def test_bld004_c_extension_fails(make_repo, brk):
    path: Path = make_repo()
    c_extension(path)
    brk(path)
    result = check_one(path, "BLD004")
    assert result.status == "fail", result
    assert result.message
