"""META: the ``[project]`` table of ``pyproject.toml``."""

from __future__ import annotations

import ast
import dataclasses
import re
import typing as t

from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement
from packaging.specifiers import InvalidSpecifier
from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion
from packaging.version import Version

from ..answers import inferred
from ..edits import Edit
from ..edits import FixConflict
from ..edits import keep_newlines
from ..edits import Template
from ..edits.text import WriteFile
from ..edits.toml import TomlSet
from ..fix import Fix
from ..fix import refusal
from ..registry import Fail
from ..registry import Outcome
from ..registry import Skip
from ..repo import Repo
from ..standard import choices
from ..standard import Standard
from ..standard import standard_for
from ._base import Metadata
from ._base import recorded_typed
from ._base import typing_evidence
from ._base import UNTYPED
from ._roles import workflow_for

PYPROJECT = "pyproject.toml"
# One way to match each line (the name is stripped after), so that a long
# line cannot make it backtrack.
_HEADER = re.compile(r"^[ \t]*\[\[?([^\]#]*)\]\]?[ \t]*(?:#.*)?$")


def line_in_table(
    repo: Repo, path: str, table: str, key: str | None = None
) -> int | None:
    """The line of ``key =`` inside the TOML table ``[table]`` of a file, or
    the table's header line when the key is not written there. Dotted keys
    and inline tables are not followed.
    """
    text = repo.text(path)

    if text is None:
        return None

    pattern = re.compile(rf"""^\s*["']?{re.escape(key or "")}["']?\s*=""")
    header_line = None

    for number, line in enumerate(text.splitlines(), 1):
        match = _HEADER.match(line)

        if match:
            if header_line is not None:
                break

            name = re.sub(r"""[\s"']""", "", match.group(1))

            if name == table:
                header_line = number

            continue

        if header_line is not None and key is not None and pattern.match(line):
            return number

    return header_line


def _project_line(repo: Repo, key: str | None = None) -> int | None:
    return line_in_table(repo, PYPROJECT, "project", key)


def _no_project(repo: Repo) -> Skip | None:
    """Skip a rule when there is no ``[project]`` table: META003 reports it."""
    if not repo.project:
        return Skip("no [project] table, see META003")

    return None


def package_init(repo: Repo) -> str | None:
    name = inferred(repo).get("import_name")

    for path in (f"src/{name}/__init__.py", f"{name}/__init__.py"):
        if name and repo.is_file(path):
            return path

    return None


# Edits -----------------------------------------------------------------


def _toml_item(value: t.Any, key: str = "") -> t.Any:
    """A plain value as a tomlkit item, in the template's style: a list of
    several strings one per line, people as inline tables, a table of
    tables as sub-tables followed by a blank line.
    """
    import tomlkit

    if isinstance(value, list):
        array = tomlkit.array()

        for item in value:
            if isinstance(item, dict):
                inline = tomlkit.inline_table()
                inline.update(item)
                array.append(inline)
            else:
                array.append(item)

        if all(isinstance(item, str) for item in value) and (
            len(value) > 1 or key == "dependencies"
        ):
            array.multiline(True)

        return array

    if isinstance(value, dict):
        table = tomlkit.table()

        for name, item in value.items():
            table.add(name, _toml_item(item, name))

        if not any(isinstance(item, dict) for item in value.values()):
            table.add(tomlkit.nl())

        return table

    return value


def _container(table: t.Any) -> t.Any:
    """The tomlkit container of a table or document that can insert keys
    at a position, or ``None``.
    """
    if hasattr(table, "_insert_at"):
        return table

    value = getattr(table, "value", None)
    return value if hasattr(value, "_insert_at") else None


def _table(
    doc: t.Any, keys: tuple[str, ...], create: bool, first: tuple[str, ...] = ()
) -> t.Any:
    """The table at ``keys`` of a tomlkit document, created when asked:
    the tables above it as super tables, each new one last in its parent
    except those named in ``first``. ``None`` when it is missing.
    """
    import tomlkit

    table = doc

    for depth, key in enumerate(keys):
        if key not in table:
            if not create:
                return None

            new = tomlkit.table(is_super_table=depth < len(keys) - 1)
            container = _container(table)

            if key in first and container is not None and len(table):
                container._insert_at(0, key, new)
            else:
                table[key] = new

        table = table[key]

        if not isinstance(table, dict):
            raise FixConflict(f"{'.'.join(keys[: depth + 1])} is not a table")

    return table


def _prune(doc: t.Any, keys: tuple[str, ...]) -> None:
    """Remove the tables at ``keys`` and above that are left empty."""
    for depth in range(len(keys), 0, -1):
        parent = _table(doc, keys[: depth - 1], create=False)
        table = parent.get(keys[depth - 1]) if parent is not None else None

        if parent is None or not isinstance(table, dict) or table:
            return

        del parent[keys[depth - 1]]


@dataclasses.dataclass(frozen=True)
class TableUpdate(Edit):
    """Set and remove keys of one TOML table, creating the table if needed
    (a new table named in ``first`` goes first in its parent).

    :param values: Keys and plain values to set. With ``missing_only``,
        only the keys the table does not have yet are set.
    :param remove: Keys to remove; a table left empty is removed.
    :param undynamic: Names to drop from the table's ``dynamic`` list,
        which is removed when it is left empty.
    :param after: For a new key, the key it goes after.
    """

    path: str
    table: tuple[str, ...]
    values: tuple[tuple[str, t.Any], ...] = ()
    remove: tuple[str, ...] = ()
    undynamic: tuple[str, ...] = ()
    missing_only: bool = False
    first: tuple[str, ...] = ()
    after: tuple[tuple[str, str], ...] = ()

    def apply(self, text: str | None, repo: Repo) -> str | None:
        import tomlkit
        from tomlkit.items import Table

        def change(source: str) -> str:
            doc = tomlkit.parse(source)
            created = _table(doc, self.table, create=False) is None
            table = _table(doc, self.table, bool(self.values), self.first)

            if table is None:
                return source

            after = dict(self.after)

            for key, value in self.values:
                if key in table and self.missing_only:
                    continue

                if isinstance(value, Template):
                    item = _template_item(repo, self.path, value.keys)
                else:
                    item = _toml_item(value, key)

                anchor = after.get(key)

                container = _container(table)

                if key in table or container is None:
                    table[key] = item
                elif anchor == "" and len(table):
                    container._insert_at(0, key, item)
                elif anchor is not None and anchor in table:
                    container._insert_after(anchor, key, item)
                else:
                    table[key] = item

            for key in self.remove:
                if key in table:
                    del table[key]

            dynamic = table.get("dynamic")

            if self.undynamic and isinstance(dynamic, list):
                for index in reversed(range(len(dynamic))):
                    if dynamic[index] in self.undynamic:
                        del dynamic[index]

                if not dynamic:
                    del table["dynamic"]

            items = list(table.values())

            if created and items and not isinstance(items[-1], Table):
                table.add(tomlkit.nl())

            _prune(doc, self.table)
            new = tomlkit.dumps(doc)
            return source if new == source else _tidy(new, source)

        if text is None and not self.values:
            return None

        return keep_newlines(text or "", change)


