"""TOX: the tox envs in pyproject.toml."""

from __future__ import annotations

import re
import typing as t

from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion
from packaging.version import Version

from ..registry import Fail
from ..registry import Skip
from ..repo import Repo
from ._base import line_of_key
from ._base import Tox
from .config import line_in_table

PYPROJECT = "pyproject.toml"
TESTS_MIN = "tests-min"

#: A Python env name, dotted (``py3.13``, ``py3.14t``, ``pypy3.11``),
#: alone or as a factor of a longer name (``stress-py3.14``).
_DOTTED = re.compile(r"(?:^|-)(pypy|py)3\.([0-9]+)t?(?=$|-)")
#: The tox.ini spellings: ``py311``, ``py313t``, ``pypy310``.
_UNDOTTED = re.compile(r"(?:^|-)(?:pypy|py)3[0-9]+t?(?=$|-)")


def _standard_tox(repo: Repo) -> dict[str, t.Any]:
    value = repo.standard.toml(PYPROJECT).get("tool", {}).get("tox", {})
    return value if isinstance(value, dict) else {}


def _standard_env(repo: Repo, name: str) -> dict[str, t.Any]:
    value = _standard_tox(repo).get("env", {}).get(name, {})
    return value if isinstance(value, dict) else {}


def _env(repo: Repo, name: str) -> dict[str, t.Any] | None:
    value = repo.tool("tox", "env", name)
    return value if isinstance(value, dict) and value else None


def _env_header(name: str) -> str:
    key = name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else f'"{name}"'
    return f"[tool.tox.env.{key}]"


def _at(repo: Repo, env: str | None, key: str) -> int | None:
    header = "[tool.tox.env_run_base]" if env is None else _env_header(env)
    return line_in_table(repo, PYPROJECT, header, key)


def _show(value: object) -> str:
    """A value for a message, cut short when long."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def _compare(
    repo: Repo, env: str | None, found: dict[str, t.Any], expected: dict[str, t.Any]
) -> Fail | None:
    """A failure for the first key of the template's env that differs."""
    table = "env_run_base" if env is None else f"env {env}"

    for key, value in expected.items():
        if key not in found:
            return Fail(f"{table} lacks {key}", PYPROJECT, _at(repo, env, key))

        if found[key] != value:
            text = f"is {found[key]!r}, not {value!r}"
            text = text if len(text) <= 80 else "is not the template's"
            return Fail(f"{table} {key} {text}", PYPROJECT, _at(repo, env, key))

    return None


class TOX001(Tox):
    """tox is configured in pyproject.toml

    ## What it does
    Checks that tox is configured in a native `[tool.tox]` table, and that
    there is no `tox.ini`, `tox.toml`, `[tox]` or `[tox:tox]` section in
    `setup.cfg`, or `legacy_tox_ini` string.

    ## Why
    tox 4.21 reads its config from `pyproject.toml`. One file holds the
    project, its groups and its envs, and the envs install those groups by
    name with tox-uv.

    ## Example
    A `tox.ini` with `[testenv]` and `deps = -r requirements/tests.txt`.

    Use instead: `[tool.tox]`, `[tool.tox.env_run_base]` and
    `[tool.tox.env.<name>]` tables.

    ## Fix
    Translate each section to a table and delete the old file. Unsafe: the
    translation of custom envs needs review.
    """

    weight = 3

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        for name in ("tox.ini", "tox.toml"):
            if repo.is_file(name):
                return Fail(f"tox is configured in {name}", name)

        for section in ("tox", "tox:tox"):
            if section in repo.setup_cfg:
                return Fail(
                    f"tox is configured in setup.cfg [{section}]",
                    "setup.cfg",
                    repo.line_of("setup.cfg", rf"^\[{section}\]"),
                )

        tox = repo.tool("tox")

        if not isinstance(tox, dict) or not tox:
            return Fail("no [tool.tox] table", PYPROJECT)

        if "legacy_tox_ini" in tox:
            return Fail(
                "[tool.tox] holds a legacy_tox_ini string",
                PYPROJECT,
                line_of_key(repo, PYPROJECT, "legacy_tox_ini"),
            )

        return None


class TOX002(Tox):
    """Every env runs pytest through the uv lock

    ## What it does
    Checks that `[tool.tox.env_run_base]` has each key of the template's,
    with the template's value: the `uv-venv-lock-runner`, a wheel built
    once in `.pkg`, frozen constraints, the `tests` group and the standard
    pytest command. Extra keys are fine.

    ## Why
    Testing the built wheel catches files missing from it. The lock runner
    installs the locked versions, so tox runs match CI and each other.

    ## Example
    `deps = ["pytest"]` and `commands = [["pytest"]]`, or no `runner`.

    Use instead: the template's `env_run_base`.

    ## Fix
    Set the template's keys, keeping extra ones. Safe.
    """

    weight = 2
    requires = frozenset({"TOX001"})

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        found = repo.tool("tox", "env_run_base")

        if not isinstance(found, dict) or not found:
            return Fail("no [tool.tox.env_run_base] table", PYPROJECT)

        return _compare(repo, None, found, _standard_tox(repo)["env_run_base"])


