"""GHA011: The tests matrix runs every tox test env."""

from __future__ import annotations

import copy
import dataclasses
import re
import typing as t

from ...edits import Edit
from ...edits import FixConflict
from ...edits import keep_newlines
from ...fix import Fix
from ...registry import Fail
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from ...standard import standard_for
from .. import _workflows as wf
from .._base import Actions
from .._roles import workflow_for
from ._common import TESTS
from ._edits import node
from ._edits import SetFromTemplate
from ._edits import WorkflowChange

#: tox envs that run the test suite, which the tests matrix must cover.
_TEST_ENV = re.compile(r"(?:py|pypy)\d[\w.]*|tests-min|tests-dev")


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
        tests = workflow_for(repo, "tests", TESTS) or TESTS

        env_list = repo.tool("tox", "env_list")

        if not isinstance(env_list, list):
            return Skip("no [tool.tox] env_list")

        if tests not in repo.workflows:
            return Skip(f"no {tests}")

        rows = _matrix_rows(repo.workflows[tests])

        if rows is None:
            return Fail("the tests workflow has no matrix", tests)

        matrix = {_row_env(row) for row in rows} - {None}
        envs = [str(e) for e in env_list]
        missing = [e for e in envs if _TEST_ENV.fullmatch(e) and e not in matrix]
        extra = sorted(str(e) for e in matrix if e not in envs)
        line = repo.line_of(tests, r"^\s+matrix:")

        found = []

        if missing:
            found.append(f"no matrix row runs {', '.join(missing)}")

        if extra:
            found.append(f"matrix runs {', '.join(extra)}, not in env_list")

        return Fail("; ".join(found), tests, line) if found else None

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if workflow_for(repo, "tests", TESTS) not in (TESTS, None):
            return None  # the template edits only its own workflow

        env_list = [str(e) for e in repo.tool("tox", "env_list")]
        data = repo.workflows[TESTS]
        job_id = next(
            (
                i
                for i, j in wf.jobs(data).items()
                if _matrix_rows({"jobs": {i: j}}) is not None
            ),
            None,
        )

        if job_id is None:
            source = next(
                (
                    i
                    for i, j in wf.jobs(std.yaml(TESTS)).items()
                    if "strategy" in j and i in wf.jobs(data)
                ),
                None,
            )

            if source is None:
                return None

            strategy = SetFromTemplate(TESTS, ("jobs", source, "strategy"))
            return Fix("Add the standard tests matrix", "unsafe", (strategy,))

        standard = std.toml("pyproject.toml").get("tool", {})
        known = standard.get("tox", {}).get("env_list", [])
        matrix = {_row_env(row) for row in _matrix_rows(data) or []} - {None}
        add = [e for e in env_list if _TEST_ENV.fullmatch(e) and e not in matrix]
        extra = sorted(str(e) for e in matrix if e not in env_list)
        envs = tuple(e for e in extra if e in known)
        remove = tuple(e for e in extra if e not in known)
        edits: list[Edit] = [_MatrixRows(TESTS, job_id, tuple(add), remove)]

        if envs:
            edits.append(_AddEnvs("pyproject.toml", envs))

        if remove:
            return Fix("Match the tests matrix to env_list", "unsafe", tuple(edits))

        return Fix("Add the missing tests matrix rows and envs", "unsafe", tuple(edits))


@dataclasses.dataclass(frozen=True)
class _MatrixRows(WorkflowChange):
    """Remove the matrix rows that run the ``remove`` tox envs and add rows
    for the ``add`` envs: the template's row for that env where it has one.
    """

    job: str
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()

    def change(self, data: t.Any, repo: Repo) -> None:
        from ruamel.yaml.comments import CommentedSeq

        matrix = node(data, ("jobs", self.job, "strategy", "matrix"), self.path)

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
            row = copy.deepcopy(found) if found else _new_row(env, repo)

            if isinstance(python, list) and list(row) == ["python"]:
                python.append(row["python"])
                continue

            if not isinstance(include, list):
                include = matrix["include"] = CommentedSeq()

            include.append(row)


def _new_row(env: str, repo: Repo) -> t.Any:
    """A matrix row for a tox env the template has no row for."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import SingleQuotedScalarString as Quoted

    row = CommentedMap()
    row.fa.set_flow_style()
    python = re.fullmatch(r"py(\d[\w.]*)", env)
    pypy = re.fullmatch(r"pypy(\d[\w.]*)", env)

    if python:
        row["python"] = Quoted(python[1])
    else:
        row["name"] = "PyPy" if pypy else env
        row["python"] = Quoted(
            f"pypy-{pypy[1]}" if pypy else str(standard_for(repo).answers["python_max"])
        )
        row["tox"] = env

    return row


@dataclasses.dataclass(frozen=True)
class _AddEnvs(Edit):
    """Add envs of the template's tox ``env_list`` to the project's, each
    after the envs that come before it in the template's.
    """

    path: str
    envs: tuple[str, ...]

    def apply(self, text: str | None, repo: Repo) -> str | None:
        import tomlkit

        expected = [
            str(e)
            for e in standard_for(repo)
            .toml(self.path)
            .get("tool", {})
            .get("tox", {})
            .get("env_list", [])
        ]

        def change(source: str) -> str:
            doc = tomlkit.parse(source)
            found: t.Any = doc.get("tool", {}).get("tox", {}).get("env_list")

            if not isinstance(found, list):
                raise FixConflict(f"{self.path} has no [tool.tox] env_list")

            for env in self.envs:
                names = [str(e) for e in found]

                if env in names:
                    continue

                before = expected[: expected.index(env)] if env in expected else []
                found.insert(
                    max((i + 1 for i, e in enumerate(names) if e in before), default=0),
                    env,
                )

            return tomlkit.dumps(doc)

        return keep_newlines(text or "", change)


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
