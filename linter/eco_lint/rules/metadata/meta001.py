"""META001: the version is static in ``pyproject.toml``."""

from __future__ import annotations

import ast
import dataclasses
import re

from ...edits import Edit
from ...edits import FixConflict
from ...edits import keep_newlines
from ...edits.tables import TableUpdate
from ...fix import Fix
from ...fix import refusal
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Metadata
from .._edits import carrying
from .._project import no_project
from .._project import project_line
from .._pyproject import PYPROJECT
from .._version import assignments
from .._version import assigns
from .._version import find_version
from .._version import package_init
from .._version import scm_refusal


def _version_copies(source: str) -> list[ast.Assign | ast.AnnAssign]:
    """The module-level assignments to ``__version__`` that hold a copy of
    the version, rather than read it from the installed metadata.
    """
    return [
        node for node in assigns(source, "__version__") if not _reads_metadata(node)
    ]


def _reads_metadata(node: ast.Assign | ast.AnnAssign) -> bool:
    """Whether an assignment's value is ``version(...)`` or
    ``importlib.metadata.version(...)``.
    """
    call = node.value

    if not isinstance(call, ast.Call):
        return False

    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name == "version"


def _version_readers(repo: Repo, init: str) -> list[str]:
    """The Python files other than ``setup.py`` that may read the package's
    ``__version__``: any mention of it, but as an attribute of a module
    other than the package, and the package's own assignments to it.
    """
    package = init.rsplit("/", 2)[-2]
    found = []

    for path in repo.files:
        if not path.endswith(".py") or path == "setup.py":
            continue

        source = repo.text(path) or ""

        if path == init:
            lines = source.splitlines()

            for first, last in assignments(source, "__version__"):
                lines[first - 1 : last] = [""] * (last - first + 1)

            source = "\n".join(lines)

        names = {
            package,
            *re.findall(rf"\bimport\s+{re.escape(package)}\s+as\s+(\w+)", source),
        }

        for match in re.finditer(r"(?:\b(\w+)\s*\.\s*)?\b__version__\b", source):
            if match.group(1) is None or match.group(1) in names:
                found.append(path)
                break

    return found


def _shim_blocker(repo: Repo, init: str, source: str) -> str | None:
    """Why ``__version__`` cannot be kept readable through a module
    ``__getattr__`` by a fix, or ``None`` when it can.
    """
    name = repo.project.get("name")
    call = f"importlib.metadata.version({name!r})"

    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9._-]+", name):
        return "no [project] name to read the installed version of"

    if any(
        isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.name == "__getattr__"
        for node in ast.parse(source).body
    ):
        return (
            f"{init} has its own __getattr__: return {call} there for"
            " '__version__', then remove the assignment"
        )

    readers = _version_readers(repo, init)

    if readers:
        return (
            f"{', '.join(readers)} read __version__: make them use {call},"
            " then keep __version__ readable through a module __getattr__"
            " that returns it"
        )

    return None


@dataclasses.dataclass(frozen=True)
class VersionGetattr(Edit):
    """Replace a package's ``__version__`` assignments with a module
    ``__getattr__`` that warns and returns the installed version, as
    Flask, Click and the Pallets-Eco extensions deprecated theirs.
    """

    path: str
    dist: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None or "def __getattr__(" in text:
            raise FixConflict(f"{self.path} has its own __getattr__")

        source = RemoveAssignment(self.path, "__version__").apply(text, repo) or ""
        raise_ = (
            'raise AttributeError(f"module {__name__!r} has no attribute {name!r}")'
        )
        shim = (
            "def __getattr__(name: str) -> str:\n"
            '    if name == "__version__":\n'
            "        import importlib.metadata\n"
            "        import warnings\n\n"
            "        warnings.warn(\n"
            "            \"'__version__' is deprecated: use feature detection or\"\n"
            f"            \" importlib.metadata.version('{self.dist}') instead.\",\n"
            "            DeprecationWarning,\n"
            "            stacklevel=2,\n"
            "        )\n"
            f'        return importlib.metadata.version("{self.dist}")\n\n'
            f"    {raise_}\n"
        )
        return keep_newlines(
            source,
            lambda body: body.rstrip("\n") + ("\n\n\n" if body.strip() else "") + shim,
        )


@dataclasses.dataclass(frozen=True)
class RemoveAssignment(Edit):
    """Remove the module-level assignments to a name from a Python file,
    and the blank lines that would double up where they were.
    """

    path: str
    name: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        def change(source: str) -> str:
            lines = source.splitlines(keepends=True)

            for first, last in reversed(assignments(source, self.name)):
                del lines[first - 1 : last]
                blank = first - 1

                while (
                    0 < blank <= len(lines)
                    and not lines[blank - 1].strip()
                    and (blank == len(lines) or not lines[blank].strip())
                ):
                    del lines[blank - 1]
                    blank -= 1

            return "".join(lines)

        return keep_newlines(text, change)


