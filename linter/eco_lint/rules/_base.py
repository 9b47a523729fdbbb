"""Family base classes and small helpers the rules share."""

from __future__ import annotations

import re
import typing as t

from ..answers import inferred
from ..registry import Fail
from ..registry import FAMILIES
from ..registry import Rule
from ..template import ANSWERS_FILE
from ._ini import section_line

if t.TYPE_CHECKING:
    from ..repo import Repo

_FAMILY = {f.prefix: f for f in FAMILIES}


class Layout(Rule):
    family = _FAMILY["LAY"]


class Metadata(Rule):
    family = _FAMILY["META"]


class Build(Rule):
    family = _FAMILY["BLD"]


class Dependencies(Rule):
    family = _FAMILY["DEP"]


class ToolConfig(Rule):
    family = _FAMILY["CFG"]


class Tox(Rule):
    family = _FAMILY["TOX"]


class PreCommit(Rule):
    family = _FAMILY["PCO"]


class Actions(Rule):
    family = _FAMILY["GHA"]


class Publishing(Rule):
    family = _FAMILY["PUB"]


class Docs(Rule):
    family = _FAMILY["DOC"]


class Drift(Rule):
    family = _FAMILY["DRF"]


def requirement_name(requirement: str) -> str:
    """The normalized project name of a PEP 508 requirement string."""
    name = re.split(r"[\s\[<>=!~;(@]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def line_of_key(repo: Repo, path: str, key: str) -> int | None:
    """The first ``key =`` line of a file, such as an assignment in Sphinx's
    ``conf.py`` (a key of a TOML table is found with
    :func:`~eco_lint.rules._pyproject.table_line`).
    """
    return repo.line_of(path, rf"^\s*{re.escape(key)}\s*=")


def lines_of(repo: Repo, path: str, pattern: str) -> list[int]:
    """Every line number (from 1) in a file that matches a regular
    expression, in order, to point each of several findings at its own.
    """
    regex = re.compile(pattern)
    text = repo.text(path) or ""
    return [n for n, line in enumerate(text.splitlines(), 1) if regex.search(line)]


def nth(lines: t.Sequence[int], index: int) -> int | None:
    """The ``index``-th of some lines, else the last, else ``None``."""
    return lines[min(index, len(lines) - 1)] if lines else None


def setup_cfg_sections(
    repo: Repo, sections: t.Iterable[str], message: str = "setup.cfg has [{}]"
) -> list[Fail]:
    """A finding at each of these ``setup.cfg`` sections the file has, each
    at its header's line; ``message`` takes the section's name.
    """
    return [
        Fail(
            message.format(section),
            "setup.cfg",
            section_line(repo, "setup.cfg", section),
        )
        for section in sections
        if section in repo.setup_cfg
    ]


def is_pure_python(repo: Repo) -> bool:
    """Whether the project has no C extension: no C, C++, Cython or Rust
    sources next to the package.
    """
    return not any(
        name.endswith((".c", ".cpp", ".pyx", ".rs"))
        and name.startswith(("src/", "crates/"))
        for name in repo.files
    )


def recorded_typed(repo: Repo) -> bool | None:
    """The ``typed`` answer the project records (adoption records ``false``
    for a package without ``py.typed``), or ``None`` when it records none.
    """
    value = repo.answers.get("typed") if repo.is_file(ANSWERS_FILE) else None
    return value if isinstance(value, bool) else None


def typing_evidence(repo: Repo) -> t.Literal["typed", "annotated"] | None:
    """How far the package shows that it is typed: ``"typed"`` when the
    project records ``typed: true``, ships ``py.typed``, or annotates every
    function and runs mypy strict; ``"annotated"`` when it annotates every
    function only; ``None`` otherwise. Annotations are read from the
    package's code, which no fix writes, so that a round of fixes adding
    the template's mypy config does not make an untyped package typed.
    Worked out once per repository: the rules that ask read the package's
    code once between them.
    """
    return repo.derived(_typing_evidence)


def _typing_evidence(repo: Repo) -> t.Literal["typed", "annotated"] | None:
    if recorded_typed(repo):
        return "typed"

    name = inferred(repo).get("import_name")
    folder = next(
        (f"{p}{name}/" for p in ("src/", "") if repo.is_file(f"{p}{name}/__init__.py")),
        None,
    )

    if folder is None:
        return None

    if repo.is_file(f"{folder}py.typed"):
        return "typed"

    if not _annotated(repo, folder):
        return None

    mypy, pyright = repo.tool("mypy"), repo.tool("pyright")

    if mypy.get("strict") is True or pyright.get("typeCheckingMode") == "strict":
        return "typed"

    return "annotated"


def _annotated(repo: Repo, folder: str) -> bool:
    """Whether the package has functions and annotates each one's return
    (or, for ``__init__``, its arguments).
    """
    import ast

    functions = 0

    for path in repo.files:
        if not path.startswith(folder) or not path.endswith(".py"):
            continue

        try:
            tree = ast.parse(repo.text(path) or "")
        except SyntaxError:
            return False

        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue

            functions += 1
            arguments = [*node.args.posonlyargs, *node.args.args][1:]

            if node.returns is None and not (
                node.name == "__init__"
                and all(a.annotation is not None for a in arguments)
            ):
                return False

    return functions > 0


#: Why a fix does not make a package that is not type-checked say it is typed.
UNTYPED = (
    "the package is not typed (no typed answer, no py.typed, functions without"
    " annotations): py.typed and 'Typing :: Typed' promise users complete, checked"
    " annotations; annotate the package and run mypy strict first (`eco-lint"
    " adopt` records typed: false for such a package, and these checks then do"
    " not apply)"
)
