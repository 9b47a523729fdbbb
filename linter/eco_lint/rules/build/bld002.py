"""BLD002: flit_core builds the package in ``src/``."""

from __future__ import annotations

from ...edits.tables import TableUpdate
from ...fix import Fix
from ...registry import Fail
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Build
from .._base import is_pure_python
from .._pyproject import table_line
from ._backend import not_flit
from ._backend import PYPROJECT


def _module_exists(repo: Repo, name: str) -> bool:
    """Whether ``src/`` has the module of a dotted name."""
    path = name.replace(".", "/")
    return repo.is_file(f"src/{path}/__init__.py") or repo.is_file(f"src/{path}.py")


class BLD002(Build):
    """flit builds the package in src/

    ## What it does
    Checks that `[tool.flit.module] name` is set and names the import
    package under `src/`.

    ## Why
    Without it, flit_core derives the module from the distribution name,
    which does not match for names such as `Flask-Foo` (the package is
    `flask_foo`).
    A name that is not the package builds an empty or wrong wheel.

    ## Example
    ```toml
    [project]
    name = "Flask-Foo"
    ```
    with no `[tool.flit.module]`.

    Use instead:
    ```toml
    [tool.flit.module]
    name = "flask_foo"
    ```

    ## Fix
    Writes the table with the name of the one package found in `src/`.
    Safe.
    """

    weight = 2
    fixable = True

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return is_pure_python(repo)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        if skip := not_flit(repo):
            return skip

        module = repo.tool("flit", "module")
        name = module.get("name") if isinstance(module, dict) else None

        if not isinstance(name, str):
            fix = _fix(_packages(repo))
            return Fail("no [tool.flit.module] name", PYPROJECT, fix=fix)

        if not _module_exists(repo, name):
            packages = _packages(repo)
            found = ", ".join(packages) or "nothing"
            return Fail(
                f"[tool.flit.module] name is {name!r}, src/ has {found}",
                PYPROJECT,
                table_line(repo, PYPROJECT, "tool.flit.module", "name"),
                fix=_fix(packages),
            )

        return None


def _packages(repo: Repo) -> list[str]:
    """The names of the packages in ``src/``."""
    found = repo.glob(r"src/[A-Za-z_][A-Za-z0-9_]*/__init__\.py")
    return [p.split("/")[1] for p in found]


def _fix(packages: list[str]) -> Fix | None:
    """Name the one package in ``src/``; none when there are several."""
    if len(packages) != 1:
        return None

    (name,) = packages
    edit = TableUpdate(
        PYPROJECT,
        ("tool", "flit", "module"),
        values=(("name", name),),
        first=("flit", "module"),
    )
    return Fix(f"Build the package {name} with flit", "safe", (edit,))
