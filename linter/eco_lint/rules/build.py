"""BLD: how the package is built."""

from __future__ import annotations

import dataclasses
import fnmatch
import re
import typing as t

from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement
from packaging.specifiers import InvalidSpecifier
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from ..answers import inferred
from ..edits import Edit
from ..edits import keep_newlines
from ..edits import Template
from ..edits.text import DeleteFile
from ..edits.toml import TomlSet
from ..fix import Fix
from ..fix import refusal
from ..registry import Fail
from ..registry import Outcome
from ..registry import Skip
from ..repo import Repo
from ..standard import Standard
from ._base import Build
from ._base import is_pure_python
from ._base import lines_of
from ._base import requirement_name
from ._base import setup_cfg_sections
from ._project import as_list
from ._project import parse_people
from ._project import spdx_license
from ._project import url_key
from ._project import value_problem
from ._pyproject import table_line
from ._tables import ArrayItems
from ._tables import TableUpdate
from ._version import dynamic_version
from ._version import module_docstring
from ._version import scm_refusal

PYPROJECT = "pyproject.toml"


def _requirement(text: object) -> Requirement | None:
    try:
        return Requirement(str(text))
    except InvalidRequirement:
        return None


def _same_requirements(found: object, expected: list[str]) -> bool:
    """Whether two lists of requirements name the same projects with the
    same specifiers, however the names are spelled (``flit-core`` is
    ``flit_core``) and the specifiers ordered.
    """
    if not isinstance(found, list) or len(found) != len(expected):
        return False

    def key(requirements: list[t.Any]) -> list[tuple[str, str, str]] | None:
        parsed = [_requirement(r) for r in requirements]

        if None in parsed:
            return None

        return sorted(
            (requirement_name(r.name), str(r.specifier), str(r.marker or ""))
            for r in parsed
            if r is not None
        )

    return key(found) is not None and key(found) == key(expected)


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
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        found = repo.pyproject.get("build-system")
        expected = std.toml(PYPROJECT)["build-system"]

        if not isinstance(found, dict):
            return Fail(
                "no [build-system] table",
                PYPROJECT if repo.is_file(PYPROJECT) else None,
            )

        line = table_line(repo, PYPROJECT, "build-system")

        if found.get("build-backend") != expected["build-backend"]:
            return Fail(
                f"build-backend is {found.get('build-backend')!r}",
                PYPROJECT,
                table_line(repo, PYPROJECT, "build-system", "build-backend"),
            )

        requires = found.get("requires")

        if not _same_requirements(requires, expected["requires"]):
            return Fail(
                f"build requires {requires!r}, not {expected['requires']!r}",
                PYPROJECT,
                table_line(repo, PYPROJECT, "build-system", "requires"),
            )

        extra = sorted(set(found) - set(expected))

        if extra:
            return Fail(f"[build-system] sets {', '.join(extra)}", PYPROJECT, line)

        return None

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        found = repo.pyproject.get("build-system")
        expected = std.toml(PYPROJECT)["build-system"]

        if isinstance(found, dict):
            same = found.get("build-backend") == expected["build-backend"]
        else:  # without the table, pip builds setup.py with setuptools
            same = not repo.is_file("setup.py") and not repo.is_file("setup.cfg")

        if not same and (reason := migration_blocker(repo)):
            return refusal("Build with flit_core", reason)

        edit = TomlSet(PYPROJECT, ("build-system",), Template(("build-system",)))
        return Fix("Build with flit_core", "safe" if same else "unsafe", (edit,))


#: setup() keywords that change what is built or installed, and that a
#: move to flit_core cannot carry when they are computed in code.
_SETUP_KEYWORDS = (
    "name",
    "version",
    "install_requires",
    "extras_require",
    "entry_points",
    "python_requires",
    "package_data",
    "scripts",
)


