"""CFG: the pytest, coverage, mypy, pyright and ruff settings."""

from __future__ import annotations

import dataclasses
import re
import typing as t

from ..edits import Edit
from ..edits import FixConflict
from ..edits import keep_newlines
from ..edits import Template
from ..edits.text import DeleteFile
from ..edits.toml import toml_template
from ..edits.toml import TomlRemove
from ..edits.toml import TomlSet
from ..fix import Fix
from ..registry import Fail
from ..registry import Outcome
from ..repo import Repo
from ..standard import Standard
from ..standard import standard_for
from ._base import line_of_key
from ._base import ToolConfig

PYPROJECT = "pyproject.toml"


def _standard_tool(repo: Repo, *keys: str) -> dict[str, t.Any]:
    """A ``[tool.*]`` table of the template's ``pyproject.toml``."""
    value: t.Any = standard_for(repo).toml(PYPROJECT).get("tool", {})

    for key in keys:
        value = value.get(key, {}) if isinstance(value, dict) else {}

    return value if isinstance(value, dict) else {}


def _table(repo: Repo, *keys: str) -> dict[str, t.Any] | None:
    """A ``[tool.*]`` table of the repository, or ``None`` if it is missing
    or is not a table.
    """
    value = repo.tool(*keys)
    return value if isinstance(value, dict) and value else None


def _header(*keys: str) -> str:
    return f"[{'.'.join(('tool', *keys))}]"


def line_in_table(repo: Repo, path: str, header: str, key: str) -> int | None:
    """The line of ``key =`` inside a TOML table, or of the table's header
    if the key is not there.
    """
    start = line_of_key(repo, path, header)

    if start is None:
        return None

    lines = (repo.text(path) or "").splitlines()
    pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")

    for number in range(start + 1, len(lines) + 1):
        line = lines[number - 1]

        if line.lstrip().startswith("["):
            break

        if pattern.match(line):
            return number

    return start


def _at(repo: Repo, keys: tuple[str, ...], key: str) -> int | None:
    return line_in_table(repo, PYPROJECT, _header(*keys), key)


def _differences(
    repo: Repo, found: dict[str, t.Any], expected: dict[str, t.Any], *keys: str
) -> list[Fail]:
    """A failure for every key of ``expected`` whose value differs in
    ``found``, in the order of ``expected``.
    """
    header = _header(*keys)
    return [
        Fail(f"{header} lacks {key}", PYPROJECT, _at(repo, keys, key))
        if key not in found
        else Fail(
            f"{header} {key} is {found[key]!r}, not {value!r}",
            PYPROJECT,
            _at(repo, keys, key),
        )
        for key, value in expected.items()
        if key not in found or found[key] != value
    ]


def _pytest_keys(repo: Repo) -> tuple[str, ...]:
    """Where the project keeps pytest's settings: the native
    ``[tool.pytest]`` table of pytest 9 when it has any, else the
    template's ``[tool.pytest.ini_options]``. pytest reads one of them, so
    a fix edits the one the project uses rather than adding the other.
    """
    native = repo.tool("pytest")

    if isinstance(native, dict) and set(native) - {"ini_options"}:
        return ("pytest",)

    return ("pytest", "ini_options")


def _missing(repo: Repo, *keys: str) -> Fail:
    return Fail(f"no {_header(*keys)} table", PYPROJECT)


# Edits -----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class TomlList(Edit):
    """Change a TOML array in place, keeping its layout and comments:
    remove values, put values first, and add the values it lacks.

    :param before: Added values go before this value when it is there.
    :param like: An array (such as ``Template(keys)``) to start from when
        the array is missing; added values take their place and comment
        from it.
    :param prune: Remove the array when it is left empty, and the tables
        that it leaves empty.
    """

    path: str
    keys: tuple[str, ...]
    first: tuple[t.Any, ...] = ()
    add: tuple[t.Any, ...] = ()
    remove: tuple[t.Any, ...] = ()
    before: t.Any = None
    like: t.Any = None
    prune: bool = False

    def apply(self, text: str | None, repo: Repo) -> str | None:
        import tomlkit

        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        like = self.like

        if isinstance(like, Template):
            like = toml_template(repo, self.path, like.keys)

        def change(source: str) -> str:
            doc = tomlkit.parse(source)
            tables: list[t.Any] = [doc]
            grow = bool(self.first or self.add)

            for key in self.keys[:-1]:
                if key not in tables[-1]:
                    if not grow:
                        return source

                    tables[-1][key] = tomlkit.table(is_super_table=True)

                if not isinstance(tables[-1][key], dict):
                    raise FixConflict(f"{key} in {self.path} is not a table")

                tables.append(tables[-1][key])

            key = self.keys[-1]

            if key not in tables[-1]:
                if not grow:
                    return source

                tables[-1][key] = like if like is not None else []

            if not isinstance(tables[-1][key], list):
                raise FixConflict(f"{'.'.join(self.keys)} is not an array")

            _change_array(tables[-1], key, self, like)

            if self.prune and not tables[-1][key]:
                del tables[-1][key]

                for depth in reversed(range(len(self.keys) - 1)):
                    if tables[depth][self.keys[depth]]:
                        break

                    del tables[depth][self.keys[depth]]

            return _tidy(tomlkit.dumps(doc), source)

        return keep_newlines(text, change)


