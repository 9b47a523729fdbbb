"""BLD001: the package builds with the template's backend."""

from __future__ import annotations

import dataclasses
import typing as t

from ...edits import Template
from ...edits.toml import TomlSet
from ...fix import Fix
from ...fix import refusal
from ...registry import Fail
from ...repo import Repo
from ...standard import Standard
from .._base import Build
from .._base import is_pure_python
from .._facts import backend
from .._migration import migration_blocker
from .._pyproject import standard_table
from .._pyproject import table_line
from ._backend import build_system
from ._backend import BuildSystem
from ._backend import PYPROJECT
from ._backend import same_requirements


class BLD001(Build):
    """Builds with flit_core

    ## What it does
    For a pure Python project, checks that `[build-system]` is the
    template's: `requires = ["flit_core>=3.11,<4"]` and
    `build-backend = "flit_core.buildapi"`. The `flit-core` spelling is
    accepted.

    ## Why
    Every Pallets project builds with flit_core: it needs no configuration
    beyond `[project]`, and it builds reproducible sdists and wheels.
    flit_core before 3.11 cannot read an SPDX `license` string and stops
    with "license field should be <class 'dict'>".

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools>=61", "wheel"]
    build-backend = "setuptools.build_meta"
    ```

    Use instead: the template's `[build-system]`.

    ## Fix
    Writes the template's `[build-system]` table. Safe when the backend is
    already flit_core; unsafe when it replaces another backend, whose
    configuration BLD005 moves to `[project]`. It refuses, naming the
    reason, when the move would lose what the project ships: a version
    from git tags (setuptools_scm, hatch-vcs), a build hook (hatch hooks,
    `cmdclass`), files installed outside the package, or metadata that
    `setup.py` computes in code.
    """

    weight = 3
    fixable = True

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return is_pure_python(repo)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | None:
        system = build_system(repo)
        expected = standard_table(std, "build-system")
        failed = _failure(repo, system, expected)

        if failed is None:
            return None

        # The fix reads the other tools' configuration, which the verdict
        # does not: it is worked out when fixes are made.
        return dataclasses.replace(failed, fix=lambda: _fix(repo, system, expected))


def _failure(
    repo: Repo, system: BuildSystem, expected: dict[str, t.Any]
) -> Fail | None:
    """How the project's ``[build-system]`` differs from the template's."""
    found = system.table

    if found is None:
        return Fail(
            "no [build-system] table",
            PYPROJECT if repo.is_file(PYPROJECT) else None,
        )

    if system.backend != expected["build-backend"]:
        return Fail(
            f"build-backend is {system.backend!r}",
            PYPROJECT,
            table_line(repo, PYPROJECT, "build-system", "build-backend"),
        )

    if not same_requirements(system.requires, expected["requires"]):
        return Fail(
            f"build requires {system.requires!r}, not {expected['requires']!r}",
            PYPROJECT,
            table_line(repo, PYPROJECT, "build-system", "requires"),
        )

    extra = sorted(set(found) - set(expected))

    if extra:
        line = table_line(repo, PYPROJECT, "build-system")
        return Fail(f"[build-system] sets {', '.join(extra)}", PYPROJECT, line)

    return None


def _fix(repo: Repo, system: BuildSystem, expected: dict[str, t.Any]) -> Fix:
    """Write the template's table; refused when the move from another
    backend would lose what the project ships.
    """
    if system.table is not None:
        same = system.backend == expected["build-backend"]
    else:  # without the table, pip builds setup.py with setuptools
        same = not repo.is_file("setup.py") and not repo.is_file("setup.cfg")

    title = f"Build with {backend().name}"

    if not same and (reason := migration_blocker(repo)):
        return refusal(title, reason)

    edit = TomlSet(PYPROJECT, ("build-system",), Template(("build-system",)))
    return Fix(title, "safe" if same else "unsafe", (edit,))