def migration_blocker(repo: Repo) -> str | None:
    """Why the build cannot move to flit_core without losing what the
    project ships, or ``None``: a version from git tags, a build hook, files
    installed outside the package, several top-level packages, or metadata
    that ``setup.py`` computes in code.
    """
    if reason := scm_refusal(repo):
        return reason

    hatch = repo.tool("hatch", "build")
    hatch = hatch if isinstance(hatch, dict) else {}
    targets = hatch.get("targets") if isinstance(hatch.get("targets"), dict) else {}
    hooks = [f"[tool.hatch.build.hooks.{n}]" for n in hatch.get("hooks") or {}]

    for target, table in (targets or {}).items():
        if isinstance(table, dict):
            hooks += [
                f"[tool.hatch.build.targets.{target}.hooks.{n}]"
                for n in table.get("hooks") or {}
            ]

            for key in ("force-include", "shared-data", "artifacts", "sources"):
                if table.get(key):
                    return (
                        f"[tool.hatch.build.targets.{target}] sets {key}, which"
                        " flit_core cannot express: move the build by hand"
                    )

    for key in ("force-include", "shared-data", "artifacts"):
        if hatch.get(key):
            return (
                f"[tool.hatch.build] sets {key}, which flit_core cannot express:"
                " move the build by hand"
            )

    if hooks:
        return (
            f"a hatch build hook ({hooks[0]}) runs when the wheel is built, and"
            " flit_core runs none: keep hatchling, or build those files by hand"
        )

    if repo.tool("poetry", "build"):
        return "[tool.poetry.build] runs a build script, and flit_core runs none"

    if repo.tool("setuptools", "cmdclass") or repo.tool("setuptools", "data-files"):
        return (
            "[tool.setuptools] sets cmdclass or data-files, which flit_core"
            " cannot express: move the build by hand"
        )

    if repo.is_file("setup.py"):
        kw = repo.setup_py

        if not kw and not repo.project:
            return "setup.py has no setup() call with literal arguments to move"

        if "cmdclass" in kw or "ext_modules" in kw:
            return (
                "setup.py sets cmdclass or ext_modules, build steps flit_core"
                " cannot run: keep setuptools"
            )

        if "data_files" in kw:
            return (
                "setup.py installs data_files outside the package, which"
                " flit_core cannot express"
            )

        computed = [k for k in _SETUP_KEYWORDS if kw.get(k) is ...]

        if computed:
            return (
                f"setup.py computes {', '.join(computed)} in code; move"
                " them to [project] by hand (eco-lint never runs setup.py)"
            )

    if "data_files" in repo.setup_cfg.get("options", {}) or (
        "options.data_files" in repo.setup_cfg
    ):
        return "setup.cfg installs data_files outside the package"

    if (
        repo.is_file("setup.py")
        or repo.setup_cfg
        or repo.tool("setuptools")
        or repo.tool("hatch")
        or repo.tool("poetry")
    ) and not inferred(repo).get("import_name"):
        return (
            "no single top-level package to build: flit_core builds one"
            " module, name it in [tool.flit.module] by hand"
        )

    return None


def _module_exists(repo: Repo, name: str) -> bool:
    path = name.replace(".", "/")
    return repo.is_file(f"src/{path}/__init__.py") or repo.is_file(f"src/{path}.py")


def _not_flit(repo: Repo) -> Skip | None:
    """A skip when flit_core is not the build backend. A flit_core that
    BLD001 fails for another reason, such as its version bound, still has
    its own config checked.
    """
    system = repo.pyproject.get("build-system")
    backend = system.get("build-backend") if isinstance(system, dict) else None

    if backend != "flit_core.buildapi":
        return Skip("not built with flit_core; BLD001 reports it", because="BLD001")

    return None


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
        if skip := _not_flit(repo):
            return skip

        module = repo.tool("flit", "module")
        name = module.get("name") if isinstance(module, dict) else None

        if not isinstance(name, str):
            return Fail("no [tool.flit.module] name", PYPROJECT)

        if not _module_exists(repo, name):
            packages = repo.glob(r"src/[A-Za-z_][A-Za-z0-9_]*/__init__\.py")
            found = ", ".join(p.split("/")[1] for p in packages) or "nothing"
            return Fail(
                f"[tool.flit.module] name is {name!r}, src/ has {found}",
                PYPROJECT,
                table_line(repo, PYPROJECT, "tool.flit.module", "name"),
            )

        return None

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        packages = repo.glob(r"src/[A-Za-z_][A-Za-z0-9_]*/__init__\.py")

        if len(packages) != 1:
            return None

        name = packages[0].split("/")[1]
        edit = TableUpdate(
            PYPROJECT,
            ("tool", "flit", "module"),
            values=(("name", name),),
            first=("flit", "module"),
        )
        return Fix(f"Build the package {name} with flit", "safe", (edit,))


def _path(entry: object) -> str:
    return str(entry).strip().rstrip("/")


def _glob_matches(pattern: str, name: str) -> bool:
    """Whether a file is, or is inside, what an sdist glob names: ``**``
    stands for any text, ``*`` for any within one folder, ``?`` for one
    character of it. Matched a character at a time over the positions
    reachable so far, so that many ``**`` cost no more than one: as a
    regular expression, each ``**`` multiplied the splits it tried.
    """
    tokens: list[str] = []
    index = 0

    while index < len(pattern):
        step = 2 if pattern.startswith("**", index) else 1
        tokens.append(pattern[index : index + step])
        index += step

    positions = {0}

    for token in tokens:
        reached: set[int] = set()

        if token in ("**", "*"):
            # Any text up to a line break (``**``) or a folder's end (``*``).
            stop = "\n" if token == "**" else "/"
            covered = -1

            for start in sorted(positions):
                if start <= covered:
                    continue

                position = start
                reached.add(position)

                while position < len(name) and name[position] not in stop:
                    position += 1
                    reached.add(position)

                covered = position
        else:
            for start in positions:
                if start < len(name) and (
                    name[start] == token or (token == "?" and name[start] != "/")
                ):
                    reached.add(start + 1)

        if not reached:
            return False

        positions = reached

    return any(
        p == len(name) or (name[p] == "/" and "\n" not in name[p:]) for p in positions
    )


