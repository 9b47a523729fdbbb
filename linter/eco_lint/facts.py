"""What a project owns, read from its files: the facts a fix must keep.

The fix engine reads the facts of a repository as it is and as it would be
after a planned change set (the same files with some replaced, created or
deleted), and refuses a fix whose result loses any of them: the
distribution's name, version and where it comes from, its dependencies,
extras and entry points, the files its wheel ships as far as the build
config tells, every copyright line of its licence, the versions its
changelog records, the public attributes of its package, the tests pytest
collects, its CI jobs, triggers, services, runners and matrix rows, its
tox envs and what they run, what its ``.gitignore`` ignores, and what
would keep Sphinx from building its docs without a warning.

Everything is read statically: TOML with tomllib, YAML with a safe loader,
``setup.py`` with :mod:`ast`, never by running the project's code, and no
module that writes is imported.
"""

from __future__ import annotations

import ast
import configparser
import dataclasses
import fnmatch
import functools
import itertools
import posixpath
import re
import tomllib
import typing as t

from .repo import load_yaml
from .repo import setup_arguments
from .repo import SKIP_DIRS

if t.TYPE_CHECKING:
    from .repo import Repo


class Tree:
    """The files of a repository, with a planned overlay of new texts
    (``None`` deletes a file). Parsed files are cached.

    :param repo: The repository as it is.
    :param overlay: Planned texts by path.
    """

    def __init__(self, repo: Repo, overlay: t.Mapping[str, str | None] = {}) -> None:
        self.repo = repo
        self.overlay = dict(overlay)

    def text(self, name: str) -> str | None:
        if name in self.overlay:
            return self.overlay[name]

        return self.repo.text(name)

    @functools.cached_property
    def files(self) -> tuple[str, ...]:
        found = set(self.repo.files)
        found.difference_update(k for k, v in self.overlay.items() if v is None)
        found.update(k for k, v in self.overlay.items() if v is not None)
        return tuple(sorted(found))

    def glob(self, pattern: str) -> list[str]:
        regex = re.compile(pattern)
        return [name for name in self.files if regex.fullmatch(name)]

    def toml(self, name: str) -> dict[str, t.Any]:
        return _toml(self.text(name))

    def yaml(self, name: str) -> t.Any:
        return _yaml(self.text(name))

    def ini(self, name: str) -> dict[str, dict[str, str]]:
        return _ini(self.text(name))

    @functools.cached_property
    def pyproject(self) -> dict[str, t.Any]:
        return self.toml("pyproject.toml")

    def table(self, *keys: str) -> t.Any:
        value: t.Any = self.pyproject

        for key in keys:
            value = value.get(key, {}) if isinstance(value, dict) else {}

        return value

    @functools.cached_property
    def setup_py(self) -> dict[str, t.Any]:
        return _setup_py(self.text("setup.py"))


# Parsed texts, shared between the trees of one plan: most files are the
# same before and after a fix. Treat them as read-only.


@functools.lru_cache(maxsize=256)
def _toml(text: str | None) -> dict[str, t.Any]:
    try:
        return tomllib.loads(text) if text is not None else {}
    except tomllib.TOMLDecodeError:
        return {}


@functools.lru_cache(maxsize=256)
def _yaml(text: str | None) -> t.Any:
    try:
        return load_yaml(text) if text is not None else None
    except Exception:  # noqa: BLE001 -- any YAML error: no facts from it
        return None


@functools.lru_cache(maxsize=64)
def _ini(text: str | None) -> dict[str, dict[str, str]]:
    if text is None:
        return {}

    parser = configparser.ConfigParser(interpolation=None, strict=False)

    try:
        parser.read_string(text)
    except configparser.Error:
        return {}

    return {section: dict(parser[section]) for section in parser.sections()}


@functools.lru_cache(maxsize=16)
def _setup_py(text: str | None) -> dict[str, t.Any]:
    """Literal keyword arguments of ``setup()``; others are ``...``."""
    if text is None:
        return {}

    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}

    return setup_arguments(tree)


# Facts -----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Facts:
    """What a project owns. Every field is a set of short descriptions
    (or a mapping of sets), so that a loss is what one side has and the
    other lacks.
    """

    #: The normalized distribution name.
    name: str | None
    #: The version, where it can be told without building.
    version: str | None
    #: Where the version comes from: ``static``, ``attr`` (a module
    #: attribute read by the backend), ``scm`` (git tags), ``setup.py``
    #: (computed there), or ``unknown``.
    version_source: str
    requires_python: str | None
    #: Runtime requirements, normalized, markers included.
    dependencies: frozenset[str]
    #: ``extra: requirement`` for each optional dependency.
    optional: frozenset[str]
    #: ``group: name = value`` for scripts and entry points.
    entry_points: frozenset[str]
    #: The build backend, by module.
    backend: str | None
    #: What adds files to the wheel besides the package: build hooks,
    #: force-includes, data files.
    build_extras: frozenset[str]
    #: Files of the package the wheel ships, relative to the import root.
    shipped: frozenset[str]
    #: Every copyright line of the licence files.
    copyright: frozenset[str]
    #: Versions the changelog records.
    changelog: frozenset[str]
    #: ``module.name`` for the public attributes of each package's
    #: ``__init__`` (and ``__version__``).
    attributes: frozenset[str]
    #: Test files pytest collects, relative to the import root where they
    #: are inside the package.
    tests: frozenset[str]
    #: Warning filters pytest applies to every test.
    warning_filters: frozenset[str]
    ci_jobs: frozenset[str]
    ci_triggers: frozenset[str]
    ci_services: frozenset[str]
    ci_runners: frozenset[str]
    ci_matrix: frozenset[str]
    #: Workflows that upload to PyPI.
    publishers: frozenset[str]
    #: tox env name to what it runs, needs and sets.
    tox: t.Mapping[str, frozenset[str]]
    #: Entries of ``.gitignore``.
    gitignore: frozenset[str]
    #: ``repo: hook id`` for each pre-commit hook, but those of the tools
    #: ruff replaced.
    hooks: frozenset[str]
    #: The newest version each action and hook repository is pinned to.
    pins: t.Mapping[str, str]
    #: What keeps the project from building: licence files the metadata
    #: names that do not exist, keys both static and dynamic.
    build_errors: frozenset[str]
    #: What Sphinx would warn about in the docs: includes of files that do
    #: not exist, toctree entries that are no page, pages in no toctree;
    #: ``None`` without ``docs/conf.py``, when the docs do not build at all.
    docs_errors: frozenset[str] | None = None