def _change_array(table: t.Any, key: str, edit: TomlList, like: t.Any) -> None:
    array = table[key]
    values = [_plain(v) for v in array]
    multiline = "\n" in array.as_string()
    # A one-line array is written anew, as tomlkit would write it.
    target: t.Any = array if multiline else list(values)
    drop = [*edit.remove, *edit.first]

    for index in reversed(range(len(values))):
        if values[index] in drop:
            del target[index]

    for value in reversed(edit.first):
        target.insert(0, value)

    order = [_plain(v) for v in like] if like is not None else []
    comments = multiline and any(
        getattr(group, "comment", None) for group in getattr(array, "_value", [])
    )

    for value in dict.fromkeys(edit.add):
        current = [_plain(v) for v in target]

        if value in current:
            continue

        at = _position(current, value, order, edit.before)
        target.insert(at, value)

        if comments and value in order:
            _copy_comment(like, order.index(value), array, at)

    if not multiline and target != values:
        table[key] = target


def _position(
    current: list[t.Any], value: t.Any, order: list[t.Any], before: t.Any
) -> int:
    """Where an added value goes: before ``before``, else after the values
    that come before it in ``order``, else last.
    """
    if before is not None and before in current:
        return current.index(before)

    if value in order:
        earlier = order[: order.index(value)]
        found = [i for i, v in enumerate(current) if v in earlier]

        if found:
            return found[-1] + 1

        later = [i for i, v in enumerate(current) if v in order]

        if later:
            return later[0]

    return len(current)


def _copy_comment(source: t.Any, index: int, target: t.Any, at: int) -> None:
    """Give an array item the comment of an item of another array (tomlkit
    has no public API for item comments).
    """
    import copy

    try:
        comment = source._value[source._index_map[index]].comment
        group = target._value[target._index_map[at]]
    except (AttributeError, KeyError, IndexError):
        return

    if comment is not None:
        group.comment = copy.deepcopy(comment)


def _tidy(new: str, old: str) -> str:
    """No blank lines at the start or the end of a file that tomlkit
    changed, unless the file had them.
    """
    if not old.startswith("\n"):
        new = new.lstrip("\n")

    if not old.endswith("\n\n"):
        new = new.rstrip("\n") + "\n"

    return new if new.strip() else ""


def _plain(value: t.Any) -> t.Any:
    unwrap = getattr(value, "unwrap", None)
    return unwrap() if unwrap is not None else value


@dataclasses.dataclass(frozen=True)
class RemoveSections(Edit):
    """Remove the sections of an INI file (``setup.cfg``, ``tox.ini``)
    whose names fully match a pattern, and delete the file when no section
    and no setting is left.
    """

    path: str
    pattern: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            return None

        def change(source: str) -> str:
            kept: list[str] = []
            skipping = False

            for line in source.splitlines(keepends=True):
                match = re.match(r"\[([^\]]+)\]", line)

                if match:
                    skipping = (
                        re.fullmatch(self.pattern, match.group(1).strip()) is not None
                    )

                if not skipping:
                    kept.append(line)

            return re.sub(r"\n{3,}", "\n\n", "".join(kept)).rstrip("\n") + "\n"

        result = keep_newlines(text, change)
        meaningful = [
            line
            for line in result.splitlines()
            if line.strip() and not line.lstrip().startswith(("#", ";"))
        ]
        return result if meaningful else None


# INI sections moved to pyproject.toml ----------------------------------

