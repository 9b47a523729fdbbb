"""META: the ``[project]`` table of ``pyproject.toml``."""

from __future__ import annotations

import re
import typing as t

from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement
from packaging.specifiers import InvalidSpecifier
from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion
from packaging.version import Version

from ..registry import Fail
from ..registry import Skip
from ..repo import Repo
from ..standard import Standard
from ._base import Metadata

PYPROJECT = "pyproject.toml"
_HEADER = re.compile(r"^\s*\[\[?\s*([^\]#]+?)\s*\]\]?\s*(?:#.*)?$")


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


def _package_init(repo: Repo) -> str | None:
    name = repo.inferred.get("import_name")

    for path in (f"src/{name}/__init__.py", f"{name}/__init__.py"):
        if name and repo.is_file(path):
            return path

    return None


class META001(Metadata):
    """Version is static in pyproject.toml

    ## What it does
    Checks that `[project]` sets `version` as a string, that `version` is not
    listed in `dynamic`, and that the package's `__init__.py` does not assign
    `__version__`.

    ## Why
    A static version is read by every tool without building or importing the
    package. The release steps edit that one line: they drop `.dev` for the
    release and add it back after. A second copy in `__version__` drifts from
    it. Pallets projects read the installed version with
    `importlib.metadata.version()` instead.

    ## Example
    ```toml
    [project]
    name = "Flask-Foo"
    dynamic = ["version"]
    ```
    with `__version__ = "1.2.0"` in `src/flask_foo/__init__.py`.

    Use instead: `version = "1.2.0"` in `[project]` and no `__version__`.

    ## Fix
    Moves the value into `[project]`, removes `dynamic = ["version"]`, and
    replaces the `__version__` assignment with a module `__getattr__` that
    warns and returns `importlib.metadata.version()`. Unsafe: it changes the
    package's code.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if skip := _no_project(repo):
            return skip

        dynamic = repo.project.get("dynamic", [])

        if isinstance(dynamic, list) and "version" in dynamic:
            return Fail("version is dynamic", PYPROJECT, _project_line(repo, "dynamic"))

        if not isinstance(repo.project.get("version"), str):
            return Fail(
                "no static version in [project]", PYPROJECT, _project_line(repo)
            )

        init = _package_init(repo)

        if init is not None:
            line = repo.line_of(init, r"^__version__\s*(:[^=]*)?=")

            if line is not None:
                return Fail("__version__ is assigned in the package", init, line)

        return None


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
        if re.fullmatch(r"[\w.+-]+( (AND|OR|WITH) [\w.+-]+)*", value):
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
    Writes the SPDX string and `license-files`, and drops the classifiers.
    Safe. A licence text that does not match is display only.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if skip := _no_project(repo):
            return skip

        license = repo.project.get("license")
        line = _project_line(repo, "license")

        if license is None:
            return Fail("no license in [project]", PYPROJECT, _project_line(repo))

        if not isinstance(license, str):
            return Fail("license is a table, not an SPDX string", PYPROJECT, line)

        if problem := _spdx_problem(license):
            return Fail(problem, PYPROJECT, line)

        expected = repo.standard.toml(PYPROJECT)["project"]["license-files"]
        found = repo.project.get("license-files")

        if found != expected:
            return Fail(
                f"license-files is {found!r}, not {expected!r}",
                PYPROJECT,
                _project_line(repo, "license-files" if found else None),
            )

        for classifier in repo.project.get("classifiers", []):
            if str(classifier).startswith("License ::"):
                return Fail(
                    f"classifier {classifier!r} repeats the license",
                    PYPROJECT,
                    repo.line_of(PYPROJECT, re.escape(str(classifier))),
                )

        return _license_text(repo, license)


def _license_text(repo: Repo, license: str) -> Fail | None:
    """Compare ``LICENSE.txt`` with the template's text for the licence,
    when the template has one and the file exists.
    """
    found = repo.text("LICENSE.txt")
    standard = repo.standard

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


def _value_problem(key: str, value: object) -> str | None:
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
    Renames the known misspelled keys and moves single values into the
    list or table form. Unsafe: a renamed key can need a value in a new
    shape, so review the result.
    """

    weight = 3

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if not repo.is_file(PYPROJECT):
            return Fail("pyproject.toml is missing")

        if PYPROJECT in repo.errors:
            return Fail(f"pyproject.toml {repo.errors[PYPROJECT]}", PYPROJECT)

        project = repo.pyproject.get("project")

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
            elif problem := _value_problem(key, value):
                problems.append((f"{key} {problem}", key))

        for key in dynamic:
            if key == "name" or key not in _KEYS:
                problems.append((f"{key!r} cannot be dynamic", "dynamic"))
            elif key in project:
                problems.append((f"{key} is both static and dynamic", "dynamic"))

        if not problems:
            return None

        message = "; ".join(p for p, _ in problems)
        return Fail(message, PYPROJECT, _project_line(repo, problems[0][1]))


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
    Writes the template's maintainer and URL labels, keeping the project's
    own URLs where the labels map. Unsafe: it replaces metadata values.
    """

    weight = 1

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if skip := _no_project(repo):
            return skip

        people = repo.project.get("maintainers") or repo.project.get("authors")
        people = people if isinstance(people, list) else []

        if not any(
            isinstance(p, dict) and p.get("name") and p.get("email") for p in people
        ):
            key = "maintainers" if "maintainers" in repo.project else "authors"
            return Fail(
                "no maintainer with a name and an email",
                PYPROJECT,
                _project_line(repo, key),
            )

        urls = repo.project.get("urls")
        urls = urls if isinstance(urls, dict) else {}
        line = line_in_table(repo, PYPROJECT, "project.urls") or _project_line(
            repo, "urls"
        )

        for label in urls:
            replacement = _LEGACY_URLS.get(_url_label(label))

            if replacement is not None:
                return Fail(
                    f"legacy URL label {label!r}; use {replacement}",
                    PYPROJECT,
                    line_in_table(repo, PYPROJECT, "project.urls", label) or line,
                )

        expected = repo.standard.toml(PYPROJECT)["project"]["urls"]
        missing = [
            label for label in expected if label != "Donate" and label not in urls
        ]

        if missing:
            return Fail(f"[project.urls] lacks {', '.join(missing)}", PYPROJECT, line)

        return None


class META005(Metadata):
    """Classifiers say typed and name no Python versions

    ## What it does
    Checks that the classifiers include `Typing :: Typed`, and no
    `Programming Language :: Python :: 3.X` (or `:: 3`, `:: 3 :: Only`)
    classifier.

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
    Adds `Typing :: Typed` and removes the version classifiers. Safe.
    """

    weight = 1

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if skip := _no_project(repo):
            return skip

        classifiers = [str(c) for c in repo.project.get("classifiers", [])]

        for classifier in classifiers:
            if re.match(r"Programming Language :: Python :: \d", classifier):
                return Fail(
                    f"version classifier {classifier!r}",
                    PYPROJECT,
                    repo.line_of(PYPROJECT, re.escape(classifier)),
                )

        if "Typing :: Typed" not in classifiers:
            return Fail(
                "no 'Typing :: Typed' classifier",
                PYPROJECT,
                _project_line(repo, "classifiers"),
            )

        return None


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
    Rewrites each one to the `requires-python` minimum and runs `uv lock`.
    Safe.
    """

    weight = 3

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
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

        for name, path, line, found in _minimums(repo):
            if found is not None and _version(found) != low:
                return Fail(
                    f"{name} is {found}, requires-python minimum is {_show(low)}",
                    path,
                    line,
                )

        return None


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

    for path, workflow in repo.workflows.items():
        if path.rpartition("/")[2] in {"tests.yaml", "tests.yml"}:
            yield (
                "oldest Python in the tests matrix",
                path,
                repo.line_of(path, r"^\s*matrix:"),
                _oldest(_matrix_versions(workflow)),
            )

    lock = repo.toml("uv.lock")

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