def read_facts(repo: Repo, overlay: t.Mapping[str, str | None] = {}) -> Facts:
    """Read the facts of a repository, as it is or with planned texts."""
    tree = Tree(repo, overlay)
    version, source = _version(tree)
    return Facts(
        name=_name(tree),
        version=version,
        version_source=source,
        requires_python=_requires_python(tree),
        dependencies=_dependencies(tree),
        optional=_optional(tree),
        entry_points=_entry_points(tree),
        backend=_backend(tree),
        build_extras=_build_extras(tree),
        shipped=_shipped(tree),
        copyright=_copyright(tree),
        changelog=_changelog(tree),
        attributes=_attributes(tree),
        tests=_tests(tree),
        warning_filters=_warning_filters(tree),
        **_ci(tree),
        publishers=_publishers(tree),
        tox=_tox(tree),
        gitignore=_gitignore(tree),
        hooks=_hooks(tree),
        pins=_pins(tree),
        build_errors=_build_errors(tree),
        docs_errors=_docs_errors(tree),
    )


# Metadata --------------------------------------------------------------


def _normalize_name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _setup_cfg(tree: Tree, section: str) -> dict[str, str]:
    return tree.ini("setup.cfg").get(section, {})


def _listing(value: str) -> list[str]:
    """A setup.cfg list: one per line, or separated by ``;``/``,``."""
    lines = [line.strip() for line in value.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def _name(tree: Tree) -> str | None:
    for value in (
        tree.table("project").get("name"),
        tree.table("tool", "poetry").get("name"),
        tree.setup_py.get("name"),
        _setup_cfg(tree, "metadata").get("name"),
    ):
        if isinstance(value, str) and value:
            return _normalize_name(value)

    return None


def _requires_python(tree: Tree) -> str | None:
    for value in (
        tree.table("project").get("requires-python"),
        tree.setup_py.get("python_requires"),
        _setup_cfg(tree, "options").get("python_requires"),
    ):
        if isinstance(value, str):
            return re.sub(r"\s+", "", value)

    return None


def _build_requires(tree: Tree) -> list[str]:
    requires = tree.table("build-system").get("requires", [])
    return [str(r) for r in requires] if isinstance(requires, list) else []


def _backend(tree: Tree) -> str | None:
    backend = tree.table("build-system").get("build-backend")

    if isinstance(backend, str):
        return backend

    if tree.text("setup.py") is not None or tree.text("setup.cfg") is not None:
        return "setuptools.build_meta:__legacy__"

    return None


def _version(tree: Tree) -> tuple[str | None, str]:
    """The version and where it comes from, as the build backend in use
    reads it: the config of other backends is ignored.
    """
    project = tree.table("project")
    dynamic = project.get("dynamic", [])
    backend = _backend(tree) or ""
    build = " ".join(_build_requires(tree)).lower()

    if "version" in project and "version" not in dynamic:
        return str(project["version"]), "static"

    if backend.startswith("flit") and (
        "version" in dynamic or "project" not in tree.pyproject
    ):
        module = (
            tree.table("tool", "flit", "module").get("name")
            or tree.table("tool", "flit", "metadata").get("module")
            or project.get("name", "")
        )
        name = re.sub(r"[-.]+", "_", str(module))
        return _from_attribute(tree, f"{name}.__version__")

    if backend.startswith("hatchling"):
        source = tree.table("tool", "hatch", "version")

        if source.get("source") == "vcs":
            return None, "scm"

        if isinstance(source.get("path"), str):
            return _assigned(tree.text(source["path"]), "__version__"), "attr"

    if backend.startswith("pdm"):
        source = tree.table("tool", "pdm", "version")
        return None, "scm" if source.get("source") == "scm" else "unknown"

    if backend.startswith("poetry"):
        if tree.table("tool", "poetry-dynamic-versioning").get("enable") is True:
            return None, "scm"

        poetry = tree.table("tool", "poetry").get("version")
        return (poetry, "static") if isinstance(poetry, str) else (None, "unknown")

    if not backend.startswith("setuptools"):
        return None, "unknown"

    if (
        "setuptools_scm" in build or "setuptools-scm" in build
    ) and "version" in dynamic:
        return None, "scm"

    if tree.setup_py.get("use_scm_version") not in (None, False):
        return None, "scm"

    attr = tree.table("tool", "setuptools", "dynamic", "version")

    if isinstance(attr, dict) and isinstance(attr.get("attr"), str):
        return _from_attribute(tree, attr["attr"])

    if "version" in tree.setup_py:
        value = tree.setup_py["version"]
        return (value, "static") if isinstance(value, str) else (None, "setup.py")

    cfg = _setup_cfg(tree, "metadata").get("version")

    if cfg is not None:
        if cfg.startswith(("attr:", "file:")):
            kind, _, target = cfg.partition(":")
            value = (
                _attribute_value(tree, target.strip())
                if kind == "attr"
                else (tree.text(target.strip()) or "").strip() or None
            )
            return value, "attr"

        return cfg.strip(), "static"

    return None, "unknown"


def _assigned(text: str | None, name: str) -> str | None:
    """A string literal assigned to a name at a module's top level."""
    if text is None:
        return None

    try:
        module = ast.parse(text)
    except SyntaxError:
        return None

    for node in module.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue

        if any(isinstance(x, ast.Name) and x.id == name for x in targets):
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return value.value

    return None


def _module_file(tree: Tree, dotted: str) -> str | None:
    parts = dotted.split(".")

    for root in ("src/", ""):
        for candidate in (
            f"{root}{'/'.join(parts)}/__init__.py",
            f"{root}{'/'.join(parts)}.py",
        ):
            if tree.text(candidate) is not None:
                return candidate

    return None


def _attribute_value(tree: Tree, dotted: str) -> str | None:
    module, _, name = dotted.rpartition(".")
    path = _module_file(tree, module)
    return _assigned(tree.text(path), name) if path else None


def _from_attribute(tree: Tree, dotted: str) -> tuple[str | None, str]:
    """A version read from a module attribute: ``attr`` when the module
    has the attribute, ``unknown`` when it has none (no build can read it).
    """
    module, _, name = dotted.rpartition(".")
    path = _module_file(tree, module)

    if path is None or name not in _public_names(tree.text(path)):
        return None, "unknown"

    return _attribute_value(tree, dotted), "attr"


def _requirement(text: str) -> str:
    """A requirement in one spelling: name, sorted extras, sorted
    specifiers and the marker as packaging writes it.
    """
    from packaging.requirements import InvalidRequirement
    from packaging.requirements import Requirement

    try:
        req = Requirement(text)
    except InvalidRequirement:
        return re.sub(r"\s+", "", text).lower()

    extras = f"[{','.join(sorted(req.extras))}]" if req.extras else ""
    specs = ",".join(sorted(str(s) for s in req.specifier))
    marker = f"; {req.marker}" if req.marker else ""
    url = f" @ {req.url}" if req.url else ""
    return f"{_normalize_name(req.name)}{extras}{specs}{url}{marker}"


def _strings(value: t.Any) -> list[str]:
    if isinstance(value, str):
        return _listing(value)

    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if isinstance(v, str)]

    return []