#: Options read as lists, by tool. pytest splits its ``args`` options on
#: spaces; coverage and mypy split on commas.
_PYTEST_LISTS = frozenset(
    {
        "testpaths",
        "norecursedirs",
        "python_files",
        "python_classes",
        "python_functions",
        "usefixtures",
        "required_plugins",
        "filterwarnings",
        "markers",
    }
)
_PYTEST_LINES = frozenset({"filterwarnings", "markers"})
_COVERAGE_LISTS = frozenset(
    {
        "source",
        "source_pkgs",
        "omit",
        "include",
        "exclude_lines",
        "exclude_also",
        "partial_branches",
        "partial_branches_always",
        "plugins",
        "concurrency",
        "debug",
        "disable_warnings",
    }
)
_MYPY_LISTS = frozenset(
    {
        "files",
        "plugins",
        "mypy_path",
        "packages",
        "modules",
        "always_true",
        "always_false",
        "disable_error_code",
        "enable_error_code",
    }
)


def _ini_value(
    raw: str, listed: bool, separator: str | None, lines_only: bool = False
) -> t.Any:
    """A setting of an INI file as a TOML value: a list for multi-line
    values and list options, a boolean for ``true`` and ``false``, else
    the string.
    """
    lines = [line.strip() for line in raw.strip().splitlines() if line.strip()]

    if len(lines) > 1 or (listed and lines_only):
        return lines

    text = lines[0] if lines else ""

    if listed:
        parts = text.split(separator) if separator else text.split()
        return [part.strip() for part in parts if part.strip()]

    if text.lower() in {"true", "false"}:
        return text.lower() == "true"

    return text


def _ini_section(
    repo: Repo, names: tuple[tuple[str, str], ...]
) -> tuple[str, str] | None:
    """The first of these ``(file, section)`` pairs that exists."""
    for path, section in names:
        sections = repo.setup_cfg if path == "setup.cfg" else repo.tox_ini

        if section in sections:
            return path, section

    return None


def _ini(repo: Repo, path: str) -> dict[str, dict[str, str]]:
    return repo.setup_cfg if path == "setup.cfg" else repo.tox_ini


def _pytest_from_ini(repo: Repo) -> tuple[dict[str, t.Any], RemoveSections] | None:
    found = _ini_section(repo, (("setup.cfg", "tool:pytest"), ("tox.ini", "pytest")))

    if found is None:
        return None

    path, section = found
    values = {
        key: _ini_value(raw, key in _PYTEST_LISTS, None, key in _PYTEST_LINES)
        for key, raw in _ini(repo, path)[section].items()
    }
    return values, RemoveSections(path, re.escape(section))


def _coverage_from_ini(
    repo: Repo, part: str
) -> tuple[dict[str, t.Any], RemoveSections] | None:
    section = f"coverage:{part}"
    found = _ini_section(repo, (("setup.cfg", section), ("tox.ini", section)))

    if found is None:
        return None

    path = found[0]
    values: dict[str, t.Any] = {}

    for key, raw in _ini(repo, path)[section].items():
        value = _ini_value(raw, part == "paths" or key in _COVERAGE_LISTS, ",")

        if isinstance(value, str) and re.fullmatch(r"[0-9]+(\.[0-9]+)?", value):
            value = float(value) if "." in value else int(value)

        values[key] = value

    return values, RemoveSections(path, re.escape(section))


def _mypy_from_ini(repo: Repo) -> tuple[dict[str, t.Any], RemoveSections] | None:
    if "mypy" not in repo.setup_cfg:
        return None

    values: dict[str, t.Any] = {}
    overrides: list[dict[str, t.Any]] = []

    for section, options in repo.setup_cfg.items():
        if section != "mypy" and not section.startswith("mypy-"):
            continue

        table = {
            key: _ini_value(raw, key in _MYPY_LISTS, ",")
            for key, raw in options.items()
        }

        if section == "mypy":
            values.update(table)
        else:
            modules = [m.strip() for m in section[5:].split(",") if m.strip()]
            module: t.Any = modules[0] if len(modules) == 1 else modules
            overrides.append({"module": module, **table})

    if overrides:
        values["overrides"] = overrides

    return values, RemoveSections("setup.cfg", r"mypy(-.*)?")