class TOX003(Tox):
    """env_list names Python envs with dots

    ## What it does
    Checks that every Python env in `[tool.tox] env_list` is dotted
    (`py3.13`, `py3.14t`, `pypy3.11`), with no `py313`-style names or
    `{...}` factor expansions, that the CPython versions have no gap, and
    that the list ends with the template's last envs (`style`, `typing`,
    `docs`).

    ## Why
    The CI matrix derives env names from Python versions (`py3.14t`,
    `pypy3.11`), and `py314t` would not match. Plain `tox` runs the tests on
    every version first, then the checks.

    ## Example
    `env_list = ["py3{10,11,12}", "pypy311", "style", "docs"]`.

    Use instead: `["py3.12", "py3.11", "py3.10", "pypy3.11", "style",
    "typing", "docs"]`.

    ## Fix
    Rewrite the list. Safe.
    """

    weight = 2
    requires = frozenset({"TOX001"})

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        env_list = repo.tool("tox").get("env_list")
        line = line_of_key(repo, PYPROJECT, "env_list")

        if not isinstance(env_list, list) or not env_list:
            return Fail("[tool.tox] has no env_list", PYPROJECT)

        names = [str(name) for name in env_list]

        for name in names:
            if "{" in name or "," in name:
                return Fail(f"env_list has factor expansion {name!r}", PYPROJECT, line)

            if _UNDOTTED.search(name):
                return Fail(f"env_list has undotted name {name!r}", PYPROJECT, line)

        versions = sorted(
            {
                int(m.group(2))
                for name in names
                for m in _DOTTED.finditer(name)
                if m.group(1) == "py"
            }
        )
        gaps = [
            f"3.{v}"
            for v in range(min(versions, default=0), max(versions, default=0))
            if v not in versions
        ]

        if gaps:
            return Fail(f"env_list skips py{', py'.join(gaps)}", PYPROJECT, line)

        tail = list(_standard_tox(repo)["env_list"][-3:])

        if names[-len(tail) :] != tail:
            return Fail(
                f"env_list ends with {names[-len(tail) :]!r}, not {tail!r}",
                PYPROJECT,
                line,
            )

        return None


class TOX004(Tox):
    """style, typing and docs envs are standard

    ## What it does
    Checks that the `style`, `typing`, `docs` and `docs-auto` envs install
    the template's dependency groups (extra groups are fine) and run the
    template's commands. The typing env must run `mypy` first; after it
    only the template's `pyright` commands, in any argument order, or none.

    ## Why
    CI and contributors run `tox run -e style`, `-e typing` and `-e docs`
    and expect the same checks in every project; the docs build with
    `-E -W` so that a warning fails, as on Read the Docs.

    ## Example
    `commands = [["sphinx-build", "-b", "html", "docs", "docs/_build"]]`.

    Use instead: `["sphinx-build", "-E", "-W", "-b", "dirhtml", "docs",
    "docs/_build/dirhtml"]`.

    ## Fix
    Write the template's envs. Safe.
    """

    weight = 2
    requires = frozenset({"TOX001"})

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        for name in ("style", "typing", "docs", "docs-auto"):
            found = _env(repo, name)

            if found is None:
                return Fail(f"no {_env_header(name)} env", PYPROJECT)

            expected = _standard_env(repo, name)
            groups = found.get("dependency_groups", [])
            lacking = [g for g in expected["dependency_groups"] if g not in groups]

            if lacking:
                return Fail(
                    f"env {name} does not install group {', '.join(lacking)}",
                    PYPROJECT,
                    _at(repo, name, "dependency_groups"),
                )

            commands = found.get("commands")
            want = expected["commands"]

            if name == "typing":
                failed = _typing_commands(commands, want)
            elif commands != want:
                failed = f"env {name} commands are {_show(commands)}"
            else:
                failed = None

            if failed:
                return Fail(failed, PYPROJECT, _at(repo, name, "commands"))

        return None


def _typing_commands(commands: object, want: list[list[t.Any]]) -> str | None:
    if not isinstance(commands, list) or not commands or commands[0] != want[0]:
        return f"env typing does not run {' '.join(want[0])} first"

    for command in commands[1:]:
        if not isinstance(command, list) or not any(
            command[:1] == other[:1]
            and sorted(map(str, command[1:])) == sorted(map(str, other[1:]))
            for other in want[1:]
        ):
            return f"env typing runs {_show(command)}"

    return None