def _dependencies(tree: Tree) -> frozenset[str]:
    project = tree.table("project")
    found: list[str] = []

    if "dependencies" in project or "dependencies" in project.get("dynamic", []):
        found += _strings(project.get("dependencies", []))
    elif "install_requires" in tree.setup_py:
        value = tree.setup_py["install_requires"]
        found += _strings(value) if value is not ... else ["<computed in setup.py>"]
    elif "install_requires" in _setup_cfg(tree, "options"):
        found += _listing(_setup_cfg(tree, "options")["install_requires"])

    poetry = tree.table("tool", "poetry", "dependencies")

    if isinstance(poetry, dict):
        found += [
            f"{_normalize_name(n)} (poetry)" for n in poetry if n.lower() != "python"
        ]

    return frozenset(
        r if r.startswith("<") or r.endswith(" (poetry)") else _requirement(r)
        for r in found
    )


def _optional(tree: Tree) -> frozenset[str]:
    extras: dict[str, t.Any] = {}
    table = tree.table("project", "optional-dependencies")

    if isinstance(table, dict) and table:
        extras = table
    elif isinstance(tree.setup_py.get("extras_require"), dict):
        extras = tree.setup_py["extras_require"]
    elif "options.extras_require" in tree.ini("setup.cfg"):
        extras = tree.ini("setup.cfg")["options.extras_require"]

    return frozenset(
        f"{_normalize_name(extra)}: {_requirement(req)}"
        for extra, reqs in extras.items()
        for req in _strings(reqs)
    )


def _entry_points(tree: Tree) -> frozenset[str]:
    groups: dict[str, dict[str, str]] = {}
    project = tree.table("project")

    for key, group in (("scripts", "console_scripts"), ("gui-scripts", "gui_scripts")):
        if isinstance(project.get(key), dict):
            groups.setdefault(group, {}).update(project[key])

    for group, items in (project.get("entry-points") or {}).items():
        if isinstance(items, dict):
            groups.setdefault(group, {}).update(items)

    poetry = tree.table("tool", "poetry", "scripts")

    if isinstance(poetry, dict):
        groups.setdefault("console_scripts", {}).update(
            {k: v for k, v in poetry.items() if isinstance(v, str)}
        )

    setup_eps = tree.setup_py.get("entry_points")

    if isinstance(setup_eps, dict):
        for group, items in setup_eps.items():
            for item in _strings(items):
                name, _, value = item.partition("=")
                groups.setdefault(group, {})[name.strip()] = value.strip()

    for section, items in tree.ini("setup.cfg").items():
        if section == "options.entry_points":
            for group, value in items.items():
                for item in _listing(value):
                    name, _, target = item.partition("=")
                    groups.setdefault(group, {})[name.strip()] = target.strip()

    return frozenset(
        f"{group}: {name} = {''.join(str(value).split())}"
        for group, items in groups.items()
        for name, value in items.items()
    )


# Shipped files -------------------------------------------------------


def _packages(tree: Tree) -> list[str]:
    """Top-level package folders the build takes: those the backend's
    config names, else those it finds (with ``__init__.py``, at the root
    or under ``src/``, that are not tests, docs or examples).
    """
    backend = _backend(tree) or ""

    if backend.startswith("hatchling"):
        wheel = tree.table("tool", "hatch", "build", "targets", "wheel")
        named = wheel.get("packages") if isinstance(wheel, dict) else None

        if isinstance(named, list):
            return [str(p).strip("/") for p in named]

    if backend.startswith("setuptools"):
        where = tree.table("tool", "setuptools", "packages", "find").get("where")
        package_dir = tree.setup_py.get("package_dir") or tree.table(
            "tool", "setuptools", "package-dir"
        )
        roots = _strings(where) if where else []

        if isinstance(package_dir, dict) and isinstance(package_dir.get(""), str):
            roots = [package_dir[""]]

        options = _setup_cfg(tree, "options")
        named = tree.setup_py.get("packages")

        if named is None and options.get("packages", "find:").strip() != "find:":
            named = _listing(options["packages"])

        if isinstance(named, list):
            # The packages setup.py names, where it says they are.
            root = (roots or [""])[0].strip("/.")
            return [
                f"{root}/{name}" if root else str(name)
                for name in named
                if isinstance(name, str) and "." not in name
            ]

        if roots:
            return [
                p
                for p in _found_packages(tree)
                if p.rpartition("/")[0] in {r.strip("/.") for r in roots}
            ]

    return _found_packages(tree)


def _found_packages(tree: Tree) -> list[str]:
    found = []

    for name in tree.glob(r"(src/)?[A-Za-z_][A-Za-z0-9_]*/__init__\.py"):
        folder = name.rsplit("/", 1)[0]
        base = folder.rsplit("/", 1)[-1]

        if base not in {"tests", "test", "docs", "examples", "example", "scripts"}:
            found.append(folder)

    return found


def _import_path(path: str) -> str:
    return path.removeprefix("src/")


def _shipped(tree: Tree) -> frozenset[str]:
    """The package files the wheel would ship, relative to the import root.
    Each backend is modelled as far as its static config tells: flit_core,
    hatchling, Poetry and PDM ship every file in the package; setuptools
    ships the modules and the package data it is told about.
    """
    backend = _backend(tree) or ""
    files: set[str] = set()
    build = " ".join(_build_requires(tree)).lower()

    for package in _packages(tree):
        inside = [
            f
            for f in tree.files
            if f.startswith(f"{package}/")
            and "/__pycache__/" not in f
            and not f.endswith((".pyc", ".pyo"))
        ]

        if backend.startswith("setuptools") and "setuptools_scm" not in build:
            data = _setuptools_data(tree, package)
            inside = [
                f
                for f in inside
                if f.endswith(".py") or any(fnmatch.fnmatch(f, p) for p in data)
            ]

        files.update(_import_path(f) for f in inside)

    return frozenset(files)


