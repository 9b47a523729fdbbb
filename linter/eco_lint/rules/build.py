"""BLD: how the package is built."""

from __future__ import annotations

import re
import typing as t

from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement
from packaging.version import Version

from ..registry import Fail
from ..registry import Skip
from ..repo import Repo
from ._base import Build
from ._base import is_pure_python
from ._base import requirement_name
from .metadata import line_in_table

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
    Writes the template's `[build-system]` table. Unsafe: a project with
    setuptools configuration needs it moved first (BLD005).
    """

    weight = 3

    @classmethod
    def applies(cls, repo: Repo) -> bool:
        return is_pure_python(repo)

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        found = repo.pyproject.get("build-system")
        expected = repo.standard.toml(PYPROJECT)["build-system"]

        if not isinstance(found, dict):
            return Fail(
                "no [build-system] table",
                PYPROJECT if repo.is_file(PYPROJECT) else None,
            )

        line = line_in_table(repo, PYPROJECT, "build-system")

        if found.get("build-backend") != expected["build-backend"]:
            return Fail(
                f"build-backend is {found.get('build-backend')!r}",
                PYPROJECT,
                line_in_table(repo, PYPROJECT, "build-system", "build-backend"),
            )

        requires = found.get("requires")

        if not _same_requirements(requires, expected["requires"]):
            return Fail(
                f"build requires {requires!r}, not {expected['requires']!r}",
                PYPROJECT,
                line_in_table(repo, PYPROJECT, "build-system", "requires"),
            )

        extra = sorted(set(found) - set(expected))

        if extra:
            return Fail(f"[build-system] sets {', '.join(extra)}", PYPROJECT, line)

        return None


def _module_exists(repo: Repo, name: str) -> bool:
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
    Writes the table with the name of the package found in `src/`. Safe.
    """

    weight = 2
    requires = frozenset({"BLD001"})

    @classmethod
    def applies(cls, repo: Repo) -> bool:
        return is_pure_python(repo)

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
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
                line_in_table(repo, PYPROJECT, "tool.flit.module", "name"),
            )

        return None


def _path(entry: object) -> str:
    return str(entry).strip().rstrip("/")


def _listed_exists(repo: Repo, entry: str) -> bool:
    if any(c in entry for c in "*?["):
        regex = re.escape(entry).replace(r"\*\*", ".*").replace(r"\*", "[^/]*")
        regex = regex.replace(r"\?", "[^/]")
        return bool(repo.glob(rf"{regex}(/.*)?"))

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
    Adds the missing entries and removes the paths that do not exist. Safe.
    """

    weight = 2
    requires = frozenset({"BLD001"})

    @classmethod
    def applies(cls, repo: Repo) -> bool:
        return is_pure_python(repo)

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        sdist = repo.tool("flit", "sdist")
        expected = repo.standard.toml(PYPROJECT)["tool"]["flit"]["sdist"]

        if not isinstance(sdist, dict) or not sdist:
            return Fail("no [tool.flit.sdist] table", PYPROJECT)

        for key in ("include", "exclude"):
            found = sdist.get(key, [])
            found = found if isinstance(found, list) else []
            paths = [_path(p) for p in found]
            line = line_in_table(repo, PYPROJECT, "tool.flit.sdist", key)
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
                return Fail(f"sdist {key} lacks {', '.join(missing)}", PYPROJECT, line)

            if key == "include":
                absent = [
                    str(entry)
                    for entry in found
                    if _path(entry) not in standard
                    and not _listed_exists(repo, _path(entry))
                ]

                if absent:
                    return Fail(
                        f"sdist include lists {', '.join(absent)}, which is missing",
                        PYPROJECT,
                        line,
                    )

        return None


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
    Moves the `setup()` metadata into `[project]` and sets the build
    requirement. Display only: the setup script is the project's code.
    """

    weight = 3

    @classmethod
    def applies(cls, repo: Repo) -> bool:
        return not is_pure_python(repo)

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        system = repo.pyproject.get("build-system")
        system = system if isinstance(system, dict) else {}
        line = line_in_table(repo, PYPROJECT, "build-system")

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

        if low is None or low < Version("77"):
            return Fail(
                f"build requires {system.get('requires')!r}, not setuptools>=77",
                PYPROJECT,
                line_in_table(repo, PYPROJECT, "build-system", "requires"),
            )

        if repo.tool("flit"):
            return Fail(
                "[tool.flit] tables in a setuptools build",
                PYPROJECT,
                repo.line_of(PYPROJECT, r"^\s*\[tool\.flit"),
            )

        if not repo.is_file("setup.py"):
            return Fail("setup.py, which declares the extension, is missing")

        metadata = sorted(_SETUP_METADATA & set(repo.setup_py))

        if metadata:
            return Fail(
                f"setup() sets metadata: {', '.join(metadata)}",
                "setup.py",
                repo.line_of("setup.py", rf"\b{metadata[0]}\s*="),
            )

        legacy = [s for s in ("metadata", "options") if s in repo.setup_cfg]

        if legacy:
            return Fail(
                f"setup.cfg has [{legacy[0]}]",
                "setup.cfg",
                repo.line_of("setup.cfg", rf"^\[{legacy[0]}\]"),
            )

        if not repo.is_file("MANIFEST.in"):
            return Fail("MANIFEST.in is missing")

        return None


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
    Moves what is missing from `[project]` there, then deletes the other
    tables and files. Unsafe: it deletes files.
    """

    weight = 2

    @classmethod
    def applies(cls, repo: Repo) -> bool:
        return is_pure_python(repo)

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        tables = _other_tools(repo)

        if "metadata" in repo.tool("flit"):
            tables.append("[tool.flit.metadata]")

        if tables:
            name = tables[0][1:-1]
            return Fail(
                f"pyproject.toml has {', '.join(tables)}",
                PYPROJECT,
                repo.line_of(PYPROJECT, rf"^\s*\[\s*{re.escape(name)}\b"),
            )

        files = [name for name in ("setup.py", "MANIFEST.in") if repo.is_file(name)]

        if files:
            return Fail(f"{' and '.join(files)} in a pure Python project", files[0])

        legacy = [s for s in ("metadata", "options") if s in repo.setup_cfg]

        if legacy:
            return Fail(
                f"setup.cfg has [{legacy[0]}]",
                "setup.cfg",
                repo.line_of("setup.cfg", rf"^\[{legacy[0]}\]"),
            )

        return None
