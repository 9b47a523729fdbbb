"""What the tests of the CFG rules share: tool settings still in
``setup.cfg``, and running their fixes.
"""

from __future__ import annotations

from pathlib import Path

from eco_lint.check import fix_repository
from eco_lint.settings import Settings

from ...mutate import write
from ..deps.helpers import drop_table

P = "pyproject.toml"
SETUP_CFG = """\
[tool:pytest]
testpaths = tests
filterwarnings =
    error
    ignore::UserWarning

[coverage:run]
branch = True
source =
    flask_greeting
    tests

[flake8]
max-line-length = 80

[mypy]
files = src/flask_greeting
python_version = 3.10
strict = True

[mypy-flask_greeting.vendor.*]
ignore_errors = True
"""


def setup_cfg(repo: Path, *tables: str) -> None:
    """Tool settings still in setup.cfg (G0), in place of these tables."""
    write(repo, "setup.cfg", SETUP_CFG)

    for table in tables:
        drop_table(repo, table)


def fixed(path: Path, *codes: str) -> tuple[str, ...]:
    run = fix_repository(str(path), Settings(select=codes), ("safe", "unsafe"))
    return run.written