def _template_item(repo: Repo, path: str, keys: tuple[str | int, ...]) -> t.Any:
    """The template's item at ``keys`` of a TOML file, with its layout."""
    import tomlkit

    value: t.Any = tomlkit.parse(standard_for(repo).text(path) or "")

    for key in keys:
        try:
            value = value[key]
        except (KeyError, IndexError):
            raise FixConflict(f"the template's {path} has no {key}") from None

    return value


def _tidy(new: str, old: str) -> str:
    """One newline at the end of a file that had one, and no blank lines
    before the first table.
    """
    new = new.lstrip("\n")
    return (
        new.rstrip("\n") + "\n"
        if new.strip() and (old.endswith("\n") or not old)
        else new
    )


@dataclasses.dataclass(frozen=True)
class ArrayItems(Edit):
    """Add strings to a TOML array (created if missing) and remove others,
    keeping the array's layout and comments.
    """

    path: str
    keys: tuple[str, ...]
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()

    def apply(self, text: str | None, repo: Repo) -> str | None:
        import tomlkit

        def change(source: str) -> str:
            doc = tomlkit.parse(source)
            table = _table(doc, self.keys[:-1], create=bool(self.add))

            if table is None:
                return source

            array = table.get(self.keys[-1])

            if array is None:
                table[self.keys[-1]] = _toml_item(list(self.add), self.keys[-1])
                return tomlkit.dumps(doc)

            if not isinstance(array, list):
                raise FixConflict(f"{'.'.join(self.keys)} is not an array")

            for index in reversed(range(len(array))):
                if str(array[index]) in self.remove:
                    del array[index]

            for value in self.add:
                if value not in array:
                    array.append(value)

            return tomlkit.dumps(doc)

        if text is None and not self.add:
            return None

        return keep_newlines(text or "", change)


def _assigns(source: str, name: str) -> list[ast.Assign | ast.AnnAssign]:
    """The module-level statements that assign to ``name``."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []

    found: list[ast.Assign | ast.AnnAssign] = []

    for node in tree.body:
        targets: list[ast.expr]

        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        else:
            continue

        if any(isinstance(n, ast.Name) and n.id == name for n in targets):
            found.append(node)

    return found


def _assignments(source: str, name: str) -> list[tuple[int, int]]:
    """The first and last line (from 1) of each module-level assignment
    to ``name``.
    """
    return [
        (node.lineno, node.end_lineno or node.lineno) for node in _assigns(source, name)
    ]


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

            for first, last in reversed(_assignments(source, self.name)):
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


# Values the fixes read ---------------------------------------------------


def _literal(source: str | None, name: str) -> str | None:
    """The string a module assigns to ``name`` at its top level."""
    for node in _assigns(source or "", name):
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return node.value.value

    return None


def module_file(repo: Repo, module: str) -> str | None:
    """The file of a module named with dots, under ``src/`` or at the top."""
    base = module.strip().replace(".", "/")

    for prefix in ("src/", ""):
        for path in (f"{prefix}{base}/__init__.py", f"{prefix}{base}.py"):
            if repo.is_file(path):
                return path

    return None


def attr_value(repo: Repo, reference: str) -> str | None:
    """The string at ``module.attribute``, read from the module's source."""
    module, _, name = reference.strip().rpartition(".")
    path = module_file(repo, module) if module else None
    return _literal(repo.text(path), name) if path else None


def module_docstring(repo: Repo, module: str) -> str | None:
    """The first line of a module's docstring."""
    path = module_file(repo, module)

    try:
        tree = ast.parse(repo.text(path) or "") if path else None
    except SyntaxError:
        return None

    doc = ast.get_docstring(tree) if tree else None
    return doc.strip().splitlines()[0].strip() if doc and doc.strip() else None


def _file_text(repo: Repo, value: object) -> str | None:
    paths = value if isinstance(value, list) else [value]
    texts = [repo.text(str(p)) for p in paths]

    if not texts or None in texts:
        return None

    return "\n".join(t.cast("list[str]", texts)).strip()


def changelog_version(repo: Repo) -> str | None:
    """``X.Y.Z`` from the changelog's top section, ``X.Y.Z.dev`` when it
    is unreleased, as the release steps keep them in step.
    """
    for path in ("CHANGES.rst", "CHANGES.md"):
        text = repo.text(path)

        if text is None:
            continue

        match = re.search(
            r"^(?:## )?Version ([0-9]+\.[0-9]+\.[0-9]+)(?:[^\S\n]*+\n)++"
            r"(?:-++(?:[^\S\n]*+\n)++)?\s*+(\S.*)",
            text,
            re.M,
        )

        if match:
            unreleased = match.group(2).strip() == "Unreleased"
            return f"{match.group(1)}.dev" if unreleased else match.group(1)

    return None


def dynamic_version(repo: Repo) -> str | None:
    """The version a build backend would compute: from
    ``[tool.setuptools.dynamic]``, ``setup.cfg``, ``setup.py``, hatch,
    pdm, or flit's module ``__version__``.
    """
    dynamic = repo.tool("setuptools", "dynamic")
    spec = dynamic.get("version") if isinstance(dynamic, dict) else None

    if isinstance(spec, dict) and isinstance(spec.get("attr"), str):
        return attr_value(repo, spec["attr"])

    if isinstance(spec, dict) and "file" in spec:
        return _file_text(repo, spec["file"])

    cfg = repo.setup_cfg.get("metadata", {}).get("version", "").strip()

    if cfg.startswith("attr:"):
        return attr_value(repo, cfg[5:])

    if cfg.startswith("file:"):
        return _file_text(repo, [p.strip() for p in cfg[5:].split(",")])

    if cfg:
        return cfg

    if isinstance(repo.setup_py.get("version"), str):
        return str(repo.setup_py["version"])

    for tool in ("hatch", "pdm"):
        source = repo.tool(tool, "version")

        if isinstance(source, dict) and isinstance(source.get("path"), str):
            return _literal(repo.text(source["path"]), "__version__")

    for module in (repo.tool("flit", "metadata"), repo.tool("flit", "module")):
        name = module.get("module", module.get("name"))

        if isinstance(name, str) and module_file(repo, name):
            return attr_value(repo, f"{name}.__version__")

    return None