def _setuptools_data(tree: Tree, package: str) -> list[str]:
    """Glob patterns of the package data setuptools ships."""
    module = package.rsplit("/", 1)[-1]
    patterns: list[str] = []
    data = tree.setup_py.get("package_data")
    table = tree.table("tool", "setuptools", "package-data")

    for source in (data, table):
        if isinstance(source, dict):
            for key, globs in source.items():
                if key in ("", "*", module):
                    patterns += [f"{package}/{g}" for g in _strings(globs)]

    if "project" in tree.pyproject:
        include = tree.table("tool", "setuptools").get("include-package-data", True)
    else:
        include = tree.setup_py.get(
            "include_package_data",
            _setup_cfg(tree, "options").get("include_package_data", "") == "True",
        )

    if include:
        for line in (tree.text("MANIFEST.in") or "").splitlines():
            words = line.split()

            if len(words) >= 3 and words[0] == "recursive-include":
                patterns += [f"{words[1]}/*{g}" for g in words[2:]]
                patterns += [f"src/{words[1]}/*{g}" for g in words[2:]]
            elif len(words) >= 2 and words[0] == "include":
                patterns += words[1:]
            elif len(words) >= 2 and words[0] == "graft":
                patterns.append(f"{words[1]}/*")

    return patterns


def _build_extras(tree: Tree) -> frozenset[str]:
    """What adds files to a wheel besides the package folder, as far as
    the build backend in use is configured to.
    """
    found: set[str] = set()
    backend = _backend(tree) or ""

    if backend.startswith("hatchling"):
        found.update(_hatch_extras(tree))
    elif backend.startswith("setuptools"):
        found.update(_setuptools_extras(tree))
    elif backend.startswith("flit"):
        if tree.table("tool", "flit", "external-data"):
            found.add("flit external-data")
    elif backend.startswith("poetry"):
        if tree.table("tool", "poetry", "build"):
            found.add("the poetry build script")

        for key in ("include", "exclude"):
            for item in tree.table("tool", "poetry").get(key, []) or []:
                found.add(f"poetry {key} {item!r}")

    return frozenset(found)


def _hatch_extras(tree: Tree) -> set[str]:
    found: set[str] = set()
    hatch = tree.table("tool", "hatch", "build")
    wheel = hatch.get("targets", {}).get("wheel", {}) if isinstance(hatch, dict) else {}

    for where, table in (("", hatch), ("wheel ", wheel)):
        if not isinstance(table, dict):
            continue

        for hook in table.get("hooks", {}) or {}:
            found.add(f"the hatch {where}build hook {hook!r}")

        for key in ("force-include", "shared-data", "artifacts"):
            for item in table.get(key, {}) or []:
                found.add(f"hatch {where}{key} {item!r}")

    return found


def _setuptools_extras(tree: Tree) -> set[str]:
    found: set[str] = set()

    if tree.setup_py.get("cmdclass") is not None:
        found.add("setup.py cmdclass build commands")

    for key in ("ext_modules", "data_files", "cffi_modules", "rust_extensions"):
        if key in tree.setup_py:
            found.add(f"setup.py {key}")

    for key in ("data-files", "ext-modules"):
        if tree.table("tool", "setuptools", key):
            found.add(f"[tool.setuptools] {key}")

    return found


# Licence, changelog, attributes --------------------------------------

_LICENCE = re.compile(r"(?i)(licen[cs]e|copying|notice)([.-][^/]*)?")
_COPYRIGHT = re.compile(r"(?i)copyright|\(c\)|©")


def _copyright(tree: Tree) -> frozenset[str]:
    found = set()

    for name in tree.files:
        if "/" in name and not name.startswith(("LICENSES/", "licenses/")):
            continue

        if not _LICENCE.fullmatch(name.rsplit("/", 1)[-1]):
            continue

        for line in (tree.text(name) or "").splitlines():
            if _COPYRIGHT.search(line) and re.search(r"\b(1[89]|20)\d\d\b", line):
                found.add(" ".join(line.split()))

    return frozenset(found)


_CHANGELOG = re.compile(
    r"(?i)((changes|changelog|history|news)[^/]*|docs?/(changes|changelog|history|news)[^/]*)"
)
_VERSION_HEADING = re.compile(
    r"(?im)^[^\S\n]*+(?:#++\s*+|\*\*)?(?:version\s++|release\s++|\[)?v?"
    r"(\d++\.\d++(?:\.\d++)*(?:(?:a|b|rc|\.post|\.dev)\d++)?)\b"
)


def _changelog(tree: Tree) -> frozenset[str]:
    found: set[str] = set()

    for name in tree.files:
        if _CHANGELOG.fullmatch(name) and not name.endswith(".py"):
            found.update(_VERSION_HEADING.findall(tree.text(name) or ""))

    return frozenset(found)


def _public_names(text: str | None) -> set[str]:
    if text is None:
        return set()

    try:
        module = ast.parse(text)
    except SyntaxError:
        return set()

    names: set[str] = set()

    for node in module.body:
        if isinstance(node, ast.Assign):
            names.update(x.id for x in node.targets if isinstance(x, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)

            # A module __getattr__ that answers for __version__ keeps it.
            if node.name == "__getattr__" and any(
                isinstance(n, ast.Constant) and n.value == "__version__"
                for n in ast.walk(node)
            ):
                names.add("__version__")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update(
                (alias.asname or alias.name).split(".")[0] for alias in node.names
            )

    return {n for n in names if n == "__version__" or not n.startswith("_")}


def _attributes(tree: Tree) -> frozenset[str]:
    return frozenset(
        f"{_import_path(package).replace('/', '.')}.{name}"
        for package in _packages(tree)
        for name in _public_names(tree.text(f"{package}/__init__.py"))
    )


# Tests ---------------------------------------------------------------


def _pytest_config(tree: Tree) -> dict[str, t.Any]:
    """pytest's options, from the file pytest would read them: its own
    files first, then pyproject's native ``[tool.pytest]`` table (pytest 9)
    or its ``ini_options``.
    """
    for name in ("pytest.toml", ".pytest.toml"):
        if tree.text(name) is not None:
            options = tree.toml(name).get("pytest", {})
            return dict(options) if isinstance(options, dict) else {}

    for name in ("pytest.ini", ".pytest.ini"):
        if tree.text(name) is not None:
            return dict(tree.ini(name).get("pytest", {}))

    native = tree.table("tool", "pytest")

    if isinstance(native, dict) and set(native) - {"ini_options"}:
        return {k: v for k, v in native.items() if k != "ini_options"}

    options = tree.table("tool", "pytest", "ini_options")

    if isinstance(options, dict) and options:
        return options

    for name, section in (("tox.ini", "pytest"), ("setup.cfg", "tool:pytest")):
        if section in tree.ini(name):
            return dict(tree.ini(name)[section])

    return {}


def _option(config: dict[str, t.Any], key: str) -> list[str]:
    value = config.get(key, [])
    return value.split() if isinstance(value, str) else [str(v) for v in value]


def _tests(tree: Tree) -> frozenset[str]:
    config = _pytest_config(tree)
    roots = _option(config, "testpaths") or [""]
    patterns = _option(config, "python_files") or ["test_*.py", "*_test.py"]
    found = set()

    for name in tree.files:
        parts = name.split("/")

        if any(p in SKIP_DIRS or p.startswith(".") for p in parts[:-1]):
            continue

        if not any(fnmatch.fnmatch(parts[-1], p) for p in patterns):
            continue

        if any(
            root in ("", ".") or name.startswith(f"{root.rstrip('/')}/")
            for root in roots
        ):
            found.add(_import_path(name))

    return frozenset(found)


def _warning_filters(tree: Tree) -> frozenset[str]:
    config = _pytest_config(tree)
    value = config.get("filterwarnings", [])
    items = _listing(value) if isinstance(value, str) else [str(v) for v in value]
    return frozenset(" ".join(v.split()) for v in items)


def pytest_settings(repo: Repo) -> tuple[list[str], frozenset[str]]:
    """The ``testpaths`` and the warning filters of the pytest config the
    project has now.
    """
    tree = Tree(repo)
    config = _pytest_config(tree)
    filters = config.get("filterwarnings")
    # Settings of another type than pytest reads are no settings.
    paths = _option(config, "testpaths") if _texts(config.get("testpaths")) else []
    return paths, _warning_filters(tree) if _texts(filters) else frozenset()


def _texts(value: t.Any) -> bool:
    """Whether a setting is a text or a list of texts."""
    return isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    )


