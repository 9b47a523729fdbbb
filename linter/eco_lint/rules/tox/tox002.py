"""TOX002: the envs run pytest through the uv lock."""

from __future__ import annotations

from ...edits import Edit
from ...edits import Template
from ...edits.toml import TomlSet
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Tox
from .._edits import carrying
from .._pyproject import PYPROJECT
from .._tox import standard_tox
from ._tox import compare
from ._tox import set_keys

_PATH = ("tool", "tox", "env_run_base")


class TOX002(Tox):
    """Every env runs pytest through the uv lock

    ## What it does
    Checks that `[tool.tox.env_run_base]` has each key of the template's,
    with the template's value: the `uv-venv-lock-runner`, a wheel built
    once in `.pkg`, frozen constraints, the `tests` group and the standard
    pytest command. Extra keys are fine.

    ## Why
    Testing the built wheel catches files missing from it. The lock runner
    installs the locked versions, so tox runs match CI and each other.

    ## Example
    `deps = ["pytest"]` and `commands = [["pytest"]]`, or no `runner`.

    Use instead: the template's `env_run_base`.

    ## Fix
    Set the template's keys, keeping extra ones. Unsafe: the tests then
    run from `uv.lock`, which must exist and be current.
    """

    weight = 2
    fixable = True
    requires = frozenset({"TOX001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found = repo.tool("tox", "env_run_base")

        if not isinstance(found, dict) or not found:
            edits: tuple[Edit, ...] = (TomlSet(PYPROJECT, _PATH, Template(_PATH)),)
            failed = [Fail("no [tool.tox.env_run_base] table", PYPROJECT)]
        else:
            expected = standard_tox(std)["env_run_base"]
            edits = set_keys(found, expected, _PATH)
            failed = compare(repo, None, found, expected)

        fix = Fix("Run the tests through the uv lock", "unsafe", edits)
        return carrying(failed, fix)