def find_version(repo: Repo) -> str | None:
    """The project's version: static, else as the backend computes it,
    else ``__version__`` in the package, else the changelog's.
    """
    version = repo.project.get("version")

    if isinstance(version, str):
        return version

    init = package_init(repo)
    return (
        dynamic_version(repo)
        or (_literal(repo.text(init), "__version__") if init else None)
        or changelog_version(repo)
    )


def _version_copies(source: str) -> list[ast.Assign | ast.AnnAssign]:
    """The module-level assignments to ``__version__`` that hold a copy of
    the version, rather than read it from the installed metadata.
    """
    return [
        node for node in _assigns(source, "__version__") if not _reads_metadata(node)
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

            for first, last in _assignments(source, "__version__"):
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


def scm_refusal(repo: Repo) -> str | None:
    """Why a version from git tags cannot be made static or moved to
    flit_core, or ``None`` when the version does not come from git.
    """
    from ..answers import scm_version

    tool = scm_version(repo)

    if tool is None:
        return None

    return (
        f"the version comes from git tags through {tool}, and flit_core reads a"
        " dynamic version only from __version__ in the module: keep the build"
        " backend, or move to a static version by hand"
    )


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
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        if skip := _no_project(repo):
            return skip

        dynamic = repo.project.get("dynamic", [])

        if isinstance(dynamic, list) and "version" in dynamic:
            return Fail("version is dynamic", PYPROJECT, _project_line(repo, "dynamic"))

        if not isinstance(repo.project.get("version"), str):
            return Fail(
                "no static version in [project]", PYPROJECT, _project_line(repo)
            )

        init = package_init(repo)
        copies = _version_copies(repo.text(init) or "") if init else []

        if init and copies:
            return Fail(
                "__version__ holds a second copy of the version", init, copies[0].lineno
            )

        return None

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        edits: list[Edit] = []
        dynamic = repo.project.get("dynamic", [])
        dynamic = dynamic if isinstance(dynamic, list) else []
        static = isinstance(repo.project.get("version"), str)

        if "version" in dynamic or not static:
            if reason := scm_refusal(repo):
                return refusal("Set a static version in [project]", reason)

            version = find_version(repo)

            if version is None:
                return None

            edits.append(
                TableUpdate(
                    PYPROJECT,
                    ("project",),
                    values=(("version", version),),
                    undynamic=("version",),
                    missing_only=static,
                    after=(("version", "name"),),
                )
            )

            if "version" in repo.tool("setuptools", "dynamic"):
                edits.append(
                    TableUpdate(
                        PYPROJECT,
                        ("tool", "setuptools", "dynamic"),
                        remove=("version",),
                    )
                )

        init = package_init(repo)
        source = repo.text(init) if init else None
        title = "Set a static version in [project]"

        if init and source and _version_copies(source):
            shim = "Read __version__ from the installed metadata"
            why = _shim_blocker(repo, init, source)

            if why is None:
                edits.append(VersionGetattr(init, str(repo.project["name"])))
                title = title if len(edits) > 1 else shim
            elif not edits:
                return refusal(shim, why, init)

        if not edits:
            return None

        deprecates = any(isinstance(edit, VersionGetattr) for edit in edits)
        return Fix(title, "display" if deprecates else "unsafe", tuple(edits))


def _license_body(text: str) -> str:
    """A licence text without its title and copyright lines, in lowercase
    words, so that wrapping and the holder do not matter.
    """
    lines = text.splitlines()
    copyright = [
        i
        for i, line in enumerate(lines)
        if re.match(r"\s*copyright\s+(\(c\)\s+|©\s*)?[0-9]{4}", line, re.I)
    ]

    if copyright:
        lines = lines[copyright[-1] + 1 :]

    return " ".join(" ".join(lines).lower().split())


def _spdx_problem(value: str) -> str | None:
    """Why a licence string is not an SPDX expression, or ``None``."""
    try:
        from packaging.licenses import canonicalize_license_expression
        from packaging.licenses import InvalidLicenseExpression
    except ImportError:  # packaging before 24.2 has no SPDX licence list
        if re.fullmatch(r"[\w.+-]++( (AND|OR|WITH) [\w.+-]++)*", value):
            return None

        return f"license {value!r} is not an SPDX expression"

    try:
        canonical = canonicalize_license_expression(value)
    except InvalidLicenseExpression:
        return f"license {value!r} is not an SPDX expression"

    if canonical != value:
        return f"license {value!r} is not written as {canonical!r}"

    return None


class META002(Metadata):
    """License is an SPDX expression with LICENSE.txt

    ## What it does
    Checks that `[project]` has `license` as an SPDX string and
    `license-files = ["LICENSE.txt"]`, that no `License ::` classifier
    remains, and that `LICENSE.txt` holds the text of the licence named, when
    it is BSD-3-Clause or MIT.

    ## Why
    PEP 639 made `license` an SPDX expression and deprecated both the table
    form and the `License ::` classifiers, which can contradict it.
    `license-files` puts the text in every wheel and sdist. A text that is
    not the licence the metadata names leaves the terms unclear.

    ## Example
    ```toml
    license = {file = "LICENSE.rst"}
    classifiers = ["License :: OSI Approved :: BSD License"]
    ```

    Use instead: `license = "BSD-3-Clause"`, `license-files = ["LICENSE.txt"]`
    and no `License ::` classifier.

    ## Fix
    Writes the SPDX string (the declared one written canonically, or the
    licence `LICENSE.txt` holds) and the template's `license-files`, and
    drops the `License ::` classifiers. Safe. Rewriting a licence text that
    does not match is display only: the text or the metadata may be the
    right one.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if skip := _no_project(repo):
            return skip

        license = repo.project.get("license")
        line = _project_line(repo, "license")

        if license is None:
            return Fail("no license in [project]", PYPROJECT, _project_line(repo))

        if not isinstance(license, str):
            return Fail("license is a table, not an SPDX string", PYPROJECT, line)

        problem = _spdx_problem(license)
        failed = [Fail(problem, PYPROJECT, line)] if problem else []
        expected = std.toml(PYPROJECT)["project"]["license-files"]
        found = repo.project.get("license-files")

        if found != expected:
            failed.append(
                Fail(
                    f"license-files is {found!r}, not {expected!r}",
                    PYPROJECT,
                    _project_line(repo, "license-files" if found else None),
                )
            )

        failed += [
            Fail(
                f"classifier {classifier!r} repeats the license",
                PYPROJECT,
                repo.line_of(PYPROJECT, re.escape(str(classifier))),
            )
            for classifier in repo.project.get("classifiers", [])
            if str(classifier).startswith("License ::")
        ]

        # The text is compared with the licence's only when it is valid.
        if not problem and (text := _license_text(repo, license)):
            failed.append(text)

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        license = repo.project.get("license")
        edits: list[Edit] = []

        if not isinstance(license, str) or _spdx_problem(license):
            spdx = spdx_license(repo, license)

            if spdx is None:
                return None

            edits.append(
                TableUpdate(
                    PYPROJECT,
                    ("project",),
                    values=(("license", spdx),),
                    after=(("license", "readme"),),
                )
            )
            license = spdx

        expected = std.toml(PYPROJECT)["project"]["license-files"]

        if repo.project.get("license-files") != expected:
            edits.append(
                TableUpdate(
                    PYPROJECT,
                    ("project",),
                    values=(("license-files", Template(("project", "license-files"))),),
                    after=(("license-files", "license"),),
                )
            )

        classifiers = [
            str(c)
            for c in repo.project.get("classifiers", [])
            if str(c).startswith("License ::")
        ]

        if classifiers:
            edits.append(
                ArrayItems(
                    PYPROJECT, ("project", "classifiers"), remove=tuple(classifiers)
                )
            )

        if edits:
            first = edits[0]
            title = "Drop the License classifiers"

            if isinstance(first, TableUpdate):
                title = f"Set {first.values[0][0]} as the template has it"

            return Fix(title, "safe", tuple(edits))

        if _license_text(repo, license) is not None:
            standard = std

            if standard.answers.get("license") != license:
                standard = Standard({**standard.answers, "license": license})

            text = standard.text("LICENSE.txt")

            if text is not None:
                return Fix(
                    f"Write the {license} text to LICENSE.txt",
                    "display",
                    (WriteFile("LICENSE.txt", text),),
                )

        return None


def spdx_license(repo: Repo, license: object) -> str | None:
    """The SPDX expression for a ``license`` value: the string or the
    table's text written canonically, else the licence of the text in the
    licence file.
    """
    value = license.get("text") if isinstance(license, dict) else license

    if isinstance(value, str) and value.strip():
        try:
            from packaging.licenses import canonicalize_license_expression

            return str(canonicalize_license_expression(value.strip()))
        except (ImportError, ValueError):
            pass

    found = inferred(repo).get("license")
    return str(found) if found else None


def _license_text(repo: Repo, license: str) -> Fail | None:
    """Compare ``LICENSE.txt`` with the template's text for the licence,
    when the template has one and the file exists.
    """
    found = repo.text("LICENSE.txt")
    standard = standard_for(repo)

    if found is None or license not in {"BSD-3-Clause", "MIT"}:
        return None

    if standard.answers.get("license") != license:
        standard = Standard({**standard.answers, "license": license})

    expected = standard.text("LICENSE.txt") or ""

    if _license_body(found) != _license_body(expected):
        return Fail(f"LICENSE.txt is not the {license} text", "LICENSE.txt")

    return None


#: The keys of ``[project]`` (PEP 621, PEP 639, PEP 794).
_KEYS = frozenset(
    {
        "name",
        "version",
        "description",
        "readme",
        "requires-python",
        "license",
        "license-files",
        "authors",
        "maintainers",
        "keywords",
        "classifiers",
        "urls",
        "scripts",
        "gui-scripts",
        "entry-points",
        "dependencies",
        "optional-dependencies",
        "dynamic",
        "import-names",
        "import-namespaces",
    }
)

#: Misspellings and setuptools names of ``[project]`` keys.
_RENAMES = {
    "author": "authors",
    "author-email": "authors",
    "author_email": "authors",
    "maintainer": "maintainers",
    "maintainer-email": "maintainers",
    "maintainer_email": "maintainers",
    "home-page": "urls",
    "homepage": "urls",
    "url": "urls",
    "project-urls": "urls",
    "project_urls": "urls",
    "classifier": "classifiers",
    "keyword": "keywords",
    "requires_python": "requires-python",
    "python-requires": "requires-python",
    "python_requires": "requires-python",
    "license_files": "license-files",
    "license-file": "license-files",
    "install-requires": "dependencies",
    "install_requires": "dependencies",
    "requires": "dependencies",
    "optional_dependencies": "optional-dependencies",
    "extras-require": "optional-dependencies",
    "extras_require": "optional-dependencies",
    "entry_points": "entry-points",
    "gui_scripts": "gui-scripts",
    "console_scripts": "scripts",
    "long-description": "readme",
    "long_description": "readme",
}

_NAME = re.compile(r"([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])", re.I)


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_str_table(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _bad_requirements(value: object) -> str | None:
    if not _is_str_list(value):
        return "is not a list of strings"

    for item in t.cast("list[str]", value):
        try:
            Requirement(item)
        except InvalidRequirement:
            return f"has {item!r}, which is not a PEP 508 requirement"

    return None


def _bad_people(value: object) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return "is not a list of tables"

    for person in value:
        extra = sorted(set(person) - {"name", "email"})

        if extra:
            return f"has key {extra[0]!r}; only name and email are allowed"

        if not person or not all(isinstance(v, str) for v in person.values()):
            return "has an entry without a string name or email"

    return None


def _bad_file_or_text(value: object, content_type: bool) -> str | None:
    if not isinstance(value, dict):
        return "is not a string or a table"

    sources = [k for k in ("file", "text") if k in value]

    if len(sources) != 1 or not isinstance(value[sources[0]], str):
        return "needs exactly one of file or text, as a string"

    allowed = {"file", "text", "content-type"} if content_type else {"file", "text"}

    if set(value) - allowed:
        return f"has key {sorted(set(value) - allowed)[0]!r}"

    if content_type and not isinstance(value.get("content-type"), str):
        return "has no content-type"

    return None


def value_problem(key: str, value: object) -> str | None:
    """What is wrong with the type or form of one ``[project]`` value."""
    if key == "name":
        if not isinstance(value, str) or not _NAME.fullmatch(value):
            return "is not a valid project name"
    elif key == "version":
        try:
            Version(str(value))
        except InvalidVersion:
            return "is not a PEP 440 version"

        if not isinstance(value, str):
            return "is not a string"
    elif key == "requires-python":
        try:
            SpecifierSet(value if isinstance(value, str) else "?")
        except InvalidSpecifier:
            return "is not a version specifier"
    elif key == "description":
        if not isinstance(value, str):
            return "is not a string"
    elif key in {"readme", "license"}:
        if not isinstance(value, str):
            return _bad_file_or_text(value, content_type=key == "readme")
    elif key in {"license-files", "keywords", "classifiers", "dynamic"}:
        if not _is_str_list(value):
            return "is not a list of strings"
    elif key in {"import-names", "import-namespaces"}:
        if not _is_str_list(value):
            return "is not a list of strings"
    elif key in {"authors", "maintainers"}:
        return _bad_people(value)
    elif key in {"urls", "scripts", "gui-scripts"}:
        if not _is_str_table(value):
            return "is not a table of strings"
    elif key == "entry-points":
        if not isinstance(value, dict) or not all(
            _is_str_table(v) for v in value.values()
        ):
            return "is not a table of tables of strings"

        reserved = {"console_scripts", "gui_scripts"} & set(value)

        if reserved:
            return f"has group {sorted(reserved)[0]!r}; use scripts or gui-scripts"
    elif key == "dependencies":
        return _bad_requirements(value)
    elif key == "optional-dependencies":
        if not isinstance(value, dict):
            return "is not a table"

        for extra, requirements in value.items():
            if problem := _bad_requirements(requirements):
                return f"extra {extra!r} {problem}"

    return None


class META003(Metadata):
    """[project] is well-formed PEP 621 metadata

    ## What it does
    Checks the shape of `[project]` without building the package: `name` is
    present and valid, `version` is present or listed in `dynamic`, every key
    is one that PEP 621 defines, and every value has the type it must have
    (`readme` a string or a table, `dependencies` a list of PEP 508 strings,
    `authors` a list of name and email tables, and so on).

    ## Why
    A build backend stops on a malformed `[project]`, but often only when the
    release is built. A key it does not know, such as `author` for
    `authors`, is an error for flit_core and silently lost metadata for
    some other tools.

    ## Example
    ```toml
    [project]
    name = "Flask-Foo"
    author = "Pallets"
    home-page = "https://github.com/pallets-eco/flask-foo"
    ```

    Use instead: `authors = [{name = "Pallets"}]` and a `[project.urls]`
    table.

    ## Fix
    Renames the known misspelled and setuptools keys (`author` and
    `author_email` become `authors`, `home-page` a `[project.urls]` label,
    `python_requires` `requires-python`), moves single values into the list
    or table form, writes a readme table without a content type as the
    file name, and takes a missing `name` from the template's answers. A key
    whose value cannot be told (an invalid requirement) is left to you.
    Unsafe: review the renamed values.
    """

    weight = 3
    fixable = True
    validates = frozenset({PYPROJECT})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if not repo.is_file(PYPROJECT):
            return Fail("pyproject.toml is missing", "pyproject.toml")

        # As parsed: the types of [project] are this rule's to check.
        project = repo.toml(PYPROJECT).get("project")

        if PYPROJECT in repo.errors and PYPROJECT not in repo.invalid:
            return Fail(f"pyproject.toml {repo.errors[PYPROJECT]}", PYPROJECT)

        if not isinstance(project, dict) or not project:
            return Fail("no [project] table", PYPROJECT)

        problems: list[tuple[str, str | None]] = []
        dynamic = project.get("dynamic", [])
        dynamic = dynamic if isinstance(dynamic, list) else []

        if "name" not in project:
            problems.append(("no name", None))

        if "version" not in project and "version" not in dynamic:
            problems.append(("no version, static or dynamic", None))

        for key, value in project.items():
            if key not in _KEYS:
                hint = f"; use {_RENAMES[key]}" if key in _RENAMES else ""
                problems.append((f"unknown key {key!r}{hint}", key))
            elif problem := value_problem(key, value):
                problems.append((f"{key} {problem}", key))

        for key in dynamic:
            if key == "name" or key not in _KEYS:
                problems.append((f"{key!r} cannot be dynamic", "dynamic"))
            elif key in project:
                problems.append((f"{key} is both static and dynamic", "dynamic"))

        return [
            Fail(problem, PYPROJECT, _project_line(repo, key))
            for problem, key in problems
        ]

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        project = repo.toml(PYPROJECT).get("project")

        if not project or not isinstance(project, dict):
            return None

        repair = _repaired(repo, project)
        edits: list[Edit] = []

        if repair.values or repair.remove:
            edits.append(
                TableUpdate(
                    PYPROJECT,
                    ("project",),
                    values=tuple(repair.values.items()),
                    remove=tuple(repair.remove),
                    after=tuple(repair.after.items()),
                )
            )

        if repair.urls:
            edits.append(
                TableUpdate(
                    PYPROJECT,
                    ("project", "urls"),
                    values=tuple(repair.urls.items()),
                    missing_only=True,
                )
            )

        if not edits:
            return None

        return Fix("Rename the misspelled [project] keys", "unsafe", tuple(edits))


def parse_people(names: object, emails: object = None) -> list[dict[str, str]]:
    """``authors`` from setuptools' ``author`` and ``author_email``
    (comma-separated lists of the same length), or from ``Name <email>``
    strings.
    """
    if isinstance(names, list):
        return [p for n in names for p in parse_people(n)]

    name_list = [n.strip() for n in str(names or "").split(",") if n.strip()]
    email_list = [e.strip() for e in str(emails or "").split(",") if e.strip()]

    if len(name_list) != len(email_list) and email_list:
        name_list = [", ".join(name_list)] if name_list else []
        email_list = email_list[:1]

    people = []

    for index in range(max(len(name_list), len(email_list))):
        person = {}
        name = name_list[index] if index < len(name_list) else ""
        match = re.fullmatch(r"(.*)<([^<>]+)>", name)

        if match:
            name, email = match.group(1).rstrip(), match.group(2)
        else:
            email = email_list[index] if index < len(email_list) else ""

        if name:
            person["name"] = name

        if email:
            person["email"] = email

        if person:
            people.append(person)

    return people


def as_list(value: object, comma: bool = False) -> list[str] | None:
    """A list of strings from a list or one string (lines, or commas)."""
    if _is_str_list(value):
        return list(t.cast("list[str]", value))

    if not isinstance(value, str):
        return None

    parts = re.split(r"[,\n]" if comma else r"\n", value)
    return [p.strip() for p in parts if p.strip()]


def url_key(url: str) -> str:
    return "Source" if "github.com/" in url else "Documentation"


@dataclasses.dataclass
class _Repair:
    """The changes that repair ``[project]``: keys to set (each after the
    key it replaces), keys to remove, and labels to add to the URLs.
    """

    values: dict[str, t.Any] = dataclasses.field(default_factory=dict)
    after: dict[str, str] = dataclasses.field(default_factory=dict)
    remove: list[str] = dataclasses.field(default_factory=list)
    urls: dict[str, str] = dataclasses.field(default_factory=dict)

    def put(
        self, project: dict[str, t.Any], source: str, key: str, value: t.Any
    ) -> None:
        """Set ``key`` from the value of ``source``, when it is valid and
        does not contradict a value the table has.
        """
        if value is None or value == {} or value_problem(key, value) is not None:
            return

        if source != key:
            if key in project and project[key] != value:
                return  # both spellings, with different values: yours to merge

            self.remove.append(source)
            self.after.setdefault(key, source)

        self.values[key] = value


def _repaired(repo: Repo, project: dict[str, t.Any]) -> _Repair:
    """The changes that repair ``[project]``, where the right value can be
    told.
    """
    repair = _Repair()

    for role in ("author", "maintainer"):
        keys = [k for k in project if k.replace("-", "_") in {role, f"{role}_email"}]
        email = project.get(f"{role}_email", project.get(f"{role}-email"))

        if keys and all(isinstance(project[k], str) for k in keys):
            people = parse_people(project.get(role), email)

            if people and f"{role}s" not in project:
                repair.values[f"{role}s"] = people
                repair.after[f"{role}s"] = keys[0]
                repair.remove.extend(keys)

    for key, value in project.items():
        target = _RENAMES.get(key)

        if key in _KEYS or target is None or target in {"authors", "maintainers"}:
            continue

        if target == "urls":
            found = {url_key(value): value} if isinstance(value, str) else value
            urls = project.get("urls")
            urls = urls if isinstance(urls, dict) else {}

            # A label the table has with another URL: yours to merge.
            if _is_str_table(found) and all(
                urls.get(label, url) == url or url in urls.values()
                for label, url in found.items()
            ):
                repair.urls.update(found)
                repair.remove.append(key)
        elif target in {"classifiers", "keywords", "license-files", "dependencies"}:
            repair.put(project, key, target, as_list(value, target == "keywords"))
        elif key == "entry_points" and isinstance(value, dict):
            scripts = {"console_scripts": "scripts", "gui_scripts": "gui-scripts"}
            groups = {k: v for k, v in value.items() if k not in scripts}
            repair.put(project, key, "entry-points", groups)

            for group, name in scripts.items():
                repair.put(project, key, name, value.get(group))
        elif target != "readme":
            repair.put(project, key, target, value)

    for key in ("classifiers", "keywords", "license-files", "dependencies"):
        if isinstance(project.get(key), str):
            repair.put(project, key, key, as_list(project[key], key == "keywords"))

    readme = project.get("readme")

    if (
        isinstance(readme, dict)
        and set(readme) == {"file"}
        and str(readme["file"]).lower().endswith((".md", ".rst"))
    ):
        repair.values["readme"] = readme["file"]

    if "name" not in project and (
        "dist_name" in inferred(repo) or "project_name" in inferred(repo)
    ):
        repair.values["name"] = Template(("project", "name"))
        repair.after["name"] = ""

    existing = project.get("urls")
    existing = existing if isinstance(existing, dict) else {}
    repair.urls = {k: v for k, v in repair.urls.items() if v not in existing.values()}
    repair.remove = list(dict.fromkeys(repair.remove))
    return repair


#: Labels of ``[project.urls]`` that the standard replaced, normalized as
#: PEP 753 does: lowercase, without punctuation or spaces.
_LEGACY_URLS = {
    "sourcecode": "Source",
    "issuetracker": "Source",
    "twitter": "Chat",
    "homepage": "Documentation or Source",
    "home": "Documentation or Source",
}


def _url_label(label: str) -> str:
    return re.sub(r"[\W_]+", "", label).lower()


def _has_maintainer(repo: Repo, people: list[t.Any]) -> bool:
    """Whether an entry has a name, and an email when the template's
    maintainer has one: a project outside the Pallets organizations may
    name its maintainers without a contact address.
    """
    expected = standard_for(repo).toml(PYPROJECT)["project"]["maintainers"][0]
    keys = ("name", "email") if "email" in expected else ("name",)
    return any(isinstance(p, dict) and all(p.get(k) for k in keys) for p in people)


class META004(Metadata):
    """Maintainers and project URLs are the standard ones

    ## What it does
    Checks that `maintainers` (or, without it, `authors`) has an entry with
    a name and an email, and that `[project.urls]` has `Documentation`,
    `Changes`, `Source` and `Chat`, with no legacy label such as
    `Source Code`, `Issue Tracker`, `Twitter` or `Homepage`. `Donate` is
    optional.

    ## Why
    PyPI shows these labels in the sidebar of every Pallets project in the
    same order, and the contact email reaches the maintainers. The legacy
    labels point at accounts and pages that are gone or duplicated.

    ## Example
    ```toml
    authors = [{name = "Pallets"}]

    [project.urls]
    "Source Code" = "https://github.com/pallets-eco/flask-foo/"
    Twitter = "https://twitter.com/PalletsTeam"
    ```

    Use instead: `maintainers = [{name = "Pallets Ecosystem", email =
    "contact@palletsprojects.com"}]` and the template's `[project.urls]`.

    ## Fix
    Puts the template's maintainer first in `maintainers` when no entry has
    an email, removes the legacy URL labels, and adds the template's
    missing labels; a label spelled differently keeps its URL, and other
    labels stay. Unsafe: it replaces metadata values.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if skip := _no_project(repo):
            return skip

        people = repo.project.get("maintainers") or repo.project.get("authors")
        people = people if isinstance(people, list) else []
        failed: list[Fail] = []

        if not _has_maintainer(repo, people):
            key = "maintainers" if "maintainers" in repo.project else "authors"
            failed.append(
                Fail(
                    "no maintainer with a name and an email",
                    PYPROJECT,
                    _project_line(repo, key),
                )
            )

        urls = repo.project.get("urls")
        urls = urls if isinstance(urls, dict) else {}
        line = line_in_table(repo, PYPROJECT, "project.urls") or _project_line(
            repo, "urls"
        )

        for label in urls:
            replacement = _LEGACY_URLS.get(_url_label(label))

            if replacement is not None:
                failed.append(
                    Fail(
                        f"legacy URL label {label!r}; use {replacement}",
                        PYPROJECT,
                        line_in_table(repo, PYPROJECT, "project.urls", label) or line,
                    )
                )

        expected = std.toml(PYPROJECT)["project"]["urls"]
        missing = [
            label for label in expected if label != "Donate" and label not in urls
        ]

        if missing:
            message = f"[project.urls] lacks {', '.join(missing)}"
            failed.append(Fail(message, PYPROJECT, line))

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        expected = std.toml(PYPROJECT)["project"]
        edits: list[Edit] = []
        people = repo.project.get("maintainers") or repo.project.get("authors")
        people = people if isinstance(people, list) else []

        if not _has_maintainer(repo, people):
            found = repo.project.get("maintainers")
            found = found if isinstance(found, list) else []
            first = expected["maintainers"][0]
            others = [
                p
                for p in found
                if isinstance(p, dict) and p.get("name") != first.get("name")
            ]
            edits.append(
                TableUpdate(
                    PYPROJECT,
                    ("project",),
                    values=(("maintainers", [first, *others]),),
                    after=(("maintainers", "license-files"),),
                )
            )

        urls = repo.project.get("urls")
        urls = urls if isinstance(urls, dict) else {}
        remove = [label for label in urls if _url_label(label) in _LEGACY_URLS]
        values: dict[str, str] = {}
        after: dict[str, str] = {}
        order = list(expected["urls"])

        for index, label in enumerate(order):
            if label in urls:
                continue

            same = [
                other
                for other in urls
                if _url_label(other) == _url_label(label) and other != label
            ]
            legacy = [o for o in urls if _LEGACY_URLS.get(_url_label(o)) == label]
            before = [o for o in order[:index] if o in urls or o in values]
            values[label] = urls[same[0]] if same else expected["urls"][label]
            # In the place of the label it replaces, else after the one
            # before it in the template's order.
            after[label] = (same or legacy or before[-1:] or [""])[0]
            remove.extend(same)

        if values or remove:
            edits.append(
                TableUpdate(
                    PYPROJECT,
                    ("project", "urls"),
                    values=tuple(values.items()),
                    remove=tuple(remove),
                    after=tuple(after.items()),
                )
            )

        if not edits:
            return None

        return Fix("Write the standard maintainers and URLs", "unsafe", tuple(edits))


class META005(Metadata):
    """Classifiers say typed and name no Python versions

    ## What it does
    Checks that the classifiers include `Typing :: Typed`, and no
    `Programming Language :: Python :: 3.X` (or `:: 3`, `:: 3 :: Only`)
    classifier. A project that records the template answer `typed: false`,
    as adoption does for a package without `py.typed`, is not asked for
    `Typing :: Typed`.

    ## Why
    `Typing :: Typed` tells users and PyPI searches that the package ships
    type information (with `py.typed`). The supported versions are stated once,
    in `requires-python`; per-version classifiers have to be edited on every
    Python release and go stale.

    ## Example
    ```toml
    classifiers = [
        "Programming Language :: Python :: 3.9",
        "Programming Language :: Python :: 3.10",
    ]
    ```

    Use instead: `"Programming Language :: Python"` and `"Typing :: Typed"`.

    ## Fix
    Removes the version classifiers, and adds `Typing :: Typed` when the
    package ships `py.typed`, records `typed: true`, or annotates every
    function and runs mypy strict. Safe. Adding it when the annotations are
    not checked that strictly is unsafe, since the classifier promises users
    complete, checked annotations; for a package whose functions are not
    annotated the finding says why it is not added.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if skip := _no_project(repo):
            return skip

        classifiers = [str(c) for c in repo.project.get("classifiers", [])]
        failed = [
            Fail(
                f"version classifier {classifier!r}",
                PYPROJECT,
                repo.line_of(PYPROJECT, re.escape(classifier)),
            )
            for classifier in classifiers
            if re.match(r"Programming Language :: Python :: \d", classifier)
        ]

        if "Typing :: Typed" not in classifiers and recorded_typed(repo) is not False:
            failed.append(
                Fail(
                    "no 'Typing :: Typed' classifier",
                    PYPROJECT,
                    _project_line(repo, "classifiers"),
                )
            )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        classifiers = [str(c) for c in repo.project.get("classifiers", [])]
        versions = tuple(
            c
            for c in classifiers
            if re.match(r"Programming Language :: Python :: \d", c)
        )
        typed = () if "Typing :: Typed" in classifiers else ("Typing :: Typed",)
        title = "Add the Typing :: Typed classifier"
        applicability: t.Literal["safe", "unsafe"] = "safe"
        evidence = typing_evidence(repo)

        # The classifier makes the promise py.typed makes: see LAY002.
        if typed and evidence != "typed":
            if recorded_typed(repo) is False or evidence is None:
                if not versions:
                    return refusal(title, UNTYPED)

                typed = ()
            else:
                applicability = "unsafe"

        if not typed:
            title = "Drop the Python version classifiers"

        edit = ArrayItems(
            PYPROJECT, ("project", "classifiers"), add=typed, remove=versions
        )
        return Fix(title, applicability, (edit,))


def _minimum(specifier: object) -> tuple[int, int] | None:
    """The ``(3, X)`` of the first ``>=``, ``~=`` or ``==`` bound."""
    match = re.search(r"(?:>=|~=|==)\s*3\.([0-9]+)", str(specifier))
    return (3, int(match.group(1))) if match else None


def _version(value: object) -> tuple[int, int] | None:
    """``(3, X)`` from ``"3.X"``, ``py3.X``, ``py3X`` or ``3.Xt``; ``None``
    for PyPy and anything else.
    """
    match = re.fullmatch(r"(?:py)?3\.?([0-9]+)t?", str(value).strip())
    return (3, int(match.group(1))) if match else None


def _matrix_versions(workflow: dict[str, t.Any]) -> list[tuple[int, int] | None]:
    found: list[tuple[int, int] | None] = []

    for job in (workflow.get("jobs") or {}).values():
        strategy = job.get("strategy") if isinstance(job, dict) else None
        matrix = strategy.get("matrix") if isinstance(strategy, dict) else None

        if not isinstance(matrix, dict):
            continue

        values: list[object] = []

        for row in matrix.get("include") or []:
            if isinstance(row, dict):
                values.extend(row.get(k) for k in ("python", "python-version"))

        for key in ("python", "python-version"):
            if isinstance(matrix.get(key), list):
                values.extend(matrix[key])

        found.extend(_version(v) for v in values if v is not None)

    return found


def _show(version: tuple[int, int]) -> str:
    return f"{version[0]}.{version[1]}"


class META006(Metadata):
    """One minimum Python everywhere

    ## What it does
    Checks that the minimum of `requires-python` is also the mypy
    `python_version`, the pyright `pythonVersion`, the oldest `py3.X` env in
    the tox `env_list`, the oldest Python in the tests workflow's matrix and
    the `requires-python` of `uv.lock`. Each is compared where it is
    present.

    ## Why
    When they differ, the type checkers accept syntax that the oldest
    supported Python rejects, CI skips a version users install on, or
    `uv.lock` resolves for versions the project does not support.

    ## Example
    `requires-python = ">=3.10"` with `python_version = "3.9"` under
    `[tool.mypy]` and `"py3.9"` in `env_list`.

    Use instead: `3.10` in all of them.

    ## Fix
    Sets the mypy `python_version` and the pyright `pythonVersion` to the
    `requires-python` minimum. Safe. The tox `env_list`, the tests matrix
    and `uv.lock` are fixed by the rules for those files.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if skip := _no_project(repo):
            return skip

        declared = repo.project.get("requires-python")
        low = _minimum(declared)

        if declared is None:
            return Fail("no requires-python", PYPROJECT, _project_line(repo))

        if low is None:
            return Fail(
                f"requires-python {declared!r} has no >= minimum",
                PYPROJECT,
                _project_line(repo, "requires-python"),
            )

        places = list(_minimums(repo))
        differ = [
            Fail(
                f"{name} is {found}, requires-python minimum is {_show(low)}",
                path,
                line,
            )
            for name, path, line, found in places
            if found is not None and _version(found) != low
        ]

        if differ:
            return differ

        named = {name for name, *_ in places}

        if "oldest Python in the tests matrix" not in named:
            return Skip("no workflow runs the tests; GHA001 reports it")

        if "oldest tox env" not in named:
            return Skip("no [tool.tox] env_list; TOX001 reports it")

        return None

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        low = _minimum(repo.project.get("requires-python"))

        if low is None:
            return None

        edits: list[Edit] = []
        versions = [_version(v) for v in choices("python_min") or []]
        supported = min((v for v in versions if v is not None), default=None)
        too_old = supported is not None and low < supported

        if too_old:
            # Older Pythons than the template supports: move to its minimum,
            # which the template's tox envs and test matrix start from.
            low = _version(std.answers["python_min"]) or low
            requirement = f">={_show(low)}"
            edits.append(
                TomlSet(PYPROJECT, ("project", "requires-python"), requirement)
            )

        edits += [
            TomlSet(PYPROJECT, ("tool", tool, key), _show(low))
            for tool, key in (("mypy", "python_version"), ("pyright", "pythonVersion"))
            if key in repo.tool(tool) and _version(repo.tool(tool)[key]) != low
        ]

        if too_old:
            title = f"Require Python {_show(low)}, the oldest the standard supports"
            return Fix(title, "unsafe", tuple(edits))

        if not edits:
            return None

        return Fix("Set the type checkers' Python to the minimum", "safe", tuple(edits))


def _minimums(repo: Repo) -> t.Iterator[tuple[str, str, int | None, str | None]]:
    """Each place that names the minimum Python: what it is, where, and the
    ``3.X`` it names (``None`` when it names none).
    """
    mypy = repo.tool("mypy")

    if isinstance(mypy, dict) and "python_version" in mypy:
        yield (
            "mypy python_version",
            PYPROJECT,
            line_in_table(repo, PYPROJECT, "tool.mypy", "python_version"),
            str(mypy["python_version"]),
        )

    pyright = repo.tool("pyright")

    if isinstance(pyright, dict) and "pythonVersion" in pyright:
        yield (
            "pyright pythonVersion",
            PYPROJECT,
            line_in_table(repo, PYPROJECT, "tool.pyright", "pythonVersion"),
            str(pyright["pythonVersion"]),
        )

    tox = repo.tool("tox")
    env_list = tox.get("env_list") if isinstance(tox, dict) else None

    if isinstance(env_list, list):
        yield (
            "oldest tox env",
            PYPROJECT,
            line_in_table(repo, PYPROJECT, "tool.tox", "env_list"),
            _oldest([_version(v) for v in env_list], "py"),
        )

    tests = workflow_for(repo, "tests", ".github/workflows/tests.yaml")

    if tests is not None:
        yield (
            "oldest Python in the tests matrix",
            tests,
            repo.line_of(tests, r"^\s*matrix:"),
            _oldest(_matrix_versions(repo.workflows[tests])),
        )

    lock = repo.uv_lock

    if "requires-python" in lock:
        yield (
            "uv.lock requires-python minimum",
            "uv.lock",
            repo.line_of("uv.lock", r"^requires-python\s*="),
            _oldest([_minimum(lock["requires-python"])])
            or str(lock["requires-python"]),
        )


def _oldest(versions: list[tuple[int, int] | None], prefix: str = "") -> str | None:
    found = [v for v in versions if v is not None]
    return f"{prefix}{_show(min(found))}" if found else None