def pytest_modules(repo: Repo) -> list[str]:
    """Every file pytest would collect as a test module with no
    ``testpaths``, by path.
    """
    config = _pytest_config(Tree(repo))
    patterns = _option(config, "python_files") or ["test_*.py", "*_test.py"]
    return [
        name
        for name in repo.files
        if any(fnmatch.fnmatch(name.rsplit("/", 1)[-1], p) for p in patterns)
        and not any(p.startswith(".") for p in name.split("/")[:-1])
    ]


# CI --------------------------------------------------------------------


def _workflows(tree: Tree) -> dict[str, dict[str, t.Any]]:
    result = {}

    for name in tree.glob(r"\.github/workflows/[^/]+\.ya?ml"):
        data = tree.yaml(name)

        if isinstance(data, dict):
            result[name] = data

    return result


def _ci(tree: Tree) -> dict[str, frozenset[str]]:
    jobs: set[str] = set()
    triggers: set[str] = set()
    services: set[str] = set()
    runners: set[str] = set()
    matrix: set[str] = set()

    for data in _workflows(tree).values():
        on = data.get("on", {})

        if isinstance(on, str):
            on = {on: None}
        elif isinstance(on, list):
            on = dict.fromkeys(on)

        if isinstance(on, dict):
            for event, config in on.items():
                triggers.update(_triggers(str(event), config))

        for job_id, job in (data.get("jobs") or {}).items():
            if not isinstance(job, dict):
                continue

            if "slsa-github-generator" in str(job.get("uses", "")):
                continue  # provenance, which attestations replace

            jobs.add(str(job_id))

            for service_id, service in (job.get("services") or {}).items():
                image = (
                    service.get("image", service_id)
                    if isinstance(service, dict)
                    else service
                )
                services.add(str(image).split(":")[0])

            runs_on = job.get("runs-on")

            if isinstance(runs_on, str) and "${{" not in runs_on:
                runners.add(runs_on.split("-")[0])

            strategy = job.get("strategy")
            found = strategy.get("matrix") if isinstance(strategy, dict) else None

            if isinstance(found, dict):
                for key, values in found.items():
                    if key == "include" and isinstance(values, list):
                        for row in values:
                            if isinstance(row, dict):
                                matrix.add(_row(row))
                                runners.update(
                                    str(row[k]).split("-")[0]
                                    for k in ("os", "runs-on", "platform")
                                    if k in row
                                )
                    elif isinstance(values, list) and key != "exclude":
                        matrix.update(f"{key}={v}" for v in values)

                        if key in ("os", "runs-on", "platform"):
                            runners.update(str(v).split("-")[0] for v in values)

    return {
        "ci_jobs": frozenset(jobs),
        "ci_triggers": frozenset(triggers),
        "ci_services": frozenset(services),
        "ci_runners": frozenset(runners),
        "ci_matrix": frozenset(matrix),
    }


def _row(row: dict[str, t.Any]) -> str:
    return ", ".join(f"{k}={row[k]}" for k in sorted(row) if k != "name")


def _triggers(event: str, config: t.Any) -> set[str]:
    if event == "schedule" and isinstance(config, list):
        return {
            f"schedule {' '.join(str(c.get('cron')).split())}"
            for c in config
            if isinstance(c, dict)
        }

    if event in ("push", "pull_request", "pull_request_target") and isinstance(
        config, dict
    ):
        found = {
            f"{event} {key} {value}"
            for key in ("branches", "tags")
            for value in _strings(config.get(key))
        }

        if found:
            return found

    return {event}


_UPLOAD = re.compile(
    r"twine\s+upload|uv\s+publish|flit\s+publish|poetry\s+publish|pdm\s+publish|hatch\s+publish"
)


def _publishers(tree: Tree) -> frozenset[str]:
    """Workflows that upload to PyPI, found by what they do."""
    found = set()

    for name, data in _workflows(tree).items():
        for job in (data.get("jobs") or {}).values():
            if not isinstance(job, dict):
                continue

            for step in job.get("steps") or []:
                if not isinstance(step, dict):
                    continue

                uses = str(step.get("uses", ""))
                run = str(step.get("run", ""))

                if uses.startswith("pypa/gh-action-pypi-publish") or _UPLOAD.search(
                    run
                ):
                    found.add(name)

    return frozenset(found)


# tox -----------------------------------------------------------------


def _expand(spec: str) -> list[str]:
    """Expand tox's ``py3{8,9}-sqla{1,2}`` into every name."""
    parts = []
    position = 0

    # Each "{" up to the next "}", found once: a pattern would look for the
    # "}" again from every "{" when there is none.
    while (start := spec.find("{", position)) >= 0:
        end = spec.find("}", start)

        if end < 0:
            break

        parts += [spec[position:start], spec[start : end + 1]]
        position = end + 1

    parts.append(spec[position:])
    options = [p[1:-1].split(",") if p.startswith("{") else [p] for p in parts]
    return ["".join(o).strip() for o in itertools.product(*options)]


def _split_envs(line: str) -> list[str]:
    """A line of env names split at its commas, and not at those inside
    braces, which separate factors: a comma whose next brace is a ``}``.
    Read from the end once, where a pattern would look ahead from each.
    """
    items: list[str] = []
    end = len(line)
    closing = False

    for index in range(len(line) - 1, -1, -1):
        char = line[index]

        if char in "{}":
            closing = char == "}"
        elif char == "," and not closing:
            items.append(line[index + 1 : end].lstrip())
            end = index

    items.append(line[:end])
    return items[::-1]