class META001(Metadata):
    """Version is static in pyproject.toml

    ## What it does
    Checks that `[project]` sets `version` as a string, that `version` is not
    listed in `dynamic`, and that the package's `__init__.py` holds no second
    copy of it in `__version__`. A `__version__` read from the installed
    metadata, by a module `__getattr__` or `importlib.metadata.version()`, is
    no copy.

    ## Why
    A static version is read by every tool without building or importing the
    package. The release steps edit that one line: they drop `.dev` for the
    release and add it back after. A second copy in `__version__` drifts from
    it. Other code still reads `__version__`, so Flask and Click kept it
    readable through a module `__getattr__` that warns and returns
    `importlib.metadata.version()`, before dropping it in a later release.

    ## Example
    ```toml
    [project]
    name = "Flask-Foo"
    dynamic = ["version"]
    ```
    with `__version__ = "1.2.0"` in `src/flask_foo/__init__.py`, which
    flit_core reads.

    Use instead: `version = "1.2.0"` in `[project]`, and in the package a
    `__getattr__` that returns `importlib.metadata.version("Flask-Foo")` for
    `"__version__"` with a `DeprecationWarning`.

    ## Fix
    Sets `version` in `[project]` to the value the build computed (from
    `[tool.setuptools.dynamic]`, `setup.cfg`, the module's `__version__`),
    or else the changelog's top version, and removes `version` from
    `dynamic` and `[tool.setuptools.dynamic]`. It replaces the `__version__`
    assignment with that `__getattr__`, so that it stays readable. When the
    package already has a `__getattr__`, or other code reads `__version__`
    (the package's own modules may read it while it is imported), it keeps
    the assignment and says what to change by hand. It refuses when the
    version comes from git tags. Unsafe; display only (shown by `--diff`,
    never applied, not by adoption either) when it replaces `__version__`:
    deprecating a public attribute, and changing where the release steps
    set the version, is the maintainer's decision for a release.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if skip := no_project(repo):
            return skip

        found = _Found.of(repo)

        if found.dynamic:
            failure = Fail(
                "version is dynamic", PYPROJECT, project_line(repo, "dynamic")
            )
        elif not found.static:
            failure = Fail(
                "no static version in [project]", PYPROJECT, project_line(repo)
            )
        else:
            # The package is looked for only once the version is static.
            found = found.with_copies(repo)

            if not (found.init and found.copies):
                return None

            failure = Fail(
                "__version__ holds a second copy of the version",
                found.init,
                found.copies[0].lineno,
            )

        return carrying([failure], lambda: _fix(repo, found))


@dataclasses.dataclass(frozen=True)
class _Found:
    """Where the project keeps its version: whether ``[project]`` lists it
    in ``dynamic`` or sets it, and the copies of it in the package.
    """

    dynamic: bool
    static: bool
    init: str | None
    source: str | None
    copies: tuple[ast.Assign | ast.AnnAssign, ...]

    #: Whether ``init``, ``source`` and ``copies`` were looked for.
    looked: bool = False

    @classmethod
    def of(cls, repo: Repo) -> _Found:
        dynamic = repo.project.get("dynamic", [])
        return cls(
            dynamic=isinstance(dynamic, list) and "version" in dynamic,
            static=isinstance(repo.project.get("version"), str),
            init=None,
            source=None,
            copies=(),
        )

    def with_copies(self, repo: Repo) -> _Found:
        """These facts with the package's copies of the version."""
        if self.looked:
            return self

        init = package_init(repo)
        source = repo.text(init) if init else None
        copies = tuple(_version_copies(source or "")) if init else ()
        return dataclasses.replace(
            self, init=init, source=source, copies=copies, looked=True
        )


def _fix(repo: Repo, found: _Found) -> Fix | None:
    """Set the static version, and read ``__version__`` from the installed
    metadata where nothing else needs the copy.
    """
    title = "Set a static version in [project]"
    edits: list[Edit] = []

    if found.dynamic or not found.static:
        if reason := scm_refusal(repo):
            return refusal(title, reason)

        version = find_version(repo)

        if version is None:
            return None

        edits += _static_version(repo, version, found.static)

    found = found.with_copies(repo)

    if found.init and found.source and found.copies:
        shim = "Read __version__ from the installed metadata"
        why = _shim_blocker(repo, found.init, found.source)

        if why is None:
            edits.append(VersionGetattr(found.init, str(repo.project["name"])))
            title = title if len(edits) > 1 else shim
        elif not edits:
            return refusal(shim, why, found.init)

    if not edits:
        return None

    deprecates = any(isinstance(edit, VersionGetattr) for edit in edits)
    return Fix(title, "display" if deprecates else "unsafe", tuple(edits))


def _static_version(repo: Repo, version: str, static: bool) -> list[Edit]:
    """Write the version in ``[project]``, and take it out of ``dynamic``
    and of ``[tool.setuptools.dynamic]``.
    """
    edits: list[Edit] = [
        TableUpdate(
            PYPROJECT,
            ("project",),
            values=(("version", version),),
            undynamic=("version",),
            missing_only=static,
            after=(("version", "name"),),
        )
    ]

    if "version" in repo.tool("setuptools", "dynamic"):
        edits.append(
            TableUpdate(
                PYPROJECT, ("tool", "setuptools", "dynamic"), remove=("version",)
            )
        )

    return edits