class CFG001(ToolConfig):
    """pytest runs tests/ and turns warnings into errors

    ## What it does
    Checks that `[tool.pytest.ini_options]` sets `testpaths` as the
    template does (the `tests_path` answer) and, unless the project
    answers `warnings_as_errors` with false, that the first
    `filterwarnings` entry is the template's `"error"`. A project that
    keeps its settings in pytest 9's native `[tool.pytest]` table (as
    pallets-sphinx-themes does) is checked there.

    ## Why
    Turning warnings into errors makes deprecations in dependencies fail
    the tests as soon as they appear, long before the removal.
    `testpaths` keeps pytest from collecting docs or examples.

    ## Example
    `filterwarnings = ["ignore::DeprecationWarning"]`, or the pytest
    settings in `setup.cfg`.

    Use instead: `testpaths = ["tests"]` and
    `filterwarnings = ["error"]`, then the project's own filters.

    ## Fix
    Set `testpaths` and put `"error"` first, before the project's filters;
    settings in `setup.cfg` `[tool:pytest]` or `tox.ini` `[pytest]` move to
    the table. Unsafe: warnings that were ignored start failing the tests,
    and fixing them is left to the maintainer. Adoption records where the
    tests are and whether their warnings are errors as the project's
    answers, so that it adds only the settings the project already keeps.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        keys = _pytest_keys(repo)
        expected = _standard_tool(repo, "pytest", "ini_options")
        found = _table(repo, *keys)

        if found is None:
            return _missing(repo, *keys)

        failed: list[Fail] = []

        if found.get("testpaths") != expected["testpaths"]:
            failed.append(
                Fail(
                    f"testpaths is {found.get('testpaths')!r}",
                    PYPROJECT,
                    _at(repo, keys, "testpaths"),
                )
            )

        if "filterwarnings" not in expected:
            # The project's answers leave warnings as warnings.
            return failed

        filters = found.get("filterwarnings")
        first = expected["filterwarnings"][0]

        if not isinstance(filters, list) or not filters or filters[0] != first:
            failed.append(
                Fail(
                    f"the first filterwarnings entry is not {first!r}",
                    PYPROJECT,
                    _at(repo, keys, "filterwarnings"),
                )
            )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        keys = _pytest_keys(repo)
        path = ("tool", *keys)
        standard = ("tool", "pytest", "ini_options")
        found = _table(repo, *keys)

        if found is None:
            legacy = _pytest_from_ini(repo)

            if legacy is None:
                edit = TomlSet(PYPROJECT, path, Template(path))
                return Fix("Add the pytest settings", "unsafe", (edit,))

            values, remove = legacy
            expected = _standard_tool(repo, *keys)
            values["testpaths"] = expected["testpaths"]

            if "filterwarnings" in expected:
                filters = values.get("filterwarnings", [])
                filters = filters if isinstance(filters, list) else [filters]
                first = expected["filterwarnings"][0]
                values["filterwarnings"] = [first, *(f for f in filters if f != first)]

            return Fix(
                f"Move the pytest settings from {remove.path} to pyproject.toml",
                "unsafe",
                (TomlSet(PYPROJECT, path, values), remove),
            )

        edits: list[Edit] = []
        expected = _standard_tool(repo, *standard[1:])

        if found.get("testpaths") != expected["testpaths"]:
            edits.append(
                TomlSet(
                    PYPROJECT, (*path, "testpaths"), Template((*standard, "testpaths"))
                )
            )

        if "filterwarnings" in expected:
            filters = found.get("filterwarnings")
            first = expected["filterwarnings"][0]
            setting = (*path, "filterwarnings")

            if not isinstance(filters, list):
                edits.append(
                    TomlSet(PYPROJECT, setting, Template((*standard, "filterwarnings")))
                )
            elif not filters or filters[0] != first:
                edits.append(TomlList(PYPROJECT, setting, first=(first,)))

        return Fix(
            "Set testpaths and turn warnings into errors", "unsafe", tuple(edits)
        )


class CFG002(ToolConfig):
    """Coverage is configured as standard

    ## What it does
    Checks `[tool.coverage.run]`, `[tool.coverage.paths]` and
    `[tool.coverage.report]` against the template: branch coverage of the
    package and the tests, `src` mapped to `site-packages`, and the
    template's `exclude_also` lines (extra lines are fine).

    ## Why
    The tests run against the installed wheel, so coverage must map
    `site-packages` back to `src`, and lines that never run by design
    (type-checking imports, abstract methods, stubs) must not count.

    ## Example
    `source = ["jinja2", "tests"]` in a project whose package is
    `itsdangerous`.

    Use instead: `source = ["<import_name>", "tests"]` and the template's
    tables.

    ## Fix
    Write the template's values and add its `exclude_also` lines, keeping
    the project's. Safe; unsafe when it moves `[coverage:*]` sections out of
    `setup.cfg` or `tox.ini`.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        failed: list[Fail] = []

        for part in ("run", "paths"):
            found = _table(repo, "coverage", part)

            if found is None:
                failed.append(_missing(repo, "coverage", part))
                continue

            expected = _standard_tool(repo, "coverage", part)
            failed += _differences(repo, found, expected, "coverage", part)

        found = _table(repo, "coverage", "report")

        if found is None:
            return [*failed, _missing(repo, "coverage", "report")]

        for key, value in _standard_tool(repo, "coverage", "report").items():
            have = found.get(key)
            lacking = [v for v in value if v not in (have or [])]

            if not isinstance(have, list) or lacking:
                failed.append(
                    Fail(
                        f"[tool.coverage.report] {key} lacks {lacking!r}",
                        PYPROJECT,
                        _at(repo, ("coverage", "report"), key),
                    )
                )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        edits: list[Edit] = []

        for part in ("run", "paths", "report"):
            path = ("tool", "coverage", part)
            expected = _standard_tool(repo, "coverage", part)
            found = _table(repo, "coverage", part)

            if found is None:
                legacy = _coverage_from_ini(repo, part)

                if legacy is None:
                    edits.append(TomlSet(PYPROJECT, path, Template(path)))
                    continue

                values, remove = legacy

                for key, value in expected.items():
                    if part != "report":
                        values[key] = value
                    elif isinstance(value, list):
                        have = values.get(key)
                        have = have if isinstance(have, list) else []
                        values[key] = [*have, *(v for v in value if v not in have)]

                edits += [TomlSet(PYPROJECT, path, values), remove]
                continue

            for key, value in expected.items():
                have = found.get(key)

                if part != "report" or not isinstance(have, list):
                    if have != value:
                        edits.append(
                            TomlSet(PYPROJECT, (*path, key), Template((*path, key)))
                        )
                elif any(v not in have for v in value):
                    setting = (*path, key)
                    edits.append(
                        TomlList(
                            PYPROJECT, setting, add=tuple(value), like=Template(setting)
                        )
                    )

        moved = any(isinstance(e, RemoveSections) for e in edits)
        title = (
            "Move the coverage settings to pyproject.toml"
            if moved
            else ("Set the standard coverage settings")
        )
        return Fix(title, "unsafe" if moved else "safe", tuple(edits))