def _env_list(value: str) -> list[str]:
    names = []

    for line in value.splitlines():
        line = line.split("#")[0]

        for item in _split_envs(line):
            if item.strip():
                names += _expand(item.strip())

    return names


def _env_name(name: str) -> str:
    """tox env names in one spelling: ``py38`` and ``py3.8`` are one env."""
    return re.sub(r"\b(py|pypy)3(\d+)\b", r"\g<1>3.\2", name)


_PYTHON_ENV = re.compile(r"(^|-)(py|pypy)\d")
_CONDITION = re.compile(r"^\s*+([!\w.,{}-]++):\s++(.*)$")


def _for_env(value: str, env: str) -> list[str]:
    """The lines of a tox.ini setting that apply to one env, with their
    factor conditions resolved.
    """
    factors = set(env.split("-"))
    lines = []

    for line in value.splitlines():
        if not line.strip() or line.strip().startswith("#"):
            continue

        match = _CONDITION.match(line)

        if match:
            condition, line = match.groups()
            alternatives = [_expand(c) for c in condition.split(",")]

            def holds(option: str) -> bool:
                return all(
                    (f[1:] not in factors) if f.startswith("!") else (f in factors)
                    for f in option.split("-")
                )

            if not any(holds(o) for options in alternatives for o in options):
                continue

        lines.append(line.strip())

    return lines


def _program(command: str | list[t.Any]) -> str:
    words = command if isinstance(command, list) else command.split()
    words = [str(w) for w in words if isinstance(w, str)]
    words = [w.lstrip("-") for w in words if w.lstrip("-")]

    while words and words[0] in ("python", "python3", "{envpython}", "uv", "run"):
        if len(words) > 2 and words[1] == "-m":
            return words[2]

        words = words[1:]

    return words[0] if words else ""


def _tox(tree: Tree) -> dict[str, frozenset[str]]:
    result: dict[str, frozenset[str]] = {}
    ini = tree.ini("tox.ini")

    if ini:
        base = ini.get("testenv", {})
        names = _env_list(ini.get("tox", {}).get("envlist", ""))
        names += [s.split(":", 1)[1] for s in ini if s.startswith("testenv:")]

        for env in dict.fromkeys(names):
            if f"testenv:{env}" not in ini and not _PYTHON_ENV.search(env):
                # Named in envlist only: whatever the base runs, nothing of
                # the project's own.
                result[_env_name(env)] = frozenset()
                continue

            section = {**base, **ini.get(f"testenv:{env}", {})}
            facts = {
                f"runs {_program(c)}"
                for c in _for_env(section.get("commands", ""), env)
            }
            facts.update(
                f"needs {_requirement(d)}"
                for d in _conditional_lines(section.get("deps", ""), env)
            )
            facts.update(
                f"sets {line.split('=')[0].strip()}"
                for line in _conditional_lines(section.get("setenv", ""), env)
            )
            result[_env_name(env)] = frozenset(facts)

    native = tree.table("tool", "tox")

    if not native and tree.text("tox.toml") is not None:
        native = tree.toml("tox.toml")

    if isinstance(native, dict) and native:
        base_env = native.get("env_run_base", {})
        envs = native.get("env", {}) if isinstance(native.get("env"), dict) else {}
        names = [n for item in native.get("env_list", []) for n in _expand(str(item))]
        names += list(envs)

        for env in dict.fromkeys(names):
            if env not in envs and not _PYTHON_ENV.search(env):
                result[_env_name(env)] = frozenset()
                continue

            config = {**base_env, **(envs.get(env) or {})}
            commands = config.get("commands", [])
            result[_env_name(env)] = frozenset(
                f"runs {_program(c)}" for c in commands if isinstance(c, list)
            )

    return result


def _conditional_lines(value: str, env: str) -> list[str]:
    """The factor-conditional lines of a setting that apply to an env:
    what the project's own factors add.
    """
    conditional = "\n".join(
        line for line in value.splitlines() if _CONDITION.match(line)
    )
    return _for_env(conditional, env)


# .gitignore ------------------------------------------------------------


def _gitignore(tree: Tree) -> frozenset[str]:
    lines = (tree.text(".gitignore") or "").splitlines()
    return frozenset(
        line.strip()
        for line in lines
        if line.strip() and not line.strip().startswith("#")
    )


# pre-commit and pins --------------------------------------------------

#: Hooks of the tools ruff replaced, which removing loses nothing.
_REPLACED = re.compile(
    r"black(-jupyter)?|flake8|isort|pyupgrade|autoflake|reorder-python-imports"
    r"|pycln|pydocstyle|bandit"
)


#: Hook ids their tool renamed: the same hook.
_RENAMED = {"ruff": "ruff-check"}


def _hooks(tree: Tree) -> frozenset[str]:
    found = set()

    for name in (".pre-commit-config.yaml", ".pre-commit-config.yml"):
        data = tree.yaml(name)
        repos = data.get("repos") if isinstance(data, dict) else None

        for repo in repos if isinstance(repos, list) else []:
            if not isinstance(repo, dict):
                continue

            url = str(repo.get("repo", "")).removesuffix(".git").rstrip("/")

            hooks = repo.get("hooks")

            for hook in hooks if isinstance(hooks, list) else []:
                if isinstance(hook, dict) and not _REPLACED.fullmatch(
                    str(hook.get("id"))
                ):
                    hook_id = _RENAMED.get(str(hook.get("id")), str(hook.get("id")))
                    found.add(f"{url.rsplit('/', 1)[-1]}: {hook_id}")

    return frozenset(found)


_HOOK_PIN = re.compile(
    r"repo:\s*+['\"]?(\S+?)['\"]?[^\S\n]*+\n\s*+rev:\s*+['\"]?([^\s'\"]++)['\"]?"
    r"(?:[ \t]*+#\s*+frozen:\s*+(\S+))?"
)
_ACTION_PIN = re.compile(
    r"uses:\s*['\"]?([\w.-]+/[\w.-]+)(?:/[\w./-]*)?@([^\s'\"#]+)['\"]?"
    r"(?:[ \t]*#\s*(\S+))?"
)


def _as_version(text: str) -> t.Any:
    from packaging.version import InvalidVersion
    from packaging.version import Version

    try:
        return Version(text.lstrip("v"))
    except InvalidVersion:
        return None