def _listed_exists(repo: Repo, entry: str) -> bool:
    if any(c in entry for c in "*?["):
        return any(_glob_matches(entry, name) for name in repo.files)

    return repo.exists(entry)


class BLD003(Build):
    """sdist includes docs, tests, changes and the lock file

    ## What it does
    Checks that `[tool.flit.sdist] include` lists the template's entries
    (`docs/`, `tests/`, the `CHANGES` file and `uv.lock`), that every path it
    lists exists, and that `exclude` lists `docs/_build/`.

    ## Why
    Distributions that repackage the sdist run the tests and build the docs
    from it, with the locked versions. A listed path that does not exist
    (such as `examples/` after it was removed) shows a stale config, and a
    docs build left in `docs/_build/` would bloat the archive.

    ## Example
    ```toml
    [tool.flit.sdist]
    include = ["docs/", "tests/", "requirements/"]
    ```

    Use instead:
    ```toml
    [tool.flit.sdist]
    include = ["docs/", "tests/", "CHANGES.md", "uv.lock"]
    exclude = ["docs/_build/"]
    ```

    ## Fix
    Writes the template's `include` and `exclude`, keeping the project's
    other entries whose paths exist. Safe.
    """

    weight = 2
    fixable = True

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return is_pure_python(repo)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if skip := _not_flit(repo):
            return skip

        sdist = repo.tool("flit", "sdist")
        expected = std.toml(PYPROJECT)["tool"]["flit"]["sdist"]

        if not isinstance(sdist, dict) or not sdist:
            return Fail("no [tool.flit.sdist] table", PYPROJECT)

        failed: list[Fail] = []

        for key in ("include", "exclude"):
            found = sdist.get(key, [])
            found = found if isinstance(found, list) else []
            paths = [_path(p) for p in found]
            line = table_line(repo, PYPROJECT, "tool.flit.sdist", key)
            standard = [_path(p) for p in expected[key]]
            # A standard entry whose file is missing is reported by the rule
            # for that file; listing it or not is not this rule's concern.
            missing = [
                str(entry)
                for entry in expected[key]
                if _path(entry) not in paths
                and (key == "exclude" or repo.exists(_path(entry)))
            ]

            if missing:
                message = f"sdist {key} lacks {', '.join(missing)}"
                failed.append(Fail(message, PYPROJECT, line))

            if key != "include":
                continue

            for entry in found:
                if _path(entry) in standard or _listed_exists(repo, _path(entry)):
                    continue

                # An array written one entry a line points at the entry's own.
                lines = lines_of(repo, PYPROJECT, rf"[\"']{re.escape(str(entry))}[\"']")
                at = next((n for n in lines if line is not None and n >= line), line)
                message = f"sdist include lists {entry}, which is missing"
                failed.append(Fail(message, PYPROJECT, at))

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        sdist = repo.tool("flit", "sdist")
        sdist = sdist if isinstance(sdist, dict) else {}
        expected = std.toml(PYPROJECT)["tool"]["flit"]["sdist"]
        keys = ("tool", "flit", "sdist")
        edits: list[Edit] = [
            TableUpdate(
                PYPROJECT,
                keys,
                values=tuple((k, Template((*keys, k))) for k in ("include", "exclude")),
                first=("flit",),
            )
        ]

        for key in ("include", "exclude"):
            found = sdist.get(key)
            standard = {_path(p) for p in expected[key]}
            extra = tuple(
                str(entry)
                for entry in (found if isinstance(found, list) else [])
                if _path(entry) not in standard
                and (key == "exclude" or _listed_exists(repo, _path(entry)))
            )

            if extra:
                edits.append(ArrayItems(PYPROJECT, (*keys, key), add=extra))

        return Fix("Write the standard sdist includes", "safe", tuple(edits))


#: ``setup()`` keywords that are metadata or package discovery: all of it
#: belongs in ``[project]``, which setuptools reads.
_SETUP_METADATA = frozenset(
    {
        "name",
        "version",
        "description",
        "long_description",
        "long_description_content_type",
        "author",
        "author_email",
        "maintainer",
        "maintainer_email",
        "url",
        "download_url",
        "project_urls",
        "license",
        "license_files",
        "license_file",
        "classifiers",
        "keywords",
        "platforms",
        "python_requires",
        "install_requires",
        "extras_require",
        "setup_requires",
        "tests_require",
        "entry_points",
        "scripts",
        "packages",
        "package_dir",
        "package_data",
        "py_modules",
        "include_package_data",
        "zip_safe",
    }
)


def _minimum_version(requirement: Requirement) -> Version | None:
    for spec in requirement.specifier:
        if spec.operator in {">=", "~=", "==", "==="}:
            try:
                return Version(spec.version.rstrip(".*"))
            except ValueError:
                return None

    return None


