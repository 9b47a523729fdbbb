"""GHA011: The tests matrix runs every tox test env."""

from __future__ import annotations

import copy
import dataclasses
import re
import typing as t

from ...edits import Edit
from ...edits import FixConflict
from ...edits import Template
from ...edits.tables import TomlList
from ...edits.yaml import mapping
from ...edits.yaml import node
from ...edits.yaml import quoted
from ...edits.yaml import sequence
from ...edits.yaml import YamlChange
from ...edits.yaml import YamlSet
from ...fix import Fix
from ...registry import Fail
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .. import _workflows as wf
from .._base import Actions
from .._facts import tox_envs
from .._facts import workflow_of
from .._roles import workflow_for
from .._tox import env_list
from .._tox import standard_env_list

_ENV_LIST = ("tool", "tox", "env_list")
#: The envs of a Python, which run the test suite the matrix must cover.
_PYTHON_ENV = re.compile(r"(?:py|pypy)\d[\w.]*")


def _runs_tests(name: str) -> bool:
    """Whether an env runs the test suite: a Python's, the template's
    lowest-versions env, or Flask's tests-dev.
    """
    return bool(_PYTHON_ENV.fullmatch(name)) or name in (
        tox_envs().tests_min,
        "tests-dev",
    )


class GHA011(Actions):
    """The tests matrix runs every tox test env

    ## What it does
    Checks that the tests matrix and the tox `env_list` match both ways:
    every test env of `env_list` (`py3.X`, `py3.Xt`, `pypy3.X`, `tests-min`,
    `tests-dev`) has a matrix row, and every row runs an env of `env_list`.
    A row runs its `tox` value, or `py` and its `python` value. Rows for
    Windows and Mac repeat a version and are fine.

    ## Why
    `tox run` locally and CI should test the same set of Pythons. An env
    missing from the matrix is never tested in CI; a row missing from
    `env_list` is never tested locally.

    ## Example
    `env_list = ["py3.14", "py3.13", "py3.12", ...]` with no
    `{python: '3.12'}` row.

    Use instead: one row per test env, `{name: PyPy, python: 'pypy-3.11',
    tox: pypy3.11}` for envs whose name is not `py` and the version.

    ## Fix
    Add a matrix row for each test env of `env_list` that has none (the
    template's row for it where it has one), and remove the rows that run
    an env `env_list` does not have. A workflow without a matrix gets the
    template's `strategy` on its tests job. Unsafe: new rows run the tests
    where they never ran, and the project's own rows are never removed.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        template = workflow_of("tests")
        tests = workflow_for(repo, "tests", template) or template
        envs = env_list(repo)

        if envs is None:
            return Skip("no [tool.tox] env_list")

        if tests not in repo.workflows:
            return Skip(f"no {tests}")

        # The template edits only its own workflow.
        ours = tests == template
        rows = _matrix_rows(repo.workflows[tests])

        if rows is None:
            add = (lambda: _add_matrix(repo, std)) if ours else None
            return Fail("the tests workflow has no matrix", tests, fix=add)

        matrix = {_row_env(row) for row in rows} - {None}
        missing = [e for e in envs if _runs_tests(e) and e not in matrix]
        extra = sorted(str(e) for e in matrix if e not in envs)
        found = []

        if missing:
            found.append(f"no matrix row runs {', '.join(missing)}")

        if extra:
            found.append(f"matrix runs {', '.join(extra)}, not in env_list")

        if not found:
            return None

        line = repo.line_of(tests, r"^\s+matrix:")
        if not ours:
            return Fail("; ".join(found), tests, line)

        def match() -> Fix:
            return _match_matrix(repo, std, missing, extra)

        return Fail("; ".join(found), tests, line, fix=match)


def _add_matrix(repo: Repo, std: Standard) -> Fix | None:
    """Give the tests job the template's ``strategy``."""
    tests = workflow_of("tests")
    jobs = wf.jobs(repo.workflows[tests])
    source = next(
        (
            i
            for i, j in wf.jobs(std.yaml(tests)).items()
            if "strategy" in j and i in jobs
        ),
        None,
    )

    if source is None:
        return None

    route = ("jobs", source, "strategy")
    strategy = YamlSet(tests, route, Template(route), expected=std.text(tests))
    return Fix("Add the standard tests matrix", "unsafe", (strategy,))