def _pins(tree: Tree) -> dict[str, str]:
    """The newest version each repository is pinned to: the ``frozen``
    or trailing comment of a SHA pin, or the tag itself.
    """
    found: dict[str, str] = {}
    sources = [
        (".pre-commit-config.yaml", _HOOK_PIN),
        (".pre-commit-config.yml", _HOOK_PIN),
    ]
    sources += [(n, _ACTION_PIN) for n in tree.glob(r"\.github/workflows/[^/]+\.ya?ml")]

    for name, regex in sources:
        for match in regex.finditer(tree.text(name) or ""):
            repo, ref, comment = match.groups()
            version = comment or ref

            if _as_version(version) is None:
                continue

            key = repo.removesuffix(".git").rstrip("/").lower()

            if key not in found or _as_version(version) > _as_version(found[key]):
                found[key] = version

    return found


def _build_errors(tree: Tree) -> frozenset[str]:
    project = tree.table("project")
    named = [str(p) for p in project.get("license-files", []) or []]
    licence = project.get("license")

    if isinstance(licence, dict) and isinstance(licence.get("file"), str):
        named.append(licence["file"])

    errors = {
        f"{path} is named as a licence file and does not exist"
        for path in named
        if not any(fnmatch.fnmatch(f, path) for f in tree.files)
    }
    # Without [build-system], pip and uv build [project] with setuptools,
    # which rejects them too since PEP 639.
    backend = _backend(tree) or ("setuptools" if project else "")
    rejects = {"flit": "flit_core", "setuptools": "setuptools"}.get(
        backend.partition(".")[0].partition("_")[0]
    )

    if rejects and isinstance(licence, str):
        errors.update(
            f"{rejects} rejects the classifier {c!r} beside a licence expression"
            for c in project.get("classifiers", []) or []
            if str(c).startswith("License ::")
        )

    errors.update(
        f"{key} is both set and dynamic in [project]"
        for key in project.get("dynamic", []) or []
        if key in project
    )
    return frozenset(errors)


# Docs ------------------------------------------------------------------

_DOCS = "docs"
_INCLUDE = re.compile(
    r"^\s*(?:\.\.\s+(?:literal)?include::|(?:`{3,}|:{3,})\{(?:literal)?include\})"
    r"\s*(\S+)"
)
_TOCTREE_RST = re.compile(r"^(\s*)\.\.\s+toctree::")
_TOCTREE_MYST = re.compile(r"^\s*(`{3,}|:{3,})\{toctree\}")


def _extensions(conf: str) -> frozenset[str] | None:
    """The extensions ``conf.py`` loads, when it lists them as literals
    and never changes the list; ``None`` when that cannot be told.
    """
    try:
        module = ast.parse(conf)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None

    found: frozenset[str] = frozenset()

    for node in ast.walk(module):
        targets: list[ast.expr] = []

        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Attribute) and node.attr in {"append", "extend"}:
            targets = [node.value]

        if not any(isinstance(t, ast.Name) and t.id == "extensions" for t in targets):
            continue

        value = node.value if isinstance(node, ast.Assign) else None

        try:
            names = ast.literal_eval(value) if value is not None else None
        except (ValueError, TypeError, SyntaxError, RecursionError):
            return None

        if not isinstance(names, (list, tuple)):
            return None

        found = frozenset(str(n) for n in names)

    return found


def _docname(page: str) -> str:
    return page.removeprefix(f"{_DOCS}/").rsplit(".", 1)[0]


def _resolve(page: str, target: str) -> str:
    """A path a page names, relative to the docs folder (``/x``) or to the
    page's own folder, as a path in the repository.
    """
    if target.startswith("/"):
        return posixpath.normpath(f"{_DOCS}{target}")

    return posixpath.normpath(posixpath.join(posixpath.dirname(page), target))


def _toctree_entries(lines: list[str]) -> list[tuple[str, bool]]:
    """Each toctree entry of a page, and whether its toctree globs."""
    found: list[tuple[str, bool]] = []
    index = 0

    while index < len(lines):
        rst = _TOCTREE_RST.match(lines[index])
        myst = _TOCTREE_MYST.match(lines[index])
        index += 1

        if not (rst or myst):
            continue

        body: list[str] = []

        while index < len(lines):
            line = lines[index]

            if myst and line.strip() == myst.group(1):
                index += 1
                break

            if (
                rst
                and line.strip()
                and len(line) - len(line.lstrip()) <= len(rst.group(1))
            ):
                break

            body.append(line.strip())
            index += 1

        globbed = ":glob:" in body
        fenced = False

        for entry in body:
            if entry == "---":
                fenced = not fenced
            elif entry and not fenced and not entry.startswith(":"):
                target = re.search(r"<([^<>]+)>$", entry)
                found.append((target.group(1) if target else entry, globbed))

    return found


@functools.lru_cache(maxsize=512)
def _page_references(
    text: str,
) -> tuple[tuple[str, ...], tuple[tuple[str, bool], ...], bool]:
    """What a docs page names: the files it includes, its toctree entries
    (and whether their toctree globs), and whether it says it is an orphan.
    Pages are the same before and after most fixes: read each once.
    """
    lines = text.splitlines()
    includes = tuple(
        match.group(1)
        for line in lines
        if (match := _INCLUDE.match(line)) and not match.group(1).startswith("<")
    )
    orphan = re.match(r"\s*(:orphan:|---\s*\norphan:\s*true)", text) is not None
    return includes, tuple(_toctree_entries(lines)), orphan


def _docs_errors(tree: Tree) -> frozenset[str] | None:
    """What Sphinx would warn about in ``docs/``, read without running
    ``conf.py``: pages are ``.rst`` files, and ``.md`` files when
    ``conf.py`` loads MyST (or when its extensions cannot be told).
    """
    conf = tree.text(f"{_DOCS}/conf.py")

    if conf is None:
        return None

    extensions = _extensions(conf)
    suffixes: tuple[str, ...] = (".rst", ".md")

    if extensions is not None and not extensions & {"myst_parser", "myst_nb"}:
        suffixes = (".rst",)

    pages = {
        name
        for name in tree.files
        if name.startswith(f"{_DOCS}/")
        and name.endswith(suffixes)
        and not any(part.startswith((".", "_")) for part in name.split("/")[1:-1])
    }
    docnames = {_docname(page): page for page in pages}
    errors: set[str] = set()
    listed: set[str] = {"index"}
    included: set[str] = set()

    orphans: set[str] = set()

    for page in sorted(pages):
        includes, entries, orphan = _page_references(tree.text(page) or "")

        if orphan:
            orphans.add(page)

        for written in includes:
            target = _resolve(page, written)
            included.add(target)

            if tree.text(target) is None:
                errors.add(f"{page} includes {written}, which does not exist")

        for entry, globbed in entries:
            if entry == "self" or re.match(r"[a-z]+://", entry):
                continue

            name = _docname(
                _resolve(page, entry.removesuffix(".rst").removesuffix(".md"))
            )

            if globbed:
                listed.update(n for n in docnames if fnmatch.fnmatch(n, name))
            elif name in docnames:
                listed.add(name)
            else:
                errors.add(f"{page} lists {entry} in a toctree, and it is no page")

    errors.update(
        f"{page} is in no toctree"
        for name, page in docnames.items()
        if name not in listed and page not in included | orphans
    )
    return frozenset(errors)