class BLD004(Build):
    """C extension builds with setuptools and [project] metadata

    ## What it does
    For a project with C sources under `src/`, checks that `[build-system]`
    requires `setuptools>=77` with the `setuptools.build_meta` backend and no
    flit tables, that `setup.py` declares the extension and no metadata
    (`name`, `version`, `install_requires`, `packages` and the like), that
    `setup.cfg` has no `[metadata]` or `[options]`, and that `MANIFEST.in`
    exists.

    ## Why
    flit_core cannot compile extensions, so MarkupSafe builds with
    setuptools. setuptools 77 is the first to read the SPDX `license` and
    `license-files` of PEP 639. With the metadata in `[project]`, `setup.py`
    only adds the extension and its pure Python fallback, and `MANIFEST.in`
    puts the docs, tests and lock file in the sdist, as flit's
    `[tool.flit.sdist]` does for pure Python projects.

    ## Example
    ```python
    setup(
        name="MarkupSafe",
        install_requires=[],
        ext_modules=[Extension("markupsafe._speedups", [...])],
    )
    ```

    Use instead: `setup(ext_modules=[...])`, with the metadata in
    `[project]` and `requires = ["setuptools>=77"]`.

    ## Fix
    None. C extensions are rare among these projects, the template has no
    setuptools variant to take the build requirement and `MANIFEST.in` from,
    and `setup.py` is the project's code: move the metadata by hand, as
    MarkupSafe did.
    """

    weight = 3

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return not is_pure_python(repo)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        system = repo.pyproject.get("build-system")
        system = system if isinstance(system, dict) else {}
        line = table_line(repo, PYPROJECT, "build-system")

        if system.get("build-backend") != "setuptools.build_meta":
            return Fail(
                f"build-backend is {system.get('build-backend')!r}, not setuptools",
                PYPROJECT if repo.is_file(PYPROJECT) else None,
                line,
            )

        requirements = [_requirement(r) for r in system.get("requires") or []]
        setuptools = [
            r for r in requirements if r and requirement_name(r.name) == "setuptools"
        ]
        low = _minimum_version(setuptools[0]) if setuptools else None
        failed: list[Fail] = []

        if low is None or low < Version("77"):
            failed.append(
                Fail(
                    f"build requires {system.get('requires')!r}, not setuptools>=77",
                    PYPROJECT,
                    table_line(repo, PYPROJECT, "build-system", "requires"),
                )
            )

        if repo.tool("flit"):
            failed.append(
                Fail(
                    "[tool.flit] tables in a setuptools build",
                    PYPROJECT,
                    repo.line_of(PYPROJECT, r"^\s*\[tool\.flit"),
                )
            )

        if not repo.is_file("setup.py"):
            message = "setup.py, which declares the extension, is missing"
            failed.append(Fail(message, "setup.py"))

        metadata = sorted(_SETUP_METADATA & set(repo.setup_py))

        if metadata:
            failed.append(
                Fail(
                    f"setup() sets metadata: {', '.join(metadata)}",
                    "setup.py",
                    repo.line_of("setup.py", rf"\b{metadata[0]}\s*="),
                )
            )

        failed += setup_cfg_sections(repo, ("metadata", "options"))

        if not repo.is_file("MANIFEST.in"):
            failed.append(Fail("MANIFEST.in is missing", "MANIFEST.in"))

        return failed


def _other_tools(repo: Repo) -> list[str]:
    tool = repo.pyproject.get("tool")
    names = sorted(tool) if isinstance(tool, dict) else []
    return [
        f"[tool.{name}]"
        for name in names
        if name.startswith(("hatch", "setuptools")) or name in {"poetry", "pdm", "rye"}
    ]