def _match_matrix(repo: Repo, std: Standard, add: list[str], extra: list[str]) -> Fix:
    """Add rows for the ``add`` envs; of the ``extra`` rows, add the envs
    the template's env_list has to the project's, and remove the others.
    """
    tests = workflow_of("tests")
    data = repo.workflows[tests]
    job_id = next(
        i
        for i, j in wf.jobs(data).items()
        if _matrix_rows({"jobs": {i: j}}) is not None
    )
    known = standard_env_list(std)
    envs = tuple(e for e in extra if e in known)
    remove = tuple(e for e in extra if e not in known)
    python_max = std.answers.get("python_max")
    rows = _MatrixRows(
        tests,
        job_id,
        tuple(add),
        remove,
        None if python_max is None else str(python_max),
        expected=std.text(tests),
    )
    edits: list[Edit] = [rows]

    if envs:
        # Each after the envs that come before it in the template's.
        order = tuple(str(e) for e in known)
        edits.append(TomlList("pyproject.toml", _ENV_LIST, add=envs, like=order))

    if remove:
        return Fix("Match the tests matrix to env_list", "unsafe", tuple(edits))

    return Fix("Add the missing tests matrix rows and envs", "unsafe", tuple(edits))


@dataclasses.dataclass(frozen=True)
class _MatrixRows(YamlChange):
    """Remove the matrix rows that run the ``remove`` tox envs and add rows
    for the ``add`` envs: the template's row for that env where it has one.
    """

    job: str
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    #: The answers' ``python_max``, for a row the template has none for.
    python_max: str | None = None

    def change(self, data: t.Any, repo: Repo) -> None:
        route = ("jobs", self.job, "strategy", "matrix")
        matrix = node(data, route, f"{self.path} has no {'/'.join(route)}")

        if not isinstance(matrix, dict):
            raise FixConflict(f"the matrix of {self.path} is not a mapping")

        include: t.Any = matrix.get("include")
        python: t.Any = matrix.get("python")

        for index in reversed(range(len(include) if isinstance(include, list) else 0)):
            row = include[index]

            if isinstance(row, dict) and _row_env(row) in self.remove:
                del include[index]

        for index in reversed(range(len(python) if isinstance(python, list) else 0)):
            if _row_env({"python": python[index]}) in self.remove:
                del python[index]

        rows = [r for r in _matrix_rows(self.template(repo)) or [] if "os" not in r]

        for env in self.add:
            found = next((r for r in rows if _row_env(r) == env), None)
            row = copy.deepcopy(found) if found else _new_row(env, self.python_max)

            if isinstance(python, list) and list(row) == ["python"]:
                python.append(row["python"])
                continue

            if not isinstance(include, list):
                include = matrix["include"] = sequence()

            include.append(row)


def _new_row(env: str, python_max: str | None) -> t.Any:
    """A matrix row for a tox env the template has no row for."""
    row = mapping(flow=True)
    python = re.fullmatch(r"py(\d[\w.]*)", env)
    pypy = re.fullmatch(r"pypy(\d[\w.]*)", env)

    if python:
        row["python"] = quoted(python[1])
    else:
        version = f"pypy-{pypy[1]}" if pypy else python_max

        if version is None:
            raise FixConflict("the answers have no python_max")

        row["name"] = "PyPy" if pypy else env
        row["python"] = quoted(version)
        row["tox"] = env

    return row


def _matrix_rows(data: t.Any) -> list[dict[str, t.Any]] | None:
    """The rows of the first job with a matrix: its ``include`` entries and
    the values of a ``python`` list.
    """
    for job in wf.jobs(data).values():
        strategy = job.get("strategy")
        matrix = strategy.get("matrix") if isinstance(strategy, dict) else None

        if not isinstance(matrix, dict):
            continue

        include = matrix.get("include")
        rows = [r for r in include if isinstance(r, dict)] if include else []
        python = matrix.get("python")

        if isinstance(python, list):
            rows += [{"python": value} for value in python]

        return rows

    return None


def _row_env(row: dict[str, t.Any]) -> str | None:
    """The tox env a row runs, as the template's ``TOX_ENV`` picks it."""
    if row.get("tox"):
        return str(row["tox"])

    if "python" in row:
        return f"py{row['python']}"

    return None
