"""TOX002: Every env runs pytest through the uv lock."""

from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from .helpers import P

FAILING = {
    "TOX002": [
        Case(lambda r: edit(r, P, '"uv-venv-lock-runner"', '"uv-venv-runner"')),
        Case(lambda r: edit(r, P, "use_frozen_constraints = true\n", "")),
        Case(lambda r: edit(r, P, '    "pytest", "-v", ', '    "pytest", ')),
    ],
}


def test_tox002_extra_keys(make_repo):
    """flask keeps env_tmp_dir and werkzeug uv_python_preference."""
    path: Path = make_repo()
    edit(
        path,
        P,
        'package = "wheel"\n',
        'package = "wheel"\nenv_tmp_dir = "{toxworkdir}/tmp/{envname}"\n'
        'uv_python_preference = "managed"\n',
    )
    assert check_one(path, "TOX002").status == "pass"