class BLD005(Build):
    """No other build or environment tool config

    ## What it does
    For a pure Python project, checks that `pyproject.toml` has no
    `[tool.hatch*]`, `[tool.poetry]`, `[tool.pdm]`, `[tool.rye]`,
    `[tool.setuptools*]` or old-style `[tool.flit.metadata]` table, and that
    there is no `setup.py`, no `MANIFEST.in` and no `setup.cfg` with
    `[metadata]` or `[options]`.

    ## Why
    flit_core builds the package from `[project]`, and uv with tox manages
    the environments. Configuration for other tools is never read, so it
    drifts from the real metadata and misleads contributors about how the
    project is built.

    ## Example
    A `setup.cfg` with `[metadata]` and `[options]` next to a flit
    `[build-system]`, or a leftover `[tool.poetry]` table.

    Use instead: `[project]` and `[tool.flit.*]` only.

    ## Fix
    Moves the metadata that `[project]` lacks there: from `setup.cfg`
    `[metadata]` and `[options]` and the literal arguments of `setup.py`
    (read with `ast`, never run; an `attr:` version is read from the
    module), `[tool.poetry]`, old `[tool.flit.metadata]` and the dynamic
    values of `[tool.setuptools.dynamic]`, and the Poetry, PDM and Rye dev
    dependencies to `[dependency-groups]`. Then it deletes `setup.py`,
    `MANIFEST.in`, the other tools' tables and the setuptools sections of
    `setup.cfg`, and the file when nothing else is left in it: the pytest,
    coverage, flake8 and mypy sections are for the rules of those tools.
    It refuses, naming the reason, when a value cannot be moved (a git
    dependency, a dynamic value only a plugin computes, an argument of
    `setup.py` computed in code) or when BLD001 refuses the backend.
    Unsafe: it deletes files.
    """

    weight = 2
    fixable = True

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return is_pure_python(repo)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        tables = _other_tools(repo)

        if "metadata" in repo.tool("flit"):
            tables.append("[tool.flit.metadata]")

        failed = [
            Fail(
                f"pyproject.toml has {table}",
                PYPROJECT,
                repo.line_of(PYPROJECT, rf"^\s*\[\s*{re.escape(table[1:-1])}\b"),
            )
            for table in tables
        ]
        failed += [
            Fail(f"{name} in a pure Python project", name)
            for name in ("setup.py", "MANIFEST.in")
            if repo.is_file(name)
        ]
        failed += setup_cfg_sections(repo, ("metadata", "options"))
        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        title = "Move the build configuration to [project]"

        if reason := migration_blocker(repo):
            return refusal(title, reason)

        migrated = migrated_project(repo)

        if migrated is None:
            return refusal(
                title,
                "a value cannot be written as [project] metadata (a git, path or"
                " URL dependency, or an invalid value): move it by hand",
            )

        project = repo.project
        dynamic = project.get("dynamic", [])
        dynamic = [str(k) for k in dynamic] if isinstance(dynamic, list) else []
        computed = [key for key in dynamic if key not in migrated]

        if computed:
            return refusal(
                title,
                f"only the old build backend computes {', '.join(computed)}:"
                " write it in [project] by hand",
            )

        lacking = [k for k in _FLIT_NEEDS if k not in project and k not in migrated]

        if lacking:
            return refusal(
                title,
                f"no {', '.join(lacking)} to write in [project], which flit_core needs",
            )

        values = tuple(
            (key, value)
            for key, value in migrated.items()
            if key not in project or key in dynamic
        )
        edits: list[Edit] = [
            TableUpdate(
                PYPROJECT,
                ("project",),
                values=values,
                undynamic=tuple(dynamic),
                missing_only=True,
                first=("project",),
                after=tuple((key, "name") for key in ("version",) if key in dynamic),
            )
        ]
        groups = _dependency_groups(repo)

        if groups:
            edits.append(
                TableUpdate(
                    PYPROJECT,
                    ("dependency-groups",),
                    values=tuple(groups.items()),
                    missing_only=True,
                )
            )

        tools = [n for n in repo.tool() if n.startswith(_OTHER_TOOLS)]
        flit = [
            n for n in ("metadata", "scripts", "entrypoints") if n in repo.tool("flit")
        ]
        if tools:
            edits.append(TableUpdate(PYPROJECT, ("tool",), remove=tuple(tools)))

        if flit:
            edits.append(TableUpdate(PYPROJECT, ("tool", "flit"), remove=tuple(flit)))

        edits += [DeleteFile(n) for n in ("setup.py", "MANIFEST.in") if repo.is_file(n)]

        if repo.is_file("setup.cfg"):
            edits.append(IniRemoveSections("setup.cfg", _SETUPTOOLS_SECTIONS))

        return Fix("Move the build configuration to [project]", "unsafe", tuple(edits))


#: What flit_core needs in ``[project]`` besides ``name``.
_FLIT_NEEDS = ("name", "version", "description")

#: ``[tool.*]`` tables of other build and environment tools.
_OTHER_TOOLS = ("setuptools", "hatch", "poetry", "pdm", "rye")

#: ``setup.cfg`` sections only setuptools reads. The sections of pytest,
#: coverage, flake8 and mypy are left to the rules for those tools.
_SETUPTOOLS_SECTIONS = (
    "metadata",
    "options",
    "options.*",
    "bdist_wheel",
    "sdist",
    "egg_info",
    "aliases",
    "easy_install",
)


@dataclasses.dataclass(frozen=True)
class IniRemoveSections(Edit):
    """Remove sections of an INI file, named as ``fnmatch`` patterns, and
    delete the file when nothing but comments is left.
    """

    path: str
    sections: tuple[str, ...]

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            return None

        def change(source: str) -> str:
            kept: list[str] = []
            keep = True

            for line in source.splitlines(keepends=True):
                header = re.match(r"\[([^\]]+)\]\s*$", line)

                if header:
                    name = header.group(1).strip()
                    keep = not any(fnmatch.fnmatchcase(name, p) for p in self.sections)

                if keep:
                    kept.append(line)

            return "".join(kept).lstrip("\n")

        result = keep_newlines(text, change)
        content = [
            line
            for line in result.splitlines()
            if line.strip() and not line.lstrip().startswith(("#", ";"))
        ]
        return result if content else None