class CFG003(ToolConfig):
    """mypy checks the package strictly

    ## What it does
    Checks that `[tool.mypy]` sets `python_version`, that its `files`
    include the template's (`src`), and that `show_error_codes`, `pretty`
    and `strict` are set as the template sets them.

    ## Why
    Pallets packages ship `py.typed`, so their annotations are part of the
    API. Strict mode is what keeps them complete; `files` lets `mypy` run
    with no arguments in tox and CI.

    ## Example
    `strict = false`, or `disallow_untyped_defs = true` alone.

    Use instead: `strict = true`, with `[[tool.mypy.overrides]]` for
    third-party modules without types.

    ## Fix
    Set the keys, with the template's `files` first in place of the paths
    under them; a `setup.cfg` `[mypy]` section and its `[mypy-*]`
    overrides move to the table. Unsafe: new type errors are left to the
    maintainer.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found = _table(repo, "mypy")

        if found is None:
            return _missing(repo, "mypy")

        expected = _standard_tool(repo, "mypy")

        failed: list[Fail] = []

        if "python_version" not in found:
            failed.append(
                Fail(
                    "[tool.mypy] python_version is not set",
                    PYPROJECT,
                    _at(repo, ("mypy",), "python_version"),
                )
            )

        files = found.get("files")
        lacking = [f for f in expected["files"] if f not in (files or [])]

        if not isinstance(files, list) or lacking:
            failed.append(
                Fail(
                    f"[tool.mypy] files is {files!r}",
                    PYPROJECT,
                    _at(repo, ("mypy",), "files"),
                )
            )

        flags = {k: expected[k] for k in ("show_error_codes", "pretty", "strict")}
        return [*failed, *_differences(repo, found, flags, "mypy")]

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        path = ("tool", "mypy")
        expected = _standard_tool(repo, "mypy")
        flags = ("show_error_codes", "pretty", "strict")
        found = _table(repo, "mypy")

        if found is None:
            legacy = _mypy_from_ini(repo)

            if legacy is None:
                edit = TomlSet(PYPROJECT, path, Template(path))
                return Fix("Add the mypy settings", "unsafe", (edit,))

            values, remove = legacy
            overrides = values.pop("overrides", None)
            values.setdefault("python_version", expected["python_version"])
            values["files"] = _mypy_files(values.get("files"), expected["files"])
            values.update({key: expected[key] for key in flags})
            edits: list[Edit] = [TomlSet(PYPROJECT, path, values)]

            if overrides:
                edits.append(TomlSet(PYPROJECT, (*path, "overrides"), overrides))

            return Fix(
                "Move the mypy settings from setup.cfg to pyproject.toml",
                "unsafe",
                (*edits, remove),
            )

        edits = []

        if "python_version" not in found:
            keys = (*path, "python_version")
            edits.append(TomlSet(PYPROJECT, keys, Template(keys)))

        files = found.get("files")

        if not isinstance(files, list):
            keys = (*path, "files")
            edits.append(TomlSet(PYPROJECT, keys, Template(keys)))
        elif any(f not in files for f in expected["files"]):
            edits.append(
                TomlList(
                    PYPROJECT,
                    (*path, "files"),
                    first=tuple(expected["files"]),
                    remove=tuple(
                        f
                        for f in files
                        if f not in _mypy_files(files, expected["files"])
                    ),
                )
            )

        for key in flags:
            if found.get(key) != expected[key]:
                edits.append(TomlSet(PYPROJECT, (*path, key), Template((*path, key))))

        return Fix("Check the package with strict mypy", "unsafe", tuple(edits))


class CFG004(ToolConfig):
    """pyright checks the same files as mypy

    ## What it does
    Checks that `[tool.pyright]` sets `pythonVersion`, that `include`
    lists the same paths as `[tool.mypy] files`, and that
    `typeCheckingMode` is `basic` or `standard`.

    ## Why
    The typing env runs both checkers; pointed at different files they
    disagree about what is checked. `strict` mode duplicates mypy's strict
    checks with pyright's stricter inference, which Pallets does not use.

    ## Example
    `include = ["src"]` while mypy also checks `tests/type_check`.

    Use instead: the same list in both tables.

    ## Fix
    Copy mypy's `files` to `include`, and set `pythonVersion` and the
    mode. Safe.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found = _table(repo, "pyright")

        if found is None:
            return _missing(repo, "pyright")

        header = line_of_key(repo, PYPROJECT, "[tool.pyright]")

        failed: list[Fail] = []

        if "pythonVersion" not in found:
            message = "[tool.pyright] pythonVersion is not set"
            failed.append(Fail(message, PYPROJECT, header))

        mypy = _table(repo, "mypy") or {}
        files = mypy.get("files", _standard_tool(repo, "pyright")["include"])
        include = found.get("include")

        if not isinstance(include, list) or sorted(include) != sorted(files):
            failed.append(
                Fail(
                    f"[tool.pyright] include is {include!r}, mypy files are {files!r}",
                    PYPROJECT,
                    _at(repo, ("pyright",), "include"),
                )
            )

        mode = found.get("typeCheckingMode")

        if mode not in {"basic", "standard"}:
            failed.append(
                Fail(
                    f"typeCheckingMode is {mode!r}",
                    PYPROJECT,
                    _at(repo, ("pyright",), "typeCheckingMode"),
                )
            )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        path = ("tool", "pyright")
        expected = _standard_tool(repo, "pyright")
        found = _table(repo, "pyright")
        mypy = _table(repo, "mypy") or {}
        files = mypy.get("files", expected["include"])
        files = files if isinstance(files, list) else expected["include"]
        edits: list[Edit] = []

        if found is None:
            edits.append(TomlSet(PYPROJECT, path, Template(path)))
            found = expected

        if "pythonVersion" not in found:
            keys = (*path, "pythonVersion")
            edits.append(TomlSet(PYPROJECT, keys, Template(keys)))

        include = found.get("include")

        if not isinstance(include, list) or sorted(include) != sorted(files):
            keys = (*path, "include")
            value = Template(keys) if files == expected["include"] else list(files)
            edits.append(TomlSet(PYPROJECT, keys, value))

        if found.get("typeCheckingMode") not in {"basic", "standard"}:
            keys = (*path, "typeCheckingMode")
            edits.append(TomlSet(PYPROJECT, keys, Template(keys)))

        return Fix("Point pyright at the files mypy checks", "safe", tuple(edits))