class TOX005(Tox):
    """update envs refresh pins and the lock

    ## What it does
    Checks that the `update-actions`, `update-pre_commit` and
    `update-requirements` envs are the template's: the same labels,
    groups, install settings and commands (descriptions may differ).

    ## Why
    `tox run -m update` refreshes the workflow action pins, the pre-commit
    hook pins and `uv.lock` in one step. It replaced Dependabot and
    pre-commit.ci's autoupdate.

    ## Example
    No `update-requirements` env, or `pre-commit autoupdate` without
    `--freeze`, which pins tags instead of commits.

    Use instead: the template's three envs, with `labels = ["update"]`.

    ## Fix
    Write the template's envs. Safe.
    """

    weight = 2
    requires = frozenset({"TOX001"})

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        for name in ("update-actions", "update-pre_commit", "update-requirements"):
            found = _env(repo, name)

            if found is None:
                return Fail(f"no {_env_header(name)} env", PYPROJECT)

            expected = {
                k: v for k, v in _standard_env(repo, name).items() if k != "description"
            }
            failed = _compare(repo, name, found, expected)

            if failed is not None:
                return failed

        return None


def _parse(entry: object) -> Requirement | None:
    try:
        return Requirement(str(entry))
    except InvalidRequirement:
        return None


def _pins(env: dict[str, t.Any]) -> dict[str, Version] | None:
    """What the env's ``uv pip install`` command pins, by project name, or
    ``None`` if it has no such command.
    """
    commands = [*env.get("commands_pre", []), *env.get("commands", [])]

    for command in commands:
        if not isinstance(command, list) or command[:3] != ["uv", "pip", "install"]:
            continue

        result: dict[str, Version] = {}

        for arg in command[3:]:
            req = _parse(arg)
            specs = list(req.specifier) if req is not None else []

            if req is not None and len(specs) == 1 and specs[0].operator == "==":
                try:
                    result[canonicalize_name(req.name)] = Version(specs[0].version)
                except InvalidVersion:
                    continue

        return result

    return None


class TOX006(Tox):
    """tests-min pins the lowest supported dependencies

    ## What it does
    Checks that a `tests-min` env exists, and is in `env_list`, exactly
    when `[project] dependencies` is not empty, and that its
    `uv pip install` command (in `commands` or `commands_pre`) pins each
    dependency to its `>=` lower bound.

    ## Why
    A lower bound that is never tested is a guess: the env proves that the
    oldest versions the metadata allows still pass the tests. Pins that
    differ from the bounds test a different promise.

    ## Example
    `dependencies = ["flask>=3.1"]` and a `tests-min` env that installs
    `flask==3.0.0`.

    Use instead: `["uv", "pip", "install", "flask==3.1"]`.

    ## Fix
    Regenerate the install command from the lower bounds. Safe.
    """

    weight = 2
    requires = frozenset({"TOX001"})

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        found = _env(repo, TESTS_MIN)
        expected = bool(repo.project.get("dependencies"))

        if not expected:
            if found is not None:
                return Fail(
                    f"a {TESTS_MIN} env, but [project] has no dependencies",
                    PYPROJECT,
                    line_of_key(repo, PYPROJECT, _env_header(TESTS_MIN)),
                )

            return None

        if found is None:
            return Fail(f"no {_env_header(TESTS_MIN)} env", PYPROJECT)

        if TESTS_MIN not in repo.tool("tox").get("env_list", []):
            return Fail(
                f"{TESTS_MIN} is not in env_list",
                PYPROJECT,
                line_of_key(repo, PYPROJECT, "env_list"),
            )

        pins = _pins(found)

        if pins is None:
            return Fail(
                f"{TESTS_MIN} has no uv pip install command",
                PYPROJECT,
                line_of_key(repo, PYPROJECT, _env_header(TESTS_MIN)),
            )

        for dep in repo.project.get("dependencies", []):
            req = _parse(dep)

            if req is None:
                continue

            name = canonicalize_name(req.name)
            bounds = [s.version for s in req.specifier if s.operator == ">="]

            if not bounds or (name not in pins and req.marker is not None):
                continue

            try:
                bound = Version(bounds[0])
            except InvalidVersion:
                continue

            if name not in pins:
                return Fail(
                    f"{TESTS_MIN} does not pin {req.name}",
                    PYPROJECT,
                    line_of_key(repo, PYPROJECT, _env_header(TESTS_MIN)),
                )

            if pins[name] != bound:
                return Fail(
                    f"{TESTS_MIN} pins {req.name} to {pins[name]}, the lower bound "
                    f"is {bounds[0]}",
                    PYPROJECT,
                    repo.line_of(PYPROJECT, rf"\"{re.escape(req.name)}(\[.*\])?==")
                    or line_of_key(repo, PYPROJECT, _env_header(TESTS_MIN)),
                )

        return None