# Reading the old configurations ----------------------------------------


def _lines(value: object) -> list[str]:
    """The entries of a setup.cfg list (one a line) or a setup.py list."""
    return as_list(value) or []


def _cfg_table(value: object) -> dict[str, str]:
    """``key = value`` lines of a setup.cfg value, or a setup.py dict."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}

    result: dict[str, str] = {}

    for line in _lines(value):
        key, sep, item = line.partition("=")

        if sep:
            result[key.strip()] = item.strip()

    return result


def _requirements_file(repo: Repo, value: str) -> list[str] | None:
    """Requirements read from ``file: a.txt, b.txt``, without comments and
    options; ``None`` when a file is missing.
    """
    result: list[str] = []

    for path in value.split(","):
        text = repo.text(path.strip())

        if text is None:
            return None

        for line in text.splitlines():
            line = line.partition(" #")[0].strip()

            if line and not line.startswith(("#", "-")):
                result.append(line)

    return result


def _readme(repo: Repo, value: object, content_type: object = None) -> t.Any:
    """``readme`` from a file name, with its content type when flit cannot
    tell it from the extension.
    """
    if not isinstance(value, str) or not repo.is_file(value.strip()):
        return None

    path = value.strip()

    if path.lower().endswith((".md", ".rst")) or not isinstance(content_type, str):
        return path

    return {"file": path, "content-type": content_type}


def _top_readme(repo: Repo) -> str | None:
    found = [n for n in ("README.md", "README.rst", "README.txt") if repo.is_file(n)]
    return found[0] if found else None


def _entry_points(value: object) -> dict[str, dict[str, str]]:
    """Entry point groups from setup.cfg's section or setup.py's dict."""
    if not isinstance(value, dict):
        return {}

    return {str(group): _cfg_table(items) for group, items in value.items()}


def _setuptools_options(repo: Repo) -> dict[str, t.Any]:
    """The setuptools keywords of setup.cfg, then setup.py's literal ones,
    which setuptools lets override them.
    """
    cfg = repo.setup_cfg
    options: dict[str, t.Any] = {
        **cfg.get("metadata", {}),
        **cfg.get("options", {}),
    }

    if "options.extras_require" in cfg:
        options["extras_require"] = {
            k: _lines(v) for k, v in cfg["options.extras_require"].items()
        }

    if "options.entry_points" in cfg:
        options["entry_points"] = cfg["options.entry_points"]

    options.update({k: v for k, v in repo.setup_py.items() if v is not ...})
    return options


def _from_setuptools(repo: Repo, kw: dict[str, t.Any]) -> dict[str, t.Any]:
    """``[project]`` keys from setuptools keywords."""
    result: dict[str, t.Any] = {}

    if isinstance(kw.get("name"), str):
        result["name"] = kw["name"].strip()

    summary = kw.get("description", kw.get("summary"))

    if isinstance(summary, str) and summary.strip():
        result["description"] = " ".join(summary.split())

    long = kw.get("long_description")

    if isinstance(long, str) and long.strip().startswith("file:"):
        first = long.strip()[5:].split(",")[0]
        result["readme"] = _readme(repo, first, kw.get("long_description_content_type"))

    if isinstance(kw.get("license"), str):
        result["license"] = kw["license"]

    for role in ("author", "maintainer"):
        if kw.get(role) or kw.get(f"{role}_email"):
            result[f"{role}s"] = parse_people(kw.get(role), kw.get(f"{role}_email"))

    for key, comma in (("classifiers", False), ("keywords", True)):
        if key in kw:
            result[key] = as_list(kw[key], comma)

    urls = _cfg_table(kw.get("project_urls", {}))

    for key, label in (
        ("url", None),
        ("home_page", None),
        ("download_url", "Download"),
    ):
        url = kw.get(key)

        if isinstance(url, str) and url.strip():
            _add_url(urls, url.strip(), label)

    if urls:
        result["urls"] = urls

    if isinstance(kw.get("python_requires"), str):
        result["requires-python"] = kw["python_requires"]

    requires = kw.get("install_requires")

    if isinstance(requires, str) and requires.strip().startswith("file:"):
        result["dependencies"] = _requirements_file(repo, requires.strip()[5:])
    elif requires is not None:
        result["dependencies"] = _lines(requires)

    extras = kw.get("extras_require")

    if isinstance(extras, dict):
        result["optional-dependencies"] = {str(k): _lines(v) for k, v in extras.items()}

    result.update(_scripts(_entry_points(kw.get("entry_points"))))
    return result


def _scripts(groups: dict[str, dict[str, str]]) -> dict[str, t.Any]:
    """``scripts``, ``gui-scripts`` and ``entry-points`` from groups."""
    result: dict[str, t.Any] = {}
    names = {"console_scripts": "scripts", "gui_scripts": "gui-scripts"}

    for group, items in groups.items():
        if group in names:
            result[names[group]] = items
        elif items:
            result.setdefault("entry-points", {})[group] = items

    return result


def _add_url(urls: dict[str, str], url: str, label: str | None = None) -> None:
    """Add a home page or download URL under its label, ``Source`` or
    ``Documentation`` for a home page, or ``Homepage`` when that label is
    taken by another URL.
    """
    if url in urls.values():
        return

    label = label or url_key(url)
    urls[label if label not in urls else "Homepage"] = url


def _poetry_requirement(name: str, spec: object) -> str | None:
    """A PEP 508 requirement from a Poetry dependency, lower bound only as
    Pallets writes them; ``None`` for git, path and URL dependencies.
    """
    extras: list[str] = []
    marker = ""

    if isinstance(spec, dict):
        if set(spec) - {"version", "extras", "markers", "optional"}:
            return None

        extras = [str(e) for e in spec.get("extras", [])]
        marker = str(spec.get("markers", ""))
        spec = spec.get("version", "*")

    version = _poetry_version(str(spec))

    if version is None:
        return None

    extra = f"[{','.join(extras)}]" if extras else ""
    text = f"{name}{extra}{version}" + (f" ; {marker}" if marker else "")
    return text if value_problem("dependencies", [text]) is None else None


def _poetry_version(spec: str) -> str | None:
    """A PEP 440 specifier from a Poetry constraint: ``^1.2`` and ``~1.2``
    become ``>=1.2``, a bare version pins it.
    """
    spec = spec.strip()

    if spec in {"", "*"}:
        return ""

    if "||" in spec or "|" in spec:
        return None

    if spec[0] in "^~" and spec[1:2] != "=":
        return f">={spec[1:].strip()}"

    if spec[0].isdigit():
        spec = f"=={spec}"

    try:
        # Each run of separators is tried once, from its start: linear.
        joined = re.sub(r"(?<![\s,])[\s,]*\s(?=[<>=!~])", ",", spec)
        return str(SpecifierSet(joined))
    except InvalidSpecifier:
        return None


def _from_poetry(poetry: dict[str, t.Any]) -> dict[str, t.Any] | None:
    """``[project]`` keys from ``[tool.poetry]``; ``None`` when a
    dependency cannot be written as a requirement.
    """
    result: dict[str, t.Any] = {}

    for key in ("name", "version", "description", "license"):
        if isinstance(poetry.get(key), str):
            result[key] = poetry[key]

    readme = poetry.get("readme")
    readme = readme[0] if isinstance(readme, list) and readme else readme

    if isinstance(readme, str):
        result["readme"] = readme

    for key in ("authors", "maintainers"):
        if poetry.get(key):
            result[key] = parse_people(poetry[key])

    for key in ("keywords", "classifiers"):
        if key in poetry:
            result[key] = as_list(poetry[key])

    urls = _cfg_table(poetry.get("urls", {}))

    for key, label in (
        ("homepage", None),
        ("documentation", "Documentation"),
        ("repository", "Source"),
    ):
        url = poetry.get(key)

        if isinstance(url, str):
            _add_url(urls, url, label)

    if urls:
        result["urls"] = urls

    dependencies = poetry.get("dependencies", {})
    optional: dict[str, str] = {}
    required: list[str] = []

    for name, spec in dependencies.items() if isinstance(dependencies, dict) else ():
        if name == "python":
            version = _poetry_version(str(spec))

            if version is None:
                return None

            if version:
                result["requires-python"] = version

            continue

        requirement = _poetry_requirement(name, spec)

        if requirement is None:
            return None

        if isinstance(spec, dict) and spec.get("optional"):
            optional[name] = requirement
        else:
            required.append(requirement)

    if required:
        result["dependencies"] = required

    extras = poetry.get("extras", {})

    if isinstance(extras, dict) and extras:
        result["optional-dependencies"] = {
            extra: [optional[n] for n in names if n in optional]
            for extra, names in extras.items()
        }

    scripts = poetry.get("scripts", {})

    if isinstance(scripts, dict) and scripts:
        if not all(isinstance(v, str) for v in scripts.values()):
            return None

        result["scripts"] = dict(scripts)

    return result


def _from_flit_metadata(repo: Repo) -> dict[str, t.Any]:
    """``[project]`` keys from flit's old ``[tool.flit.metadata]``."""
    meta = repo.tool("flit", "metadata")

    if not isinstance(meta, dict) or not meta:
        return {}

    module = str(meta.get("module", ""))
    result: dict[str, t.Any] = {"name": meta.get("dist-name", module)}
    result["description"] = module_docstring(repo, module)
    result["readme"] = _readme(repo, meta.get("description-file"))

    for role in ("author", "maintainer"):
        if meta.get(role) or meta.get(f"{role}-email"):
            result[f"{role}s"] = parse_people(meta.get(role), meta.get(f"{role}-email"))

    urls = _cfg_table(meta.get("urls", {}))

    if isinstance(meta.get("home-page"), str):
        _add_url(urls, meta["home-page"])

    result["urls"] = urls or None
    result["dependencies"] = meta.get("requires")
    result["optional-dependencies"] = meta.get("requires-extra")
    result["requires-python"] = meta.get("requires-python")
    result["classifiers"] = meta.get("classifiers")
    result["keywords"] = as_list(meta.get("keywords"), comma=True)
    result["license"] = meta.get("license")
    groups = {"console_scripts": repo.tool("flit", "scripts")}
    groups.update(repo.tool("flit", "entrypoints") or {})
    result.update(_scripts({k: _cfg_table(v) for k, v in groups.items() if v}))
    return {k: v for k, v in result.items() if v is not None}


