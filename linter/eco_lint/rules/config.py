"""CFG: the pytest, coverage, mypy, pyright and ruff settings."""

from __future__ import annotations

import re
import typing as t

from ..registry import Fail
from ..registry import Skip
from ..repo import Repo
from ._base import line_of_key
from ._base import ToolConfig

PYPROJECT = "pyproject.toml"


def _standard_tool(repo: Repo, *keys: str) -> dict[str, t.Any]:
    """A ``[tool.*]`` table of the template's ``pyproject.toml``."""
    value: t.Any = repo.standard.toml(PYPROJECT).get("tool", {})

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


def _differs(
    repo: Repo, found: dict[str, t.Any], expected: dict[str, t.Any], *keys: str
) -> Fail | None:
    """A failure for the first key of ``expected`` whose value differs in
    ``found``.
    """
    for key, value in expected.items():
        if key not in found:
            return Fail(
                f"{_header(*keys)} lacks {key}", PYPROJECT, _at(repo, keys, key)
            )

        if found[key] != value:
            return Fail(
                f"{_header(*keys)} {key} is {found[key]!r}, not {value!r}",
                PYPROJECT,
                _at(repo, keys, key),
            )

    return None


def _missing(repo: Repo, *keys: str) -> Fail:
    return Fail(f"no {_header(*keys)} table", PYPROJECT)