#: Keys that ruff moved from ``[tool.ruff]`` to ``[tool.ruff.lint]``.
_LINT_KEYS = ("select", "extend-select", "ignore", "extend-ignore")


class CFG005(ToolConfig):
    """ruff has the standard settings and no legacy keys

    ## What it does
    Checks that `[tool.ruff]` sets `src`, `fix`, `show-fixes` and
    `output-format` as the template does, and that no legacy setting is
    left: `show-source`, `ignore-init-module-imports`, lint selections at
    the top of `[tool.ruff]`, a `line-length` other than 88, the stale
    `UP038` ignore, or the SLSA generator in `[tool.gha-update] tag-only`.
    A `ruff.toml` that would override the table also fails.

    ## Why
    `show-source` and `ignore-init-module-imports` were removed from ruff,
    and top-level selections are deprecated. `.editorconfig` sets 88
    columns. UP038 was removed from ruff, and the SLSA generator is no
    longer used.

    ## Example
    `show-source = true` and `ignore = ["UP038"]`.

    Use instead: `output-format = "full"` and no `ignore`.

    ## Fix
    Set the template's keys, move top-level selections to
    `[tool.ruff.lint]`, and delete the legacy keys and stale entries. Safe;
    unsafe when it drops a `line-length`, which reformats the code, or
    moves a `ruff.toml` into `[tool.ruff]`.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        # ruff.toml wins over [tool.ruff]: the fix moves it whole.
        others = [n for n in ("ruff.toml", ".ruff.toml") if repo.is_file(n)]

        if others:
            return [Fail(f"{name} overrides [tool.ruff]", name) for name in others]

        found = _table(repo, "ruff")

        if found is None:
            return _missing(repo, "ruff")

        lint = found.get("lint", {})
        lint = lint if isinstance(lint, dict) else {}
        failed = [
            Fail(
                f"legacy ruff setting {key}",
                PYPROJECT,
                line_of_key(repo, PYPROJECT, key),
            )
            for key in ("show-source", "ignore-init-module-imports")
            if key in found or key in lint
        ]
        failed += [
            Fail(
                f"{key} is in [tool.ruff], not [tool.ruff.lint]",
                PYPROJECT,
                _at(repo, ("ruff",), key),
            )
            for key in _LINT_KEYS
            if key in found
        ]

        if found.get("line-length", 88) != 88:
            failed.append(
                Fail(
                    f"line-length is {found['line-length']!r}",
                    PYPROJECT,
                    _at(repo, ("ruff",), "line-length"),
                )
            )

        expected = {
            k: v for k, v in _standard_tool(repo, "ruff").items() if k != "lint"
        }
        failed += _differences(repo, found, expected, "ruff")

        if "UP038" in lint.get("ignore", []):
            failed.append(
                Fail(
                    "stale ignore of UP038", PYPROJECT, repo.line_of(PYPROJECT, "UP038")
                )
            )

        tag_only = repo.tool("gha-update").get("tag-only", [])

        if any("slsa-github-generator" in str(v) for v in tag_only):
            failed.append(
                Fail(
                    "stale [tool.gha-update] tag-only for the SLSA generator",
                    PYPROJECT,
                    repo.line_of(PYPROJECT, "slsa-github-generator"),
                )
            )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        path = ("tool", "ruff")
        expected = _standard_tool(repo, "ruff")
        others = [n for n in ("ruff.toml", ".ruff.toml") if repo.is_file(n)]
        found = _table(repo, "ruff")
        edits: list[Edit] = []

        if others:
            # ruff.toml wins over [tool.ruff]: its settings are the ones in use.
            merged = _merge(found or {}, repo.toml(others[0]))
            ruff = _clean_ruff(merged, expected)
            edits = [TomlSet(PYPROJECT, path, ruff), *(DeleteFile(n) for n in others)]
            title = f"Move the ruff settings from {others[0]} to pyproject.toml"
            return Fix(title, "unsafe", (*edits, *_stale_tag_only(repo)))

        if found is None:
            edit = TomlSet(PYPROJECT, path, Template(path))
            return Fix("Add the ruff settings", "safe", (edit, *_stale_tag_only(repo)))

        lint = found.get("lint", {})
        lint = lint if isinstance(lint, dict) else {}

        for key in ("show-source", "ignore-init-module-imports"):
            for keys in (path, (*path, "lint")):
                if key in (found if keys == path else lint):
                    edits.append(TomlRemove(PYPROJECT, (*keys, key)))

        for key in _LINT_KEYS:
            if key in found:
                edits.append(TomlRemove(PYPROJECT, (*path, key)))
                value = _no_up038(found[key]) if key == "ignore" else found[key]

                if key not in lint and value:
                    edits.append(TomlSet(PYPROJECT, (*path, "lint", key), value))

        unsafe = found.get("line-length", 88) != 88

        if unsafe:
            edits.append(TomlRemove(PYPROJECT, (*path, "line-length")))

        for key, value in expected.items():
            if key != "lint" and found.get(key) != value:
                edits.append(TomlSet(PYPROJECT, (*path, key), Template((*path, key))))

        if "UP038" in lint.get("ignore", []):
            edits.append(
                TomlList(
                    PYPROJECT, (*path, "lint", "ignore"), remove=("UP038",), prune=True
                )
            )

        return Fix(
            "Set the standard ruff settings and drop the legacy ones",
            "unsafe" if unsafe else "safe",
            (*edits, *_stale_tag_only(repo)),
        )


class CFG006(ToolConfig):
    """ruff selects the standard rules and sorts imports one per line

    ## What it does
    Checks that `[tool.ruff.lint] select` (with `extend-select`) includes
    every rule set the template selects, and that
    `[tool.ruff.lint.isort]` sets `force-single-line` and `order-by-type`
    as the template does.

    ## Why
    Bugbear, pycodestyle, pyflakes, isort and pyupgrade are the checks
    every Pallets project runs. One import per line, sorted without regard
    to case, keeps diffs small and merges clean.

    ## Example
    `select = ["E", "F"]`, or no `[tool.ruff.lint.isort]` table.

    Use instead: the template's `select` list, plus the project's own, and
    its isort table.

    ## Fix
    Add the missing selections and isort keys; then run `ruff check --fix`
    and `ruff format`. Unsafe: the next ruff run rewrites imports and code.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        lint = _table(repo, "ruff", "lint")

        if lint is None:
            return _missing(repo, "ruff", "lint")

        expected = _standard_tool(repo, "ruff", "lint")
        selected = [*lint.get("select", []), *lint.get("extend-select", [])]

        lacking = [code for code in expected["select"] if code not in selected]
        failed: list[Fail] = []

        if "ALL" not in selected and lacking:
            failed.append(
                Fail(
                    f"[tool.ruff.lint] select lacks {', '.join(lacking)}",
                    PYPROJECT,
                    _at(repo, ("ruff", "lint"), "select"),
                )
            )

        isort = _table(repo, "ruff", "lint", "isort")

        if isort is None:
            return [*failed, _missing(repo, "ruff", "lint", "isort")]

        keys = ("ruff", "lint", "isort")
        return [*failed, *_differences(repo, isort, expected["isort"], *keys)]

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        path = ("tool", "ruff", "lint")
        lint = _table(repo, "ruff", "lint") or {}
        expected = _standard_tool(repo, "ruff", "lint")
        selected = [*lint.get("select", []), *lint.get("extend-select", [])]
        edits: list[Edit] = []

        if "ALL" not in selected:
            lacking = tuple(c for c in expected["select"] if c not in selected)

            if lacking:
                keys = (*path, "select")
                edits.append(
                    TomlList(PYPROJECT, keys, add=lacking, like=Template(keys))
                )

        isort = _table(repo, "ruff", "lint", "isort")
        keys = (*path, "isort")

        if isort is None:
            edits.append(TomlSet(PYPROJECT, keys, Template(keys)))
        else:
            for key, value in expected["isort"].items():
                if isort.get(key) != value:
                    edits.append(
                        TomlSet(PYPROJECT, (*keys, key), Template((*keys, key)))
                    )

        return Fix("Select the standard ruff rules", "unsafe", tuple(edits))