def _dynamic_values(repo: Repo) -> dict[str, t.Any]:
    """Values of ``[project] dynamic`` keys from ``[tool.setuptools.dynamic]``."""
    dynamic = repo.tool("setuptools", "dynamic")
    result: dict[str, t.Any] = {}

    if not isinstance(dynamic, dict):
        return result

    readme = dynamic.get("readme")

    if isinstance(readme, dict) and isinstance(readme.get("file"), (str, list)):
        files = readme["file"]
        first = files[0] if isinstance(files, list) and files else files
        result["readme"] = _readme(repo, first, readme.get("content-type"))

    for key in ("dependencies", "optional-dependencies"):
        spec = dynamic.get(key)

        if key == "dependencies" and isinstance(spec, dict):
            files = spec.get("file")
            files = [files] if isinstance(files, str) else files or []
            result[key] = _requirements_file(repo, ",".join(map(str, files)))
        elif isinstance(spec, dict):
            groups = {}

            for extra, value in spec.items():
                files = value.get("file") if isinstance(value, dict) else None
                files = [files] if isinstance(files, str) else files or []
                groups[extra] = _requirements_file(repo, ",".join(map(str, files)))

            result[key] = groups if None not in groups.values() else None

    return {k: v for k, v in result.items() if v is not None}