class CFG001(ToolConfig):
    """pytest runs tests/ and turns warnings into errors

    ## What it does
    Checks that `[tool.pytest.ini_options]` sets `testpaths` as the
    template does and that the first `filterwarnings` entry is the
    template's `"error"`.

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
    Set the two keys. Unsafe: warnings that were ignored start failing the
    tests, and fixing them is left to the maintainer.
    """

    weight = 3

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        keys = ("pytest", "ini_options")
        expected = _standard_tool(repo, *keys)
        found = _table(repo, *keys)

        if found is None:
            return _missing(repo, *keys)

        if found.get("testpaths") != expected["testpaths"]:
            return Fail(
                f"testpaths is {found.get('testpaths')!r}",
                PYPROJECT,
                _at(repo, keys, "testpaths"),
            )

        filters = found.get("filterwarnings")
        first = expected["filterwarnings"][0]

        if not isinstance(filters, list) or not filters or filters[0] != first:
            return Fail(
                f"the first filterwarnings entry is not {first!r}",
                PYPROJECT,
                _at(repo, keys, "filterwarnings"),
            )

        return None


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
    Write the template's values. Safe.
    """

    weight = 1

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        for part in ("run", "paths"):
            found = _table(repo, "coverage", part)

            if found is None:
                return _missing(repo, "coverage", part)

            failed = _differs(
                repo, found, _standard_tool(repo, "coverage", part), "coverage", part
            )

            if failed is not None:
                return failed

        found = _table(repo, "coverage", "report")

        if found is None:
            return _missing(repo, "coverage", "report")

        for key, value in _standard_tool(repo, "coverage", "report").items():
            have = found.get(key)
            lacking = [v for v in value if v not in (have or [])]

            if not isinstance(have, list) or lacking:
                return Fail(
                    f"[tool.coverage.report] {key} lacks {lacking!r}",
                    PYPROJECT,
                    _at(repo, ("coverage", "report"), key),
                )

        return None


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
    Set the keys. Unsafe: new type errors are left to the maintainer.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        found = _table(repo, "mypy")

        if found is None:
            return _missing(repo, "mypy")

        expected = _standard_tool(repo, "mypy")

        if "python_version" not in found:
            return Fail(
                "[tool.mypy] python_version is not set",
                PYPROJECT,
                _at(repo, ("mypy",), "python_version"),
            )

        files = found.get("files")
        lacking = [f for f in expected["files"] if f not in (files or [])]

        if not isinstance(files, list) or lacking:
            return Fail(
                f"[tool.mypy] files is {files!r}",
                PYPROJECT,
                _at(repo, ("mypy",), "files"),
            )

        flags = {k: expected[k] for k in ("show_error_codes", "pretty", "strict")}
        return _differs(repo, found, flags, "mypy")


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
    Copy mypy's `files` to `include` and set the mode. Safe.
    """

    weight = 1

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        found = _table(repo, "pyright")

        if found is None:
            return _missing(repo, "pyright")

        header = line_of_key(repo, PYPROJECT, "[tool.pyright]")

        if "pythonVersion" not in found:
            return Fail("[tool.pyright] pythonVersion is not set", PYPROJECT, header)

        mypy = _table(repo, "mypy") or {}
        files = mypy.get("files", _standard_tool(repo, "pyright")["include"])
        include = found.get("include")

        if not isinstance(include, list) or sorted(include) != sorted(files):
            return Fail(
                f"[tool.pyright] include is {include!r}, mypy files are {files!r}",
                PYPROJECT,
                _at(repo, ("pyright",), "include"),
            )

        mode = found.get("typeCheckingMode")

        if mode not in {"basic", "standard"}:
            return Fail(
                f"typeCheckingMode is {mode!r}",
                PYPROJECT,
                _at(repo, ("pyright",), "typeCheckingMode"),
            )

        return None


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
    Set the template's keys and delete the legacy ones. Safe.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        for name in ("ruff.toml", ".ruff.toml"):
            if repo.is_file(name):
                return Fail(f"{name} overrides [tool.ruff]", name)

        found = _table(repo, "ruff")

        if found is None:
            return _missing(repo, "ruff")

        lint = found.get("lint", {})
        lint = lint if isinstance(lint, dict) else {}

        for key in ("show-source", "ignore-init-module-imports"):
            if key in found or key in lint:
                return Fail(
                    f"legacy ruff setting {key}",
                    PYPROJECT,
                    line_of_key(repo, PYPROJECT, key),
                )

        for key in _LINT_KEYS:
            if key in found:
                return Fail(
                    f"{key} is in [tool.ruff], not [tool.ruff.lint]",
                    PYPROJECT,
                    line_of_key(repo, PYPROJECT, key),
                )

        if found.get("line-length", 88) != 88:
            return Fail(
                f"line-length is {found['line-length']!r}",
                PYPROJECT,
                _at(repo, ("ruff",), "line-length"),
            )

        expected = {
            k: v for k, v in _standard_tool(repo, "ruff").items() if k != "lint"
        }
        failed = _differs(repo, found, expected, "ruff")

        if failed is not None:
            return failed

        if "UP038" in lint.get("ignore", []):
            return Fail(
                "stale ignore of UP038", PYPROJECT, repo.line_of(PYPROJECT, "UP038")
            )

        tag_only = repo.tool("gha-update").get("tag-only", [])

        if any("slsa-github-generator" in str(v) for v in tag_only):
            return Fail(
                "stale [tool.gha-update] tag-only for the SLSA generator",
                PYPROJECT,
                repo.line_of(PYPROJECT, "slsa-github-generator"),
            )

        return None


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
    Add the missing selections and isort keys, then run `ruff check --fix`
    and `ruff format`. Unsafe: it rewrites imports and code.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        lint = _table(repo, "ruff", "lint")

        if lint is None:
            return _missing(repo, "ruff", "lint")

        expected = _standard_tool(repo, "ruff", "lint")
        selected = [*lint.get("select", []), *lint.get("extend-select", [])]

        if "ALL" not in selected:
            lacking = [code for code in expected["select"] if code not in selected]

            if lacking:
                return Fail(
                    f"[tool.ruff.lint] select lacks {', '.join(lacking)}",
                    PYPROJECT,
                    _at(repo, ("ruff", "lint"), "select"),
                )

        isort = _table(repo, "ruff", "lint", "isort")

        if isort is None:
            return _missing(repo, "ruff", "lint", "isort")

        return _differs(repo, isort, expected["isort"], "ruff", "lint", "isort")