def _mypy_files(found: object, expected: list[str]) -> list[t.Any]:
    """mypy's files with the template's first, dropping the paths that
    they cover (``src/flask_foo`` under ``src``).
    """
    files = found if isinstance(found, list) else [found] if found else []
    covered = [
        f
        for f in files
        if any(f == p or str(f).startswith(f"{p.rstrip('/')}/") for p in expected)
    ]
    return [*expected, *(f for f in files if f not in covered)]


def _merge(base: dict[str, t.Any], over: dict[str, t.Any]) -> dict[str, t.Any]:
    """Tables merged key by key; ``over`` wins."""
    result = dict(base)

    for key, value in over.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merge(result[key], value)
        else:
            result[key] = value

    return result


def _no_up038(value: object) -> list[t.Any]:
    return [v for v in value if v != "UP038"] if isinstance(value, list) else []


def _clean_ruff(
    found: dict[str, t.Any], expected: dict[str, t.Any]
) -> dict[str, t.Any]:
    """ruff settings without the legacy keys, with the template's."""
    ruff = {
        k: v
        for k, v in found.items()
        if k not in {"show-source", "ignore-init-module-imports", "line-length"}
    }
    lint = ruff.pop("lint", {})
    lint = {k: v for k, v in lint.items() if k != "ignore-init-module-imports"}

    for key in _LINT_KEYS:
        if key in ruff:
            lint.setdefault(key, ruff.pop(key))

    if "ignore" in lint:
        lint["ignore"] = _no_up038(lint["ignore"])

        if not lint["ignore"]:
            del lint["ignore"]

    ruff.update({k: v for k, v in expected.items() if k != "lint"})

    if lint:
        ruff["lint"] = lint

    return ruff


def _stale_tag_only(repo: Repo) -> tuple[Edit, ...]:
    tag_only = repo.tool("gha-update").get("tag-only", [])
    stale = tuple(v for v in tag_only if "slsa-github-generator" in str(v))

    if not stale:
        return ()

    keys = ("tool", "gha-update", "tag-only")
    return (TomlList(PYPROJECT, keys, remove=stale, prune=True),)