def migrated_project(repo: Repo) -> dict[str, t.Any] | None:
    """The ``[project]`` keys that the other build tools' configuration
    holds, in the template's order; ``None`` when some cannot be moved.
    """
    found: dict[str, t.Any] = {}
    poetry = repo.tool("poetry")

    if isinstance(poetry, dict) and poetry:
        from_poetry = _from_poetry(poetry)

        if from_poetry is None:
            return None

        found.update(from_poetry)

    found.update(_from_flit_metadata(repo))
    found.update(_from_setuptools(repo, _setuptools_options(repo)))
    found.update(_dynamic_values(repo))
    version = dynamic_version(repo)

    if version is not None:
        found["version"] = version

    name = inferred(repo).get("import_name")

    if "description" not in found and name:
        found["description"] = module_docstring(repo, str(name))

    if not found.get("readme"):
        found["readme"] = _top_readme(repo)

    if isinstance(found.get("license"), str):
        found["license"] = spdx_license(repo, found["license"])

    if isinstance(found.get("requires-python"), str):
        try:
            found["requires-python"] = str(SpecifierSet(found["requires-python"]))
        except InvalidSpecifier:
            return None

    result: dict[str, t.Any] = {}

    for key in _ORDER:
        value = found.get(key)

        if value in (None, [], {}, ""):
            continue

        if value_problem(key, value) is not None:
            return None

        result[key] = value

    return result


_ORDER = (
    "name",
    "version",
    "description",
    "readme",
    "license",
    "authors",
    "maintainers",
    "keywords",
    "classifiers",
    "requires-python",
    "dependencies",
    "urls",
    "optional-dependencies",
    "scripts",
    "gui-scripts",
    "entry-points",
)


def _dependency_groups(repo: Repo) -> dict[str, list[str]]:
    """Development dependency groups of Poetry, PDM and Rye, as
    ``[dependency-groups]``; a group that cannot be written is left out.
    """
    groups: dict[str, list[str]] = {}
    poetry = repo.tool("poetry")
    tables = {"dev": poetry.get("dev-dependencies")} if isinstance(poetry, dict) else {}

    for name, group in (poetry.get("group") or {}).items() if tables else ():
        if isinstance(group, dict):
            tables[name] = group.get("dependencies")

    for name, table in tables.items():
        if isinstance(table, dict):
            requirements = [_poetry_requirement(k, v) for k, v in table.items()]

            if None not in requirements:
                groups[name] = t.cast("list[str]", requirements)

    pdm = repo.tool("pdm", "dev-dependencies")

    for name, items in pdm.items() if isinstance(pdm, dict) else ():
        if as_list(items):
            groups.setdefault(name, as_list(items) or [])

    rye = as_list(
        repo.tool("rye").get("dev-dependencies")
        if isinstance(repo.tool("rye"), dict)
        else None
    )

    if rye:
        groups.setdefault("dev", rye)

    return {
        k: v
        for k, v in groups.items()
        if v and value_problem("dependencies", v) is None
    }