# Losses ----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Loss:
    """A fact a planned change would lose.

    :param fact: What kind of fact, such as ``the changelog's versions``.
    :param lost: What of it would be lost.
    :param hand: What the maintainer must do by hand instead.
    """

    fact: str
    lost: str
    hand: str

    def __str__(self) -> str:
        return f"it would lose {self.fact} ({self.lost}); {self.hand}"


#: For each set of facts: what it is called, and what to do by hand.
_SETS: dict[str, tuple[str, str]] = {
    "dependencies": (
        "runtime dependencies",
        "carry them into [project] dependencies by hand, verbatim with their markers",
    ),
    "optional": (
        "optional dependencies",
        "carry them into [project.optional-dependencies] by hand",
    ),
    "entry_points": (
        "entry points",
        "carry them into [project.scripts] or [project.entry-points] by hand",
    ),
    "build_extras": (
        "what the build adds to the wheel",
        "the build config must keep it: move it by hand, or keep the backend",
    ),
    "shipped": (
        "files the wheel ships",
        "make the new build config include them, and compare the wheels",
    ),
    "copyright": (
        "copyright notices",
        "the licence requires keeping them: edit the licence file by hand",
    ),
    "changelog": (
        "the changelog's released versions",
        "move the changelog by hand, keeping every entry",
    ),
    "attributes": (
        "public attributes of the package",
        "other code imports them: keep them in __init__.py",
    ),
    "tests": (
        "tests pytest collects",
        "point testpaths at where the tests are, or move them by hand",
    ),
    "ci_jobs": ("CI jobs", "keep them in the workflow when editing it by hand"),
    "ci_triggers": (
        "CI triggers",
        "keep the branches, tags and schedules the workflows run on",
    ),
    "ci_services": ("CI service containers", "keep the services in the workflow"),
    "ci_runners": ("CI runner systems", "keep the runners in the workflow"),
    "ci_matrix": ("CI matrix rows", "keep the project's matrix rows in the workflow"),
}


def _same_ignore(entry: str) -> str:
    return entry.strip("/")


def losses(before: Facts, after: Facts) -> list[Loss]:
    """What ``after`` lacks of ``before``."""
    found: list[Loss] = []

    def add(fact: str, lost: t.Iterable[str], hand: str) -> None:
        items = sorted(lost)

        if items:
            shown = ", ".join(items[:4]) + (
                f" and {len(items) - 4} more" if len(items) > 4 else ""
            )
            found.append(Loss(fact, shown, hand))

    if before.name and after.name != before.name:
        add("the distribution name", [before.name], "keep [project] name")

    if before.version_source == "scm" and after.version_source != "scm":
        add(
            "the version from git tags",
            ["dynamic version"],
            "keep the SCM version plugin in the build config",
        )
    elif before.version is not None and after.version != before.version:
        add(
            "the version",
            [f"{before.version} -> {after.version or 'unknown'}"],
            "set the same version by hand",
        )
    elif before.version is None and before.version_source not in (
        "unknown",
        after.version_source,
    ):
        add(
            "the version",
            [f"computed by {before.version_source}"],
            "carry the version over by hand",
        )

    if before.requires_python and after.requires_python != before.requires_python:
        add(
            "the supported Python range",
            [f"{before.requires_python} -> {after.requires_python}"],
            "raising requires-python is the maintainer's decision",
        )

    for key, (fact, hand) in _SETS.items():
        gone = getattr(before, key) - getattr(after, key)

        if key == "ci_triggers":
            # A pattern that matches everything keeps every narrower one.
            gone = {
                g
                for g in gone
                if not {f"{g.rsplit(' ', 1)[0]} *", f"{g.rsplit(' ', 1)[0]} **"}
                & after.ci_triggers
            }

        if key == "dependencies":
            # Poetry's constraints have no PEP 508 spelling to compare.
            names = {
                re.split(r"[\s\[<>=!~;@]", d, maxsplit=1)[0] for d in after.dependencies
            }
            gone = {
                d
                for d in gone
                if not (d.endswith(" (poetry)") and d.split()[0] in names)
            }

        add(fact, gone, hand)

    new_errors = {
        f
        for f in after.warning_filters - before.warning_filters
        if f.startswith("error")
    }

    if new_errors:
        add(
            "the tests' warnings staying warnings",
            new_errors,
            "run pytest -W error first, fix what it raises, then add the filter",
        )

    if before.publishers and not after.publishers:
        add("the PyPI upload", before.publishers, "keep one workflow that publishes")
    elif len(after.publishers) > max(len(before.publishers), 1):
        add(
            "a single PyPI upload per release",
            after.publishers - before.publishers,
            "move publishing into one workflow by hand, then delete "
            + ", ".join(sorted(before.publishers)),
        )

    gone_envs = [env for env in before.tox if env not in after.tox]
    add("tox envs", gone_envs, "keep the project's envs in the tox config")

    for env, facts in before.tox.items():
        if env in after.tox:
            add(
                f"what tox env {env} does",
                facts - after.tox[env],
                "carry the env's commands, deps and settings by hand",
            )

    add(
        "pre-commit hooks",
        before.hooks - after.hooks,
        "keep the project's hooks when adding the standard ones",
    )
    add(
        "newer pins",
        {
            f"{repo} {version} -> {after.pins[repo]}"
            for repo, version in before.pins.items()
            if repo in after.pins
            and _as_version(after.pins[repo]) < _as_version(version)
        },
        "the project's pins are newer than the template's: keep them",
    )
    add(
        "a project that builds",
        after.build_errors - before.build_errors,
        "the result would not build: make this change by hand",
    )
    if before.docs_errors is not None:
        gone = {"docs/conf.py does not exist"}
        add(
            "docs that build",
            (gone if after.docs_errors is None else after.docs_errors)
            - before.docs_errors,
            "the docs build would warn: make this change by hand",
        )

    kept = {_same_ignore(e) for e in after.gitignore}
    add(
        ".gitignore entries",
        {
            e
            for e in before.gitignore
            # Ignoring the lock is what the standard undoes.
            if _same_ignore(e) not in kept and _same_ignore(e) != "uv.lock"
        },
        "keep the project's entries when adding the standard ones",
    )
    return found
