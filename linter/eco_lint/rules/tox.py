"""TOX: the tox envs in pyproject.toml."""

from __future__ import annotations

import configparser
import dataclasses
import re
import shlex
import typing as t

from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion
from packaging.version import Version

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
from ._base import lines_of
from ._base import setup_cfg_sections
from ._base import Tox
from ._edits import RemoveSections
from ._edits import tidy as _tidy
from ._edits import TomlList
from ._pyproject import line_in_table

PYPROJECT = "pyproject.toml"
TESTS_MIN = "tests-min"

#: A Python env name, dotted (``py3.13``, ``py3.14t``, ``pypy3.11``),
#: alone or as a factor of a longer name (``stress-py3.14``).
_DOTTED = re.compile(r"(?:^|-)(pypy|py)3\.([0-9]+)t?(?=$|-)")
#: The tox.ini spellings: ``py311``, ``py313t``, ``pypy310``.
_UNDOTTED = re.compile(r"(?:^|-)(?:pypy|py)3[0-9]+t?(?=$|-)")


def _standard_tox(repo: Repo) -> dict[str, t.Any]:
    value = standard_for(repo).toml(PYPROJECT).get("tool", {}).get("tox", {})
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
) -> list[Fail]:
    """A failure for every key of the template's env that differs."""
    table = "env_run_base" if env is None else f"env {env}"
    failed: list[Fail] = []

    for key, value in expected.items():
        if key not in found:
            failed.append(Fail(f"{table} lacks {key}", PYPROJECT, _at(repo, env, key)))
        elif found[key] != value:
            text = f"is {found[key]!r}, not {value!r}"
            text = text if len(text) <= 80 else "is not the template's"
            failed.append(Fail(f"{table} {key} {text}", PYPROJECT, _at(repo, env, key)))

    return failed


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
    Write the template's `[tool.tox]` tables and envs, keep the project's
    own envs where every setting translates (`{posargs}` becomes a
    `replace` table, `{envtmpdir}` `{env_tmp_dir}`, `-r
    requirements/<group>.txt` the group), then delete `tox.ini` or
    `tox.toml`, or the setup.cfg sections. The template's envs replace the
    old ones of the same name; the title names the envs it drops. Unsafe:
    the translation needs review.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found = [
            Fail(f"tox is configured in {name}", name)
            for name in ("tox.ini", "tox.toml")
            if repo.is_file(name)
        ]
        found += setup_cfg_sections(
            repo, ("tox", "tox:tox"), "tox is configured in setup.cfg [{}]"
        )
        tox = repo.tool("tox")

        if (not isinstance(tox, dict) or not tox) and not found:
            return Fail("no [tool.tox] table", PYPROJECT)

        if isinstance(tox, dict) and "legacy_tox_ini" in tox:
            found.append(
                Fail(
                    "[tool.tox] holds a legacy_tox_ini string",
                    PYPROJECT,
                    line_of_key(repo, PYPROJECT, "legacy_tox_ini"),
                )
            )

        return found

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        tox = repo.tool("tox")
        tox = tox if isinstance(tox, dict) else {}
        edits: list[Edit] = []
        sources: list[str] = []
        legacy: _Legacy | None = None

        # tox reads the first of these it finds; the others were unused.
        for path, sections in (
            ("tox.ini", repo.tox_ini),
            ("setup.cfg", repo.setup_cfg),
        ):
            if path == "setup.cfg" and not {"tox", "tox:tox"} & sections.keys():
                continue

            if path == "tox.ini" and not repo.is_file(path):
                continue

            legacy = legacy if legacy is not None else _translate(repo, sections)
            sources.append(path)
            edits.append(
                DeleteFile(path)
                if path == "tox.ini"
                else RemoveSections(path, r"tox(:tox)?|testenv(:.*)?")
            )

        if isinstance(tox.get("legacy_tox_ini"), str):
            parser = configparser.ConfigParser(interpolation=None, strict=False)

            try:
                parser.read_string(tox["legacy_tox_ini"])
            except configparser.Error:
                return None

            sections = {name: dict(parser[name]) for name in parser.sections()}
            legacy = legacy if legacy is not None else _translate(repo, sections)
            sources.append("legacy_tox_ini")

        if repo.is_file("tox.toml"):
            legacy = legacy if legacy is not None else _native(repo.toml("tox.toml"))
            edits.append(DeleteFile("tox.toml"))
            sources.append("tox.toml")

        legacy = legacy if legacy is not None else _Legacy()
        merge = MergeTox(
            PYPROJECT,
            legacy.top,
            legacy.base,
            legacy.envs,
            _extra_envs(legacy.env_list, _standard_tox(repo).get("env_list", [])),
        )
        title = (
            f"Move the tox config from {' and '.join(sources)} to [tool.tox]"
            if sources
            else "Write the standard [tool.tox] tables"
        )

        if legacy.dropped:
            title += f", dropping {', '.join(legacy.dropped)}"

        return Fix(title, "unsafe", (merge, *edits))


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
    Set the template's keys, keeping extra ones. Unsafe: the tests then
    run from `uv.lock`, which must exist and be current.
    """

    weight = 2
    fixable = True
    requires = frozenset({"TOX001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found = repo.tool("tox", "env_run_base")

        if not isinstance(found, dict) or not found:
            return Fail("no [tool.tox.env_run_base] table", PYPROJECT)

        return _compare(repo, None, found, _standard_tox(repo)["env_run_base"])

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        found = repo.tool("tox", "env_run_base")
        path = ("tool", "tox", "env_run_base")

        if not isinstance(found, dict) or not found:
            edits: tuple[Edit, ...] = (TomlSet(PYPROJECT, path, Template(path)),)
        else:
            edits = _set_keys(found, _standard_tox(repo)["env_run_base"], path)

        return Fix("Run the tests through the uv lock", "unsafe", edits)


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
    Write the template's list, with the project's own envs (dotted) before
    `style`. Safe.
    """

    weight = 2
    fixable = True
    requires = frozenset({"TOX001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        env_list = repo.tool("tox").get("env_list")
        line = line_of_key(repo, PYPROJECT, "env_list")

        if not isinstance(env_list, list) or not env_list:
            return Fail("[tool.tox] has no env_list", PYPROJECT)

        names = [str(name) for name in env_list]
        found: list[Fail] = []

        for name in names:
            # A list written one name a line points at the name's own.
            at = next(
                (
                    n
                    for n in lines_of(repo, PYPROJECT, rf"[\"']{re.escape(name)}[\"']")
                    if line is not None and n >= line
                ),
                line,
            )

            if "{" in name or "," in name:
                found.append(
                    Fail(f"env_list has factor expansion {name!r}", PYPROJECT, at)
                )
            elif _UNDOTTED.search(name):
                found.append(
                    Fail(f"env_list has undotted name {name!r}", PYPROJECT, at)
                )

        # The versions of undotted names cannot be compared with the rest.
        if found:
            return found

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
            found.append(Fail(f"env_list skips py{', py'.join(gaps)}", PYPROJECT, line))

        tail = list(_standard_tox(repo)["env_list"][-3:])

        if names[-len(tail) :] != tail:
            found.append(
                Fail(
                    f"env_list ends with {names[-len(tail) :]!r}, not {tail!r}",
                    PYPROJECT,
                    line,
                )
            )

        return found

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        keys = ("tool", "tox", "env_list")
        expected = list(_standard_tox(repo)["env_list"])
        found = repo.tool("tox").get("env_list")
        extras = _extra_envs(found if isinstance(found, list) else [], expected)
        edits: list[Edit] = [TomlSet(PYPROJECT, keys, Template(keys))]

        if extras:
            edits.append(
                TomlList(PYPROJECT, keys, add=tuple(extras), before=expected[-3])
            )

        return Fix("Rewrite env_list with dotted names", "safe", tuple(edits))


def _without_w(commands: t.Any) -> t.Any:
    """Commands without sphinx-build's ``-W``, which DOC004 judges: a docs
    env that lacks only that is one finding, not two.
    """
    if not isinstance(commands, list):
        return commands

    return [[a for a in c if a != "-W"] if isinstance(c, list) else c for c in commands]


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
    Write the template's envs, groups and commands, keeping extra groups.
    Safe.
    """

    weight = 2
    fixable = True
    requires = frozenset({"TOX001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        failed: list[Fail] = []

        for name in ("style", "typing", "docs", "docs-auto"):
            found = _env(repo, name)

            if found is None:
                failed.append(Fail(f"no {_env_header(name)} env", PYPROJECT))
                continue

            expected = _standard_env(repo, name)
            groups = found.get("dependency_groups", [])
            lacking = [g for g in expected["dependency_groups"] if g not in groups]

            if lacking:
                failed.append(
                    Fail(
                        f"env {name} does not install group {', '.join(lacking)}",
                        PYPROJECT,
                        _at(repo, name, "dependency_groups"),
                    )
                )

            commands = found.get("commands")
            want = expected["commands"]

            if name == "typing":
                message = _typing_commands(commands, want)
            elif _without_w(commands) != _without_w(want):
                message = f"env {name} commands are {_show(commands)}"
            else:
                message = None

            if message:
                failed.append(Fail(message, PYPROJECT, _at(repo, name, "commands")))

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        edits: list[Edit] = []

        for name in ("style", "typing", "docs", "docs-auto"):
            found = _env(repo, name)
            path = ("tool", "tox", "env", name)

            if found is None:
                edits.append(TomlSet(PYPROJECT, path, Template(path)))
                continue

            expected = _standard_env(repo, name)
            groups = found.get("dependency_groups", [])
            lacking = [g for g in expected["dependency_groups"] if g not in groups]

            if lacking:
                keys = (*path, "dependency_groups")
                edits.append(
                    TomlList(PYPROJECT, keys, add=tuple(lacking), like=Template(keys))
                )

            commands = found.get("commands")
            want = expected["commands"]

            if (
                _typing_commands(commands, want)
                if name == "typing"
                else commands != want
            ):
                keys = (*path, "commands")
                edits.append(TomlSet(PYPROJECT, keys, Template(keys)))

        return Fix(
            "Write the standard style, typing and docs envs", "safe", tuple(edits)
        )


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
    Write the template's envs and settings, keeping their descriptions.
    Safe.
    """

    weight = 2
    fixable = True
    requires = frozenset({"TOX001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        failed: list[Fail] = []

        for name in ("update-actions", "update-pre_commit", "update-requirements"):
            found = _env(repo, name)

            if found is None:
                failed.append(Fail(f"no {_env_header(name)} env", PYPROJECT))
                continue

            expected = {
                k: v for k, v in _standard_env(repo, name).items() if k != "description"
            }
            failed += _compare(repo, name, found, expected)

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        edits: list[Edit] = []

        for name in ("update-actions", "update-pre_commit", "update-requirements"):
            found = _env(repo, name)
            path = ("tool", "tox", "env", name)

            if found is None:
                edits.append(TomlSet(PYPROJECT, path, Template(path)))
                continue

            expected = {
                k: v for k, v in _standard_env(repo, name).items() if k != "description"
            }
            edits += _set_keys(found, expected, path)

        return Fix("Write the standard update envs", "safe", tuple(edits))


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
    Checks that a `tests-min` env, where there is one, is in `env_list`,
    that the project has `[project] dependencies` for it to pin, and that
    its `uv pip install` command (in `commands` or `commands_pre`) pins
    each dependency to its `>=` lower bound. The env is not required:
    Flask keeps it, Werkzeug removed it, Click has no dependencies.

    ## Why
    A lower bound that is never tested is a guess: the env proves that the
    oldest versions the metadata allows still pass the tests. Pins that
    differ from the bounds test a different promise.

    ## Example
    `dependencies = ["flask>=3.1"]` and a `tests-min` env that installs
    `flask==3.0.0`.

    Use instead: `["uv", "pip", "install", "flask==3.1"]`.

    ## Fix
    Write the template's install command, or env, and list it in
    `env_list`; without dependencies, remove the env. Safe.
    """

    weight = 2
    fixable = True
    requires = frozenset({"TOX001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
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
            if TESTS_MIN in repo.tool("tox").get("env_list", []):
                return Fail(
                    f"{TESTS_MIN} is in env_list, but has no env",
                    PYPROJECT,
                    line_of_key(repo, PYPROJECT, "env_list"),
                )

            return None

        failed: list[Fail] = []

        if TESTS_MIN not in repo.tool("tox").get("env_list", []):
            failed.append(
                Fail(
                    f"{TESTS_MIN} is not in env_list",
                    PYPROJECT,
                    line_of_key(repo, PYPROJECT, "env_list"),
                )
            )

        pins = _pins(found)

        if pins is None:
            failed.append(
                Fail(
                    f"{TESTS_MIN} has no uv pip install command",
                    PYPROJECT,
                    line_of_key(repo, PYPROJECT, _env_header(TESTS_MIN)),
                )
            )
            return failed

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
                failed.append(
                    Fail(
                        f"{TESTS_MIN} does not pin {req.name}",
                        PYPROJECT,
                        line_of_key(repo, PYPROJECT, _env_header(TESTS_MIN)),
                    )
                )
            elif pins[name] != bound:
                failed.append(
                    Fail(
                        f"{TESTS_MIN} pins {req.name} to {pins[name]}, the lower"
                        f" bound is {bounds[0]}",
                        PYPROJECT,
                        repo.line_of(PYPROJECT, rf"\"{re.escape(req.name)}(\[.*\])?==")
                        or line_of_key(repo, PYPROJECT, _env_header(TESTS_MIN)),
                    )
                )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        path = ("tool", "tox", "env", TESTS_MIN)
        env_list = ("tool", "tox", "env_list")
        found = _env(repo, TESTS_MIN)

        if not repo.project.get("dependencies"):
            edits: list[Edit] = [
                TomlRemove(PYPROJECT, path),
                TomlList(PYPROJECT, env_list, remove=(TESTS_MIN,)),
            ]
            return Fix(f"Remove the {TESTS_MIN} env", "safe", tuple(edits))

        if _standard_env(repo, TESTS_MIN) == {}:
            return None

        edits = []

        if TESTS_MIN not in repo.tool("tox").get("env_list", []):
            edits.append(
                TomlList(PYPROJECT, env_list, add=(TESTS_MIN,), like=Template(env_list))
            )

        install = _install(repo)
        commands = found.get("commands") if found is not None else None

        if found is None:
            edits.append(TomlSet(PYPROJECT, path, Template(path)))

            if not isinstance(install, Template):
                edits.append(TomlItem(PYPROJECT, (*path, "commands"), 0, install))
        elif _pins(found) is not None:
            key, index = _install_command(found)
            edits.append(TomlItem(PYPROJECT, (*path, key), index, install))
        elif isinstance(commands, list):
            edits.append(
                TomlItem(PYPROJECT, (*path, "commands"), 0, install, insert=True)
            )
        else:
            keys = (*path, "commands")
            edits.append(TomlSet(PYPROJECT, keys, Template(keys)))

            if not isinstance(install, Template):
                edits.append(TomlItem(PYPROJECT, keys, 0, install))

        return Fix(
            f"Pin the lower bounds of the dependencies in {TESTS_MIN}",
            "safe",
            tuple(edits),
        )


def _install(repo: Repo) -> Template | list[str]:
    """The template's install command for the tests-min env; or, when the
    template was rendered for other dependencies (answers recorded before
    they changed), the template's rule applied to the project's own: each
    ``>=`` bound pinned with ``==``.
    """
    command = [
        "uv",
        "pip",
        "install",
        *(str(dep).replace(">=", "==") for dep in repo.project.get("dependencies", [])),
    ]
    standard = _standard_env(repo, TESTS_MIN)

    if standard and _pins(standard) == _pins({"commands": [command]}):
        return Template(("tool", "tox", "env", TESTS_MIN, "commands", 0))

    return command


def _install_command(env: dict[str, t.Any]) -> tuple[str, int]:
    """Where the env's ``uv pip install`` command is."""
    for key in ("commands_pre", "commands"):
        for index, command in enumerate(env.get(key, [])):
            if isinstance(command, list) and command[:3] == ["uv", "pip", "install"]:
                return key, index

    raise LookupError("no uv pip install command")


def _set_keys(
    found: dict[str, t.Any], expected: dict[str, t.Any], path: tuple[str, ...]
) -> tuple[Edit, ...]:
    """The template's value for each key that differs."""
    return tuple(
        TomlSet(PYPROJECT, (*path, key), Template((*path, key)))
        for key, value in expected.items()
        if found.get(key) != value
    )


# Edits -----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class TomlItem(Edit):
    """Replace, or insert, an item of a TOML array by its index."""

    path: str
    keys: tuple[str, ...]
    index: int
    value: t.Any
    insert: bool = False

    def apply(self, text: str | None, repo: Repo) -> str | None:
        import tomlkit

        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        value = self.value

        if isinstance(value, Template):
            value = toml_template(repo, self.path, value.keys)

        def change(source: str) -> str:
            doc = tomlkit.parse(source)
            array: t.Any = doc

            for key in self.keys:
                array = array.get(key) if isinstance(array, dict) else None

            if not isinstance(array, list) or self.index > len(array):
                raise FixConflict(f"{self.path} has no {'.'.join(self.keys)} array")

            if self.insert:
                array.insert(self.index, value)
            elif self.index < len(array):
                array[self.index] = value
            else:
                raise FixConflict(f"{'.'.join(self.keys)} has no item {self.index}")

            return tomlkit.dumps(doc)

        return keep_newlines(text, change)


@dataclasses.dataclass(frozen=True)
class MergeTox(Edit):
    """Fill ``[tool.tox]`` in, keeping what it has: first the project's
    own settings and envs, translated from its old config, then the
    template's env_list, env_run_base and envs where they are missing. A
    ``legacy_tox_ini`` string is removed.

    :param extras: The project's own envs for a new env_list, put before
        the template's last envs.
    """

    path: str
    top: tuple[tuple[str, t.Any], ...] = ()
    base: tuple[tuple[str, t.Any], ...] = ()
    envs: tuple[tuple[str, t.Any], ...] = ()
    extras: tuple[str, ...] = ()

    def apply(self, text: str | None, repo: Repo) -> str | None:
        import tomlkit

        standard = toml_template(repo, self.path, ("tool", "tox"))

        def change(source: str) -> str:
            doc = tomlkit.parse(source)

            if "tool" not in doc:
                doc["tool"] = tomlkit.table(is_super_table=True)

            if not isinstance(doc["tool"].get("tox"), dict):
                doc["tool"]["tox"] = tomlkit.table()

            tox = doc["tool"]["tox"]
            tox.pop("legacy_tox_ini", None)

            if "env_list" not in tox:
                tox["env_list"] = standard["env_list"]
                names = [str(name) for name in tox["env_list"]]
                at = len(names) - 3

                for offset, name in enumerate(n for n in self.extras if n not in names):
                    tox["env_list"].insert(at + offset, name)

            for key, value in self.top:
                tox.setdefault(key, value)

            if "env_run_base" not in tox:
                tox["env_run_base"] = standard["env_run_base"]

            for key, value in self.base:
                tox["env_run_base"].setdefault(key, value)

            if "env" not in tox:
                tox["env"] = tomlkit.table(is_super_table=True)

            for name, value in [*self.envs, *standard.get("env", {}).items()]:
                tox["env"].setdefault(name, value)

            return _tidy(tomlkit.dumps(doc), source)

        return keep_newlines(text or "", change)


# Translating tox.ini ---------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Legacy:
    """An old tox config, translated to [tool.tox] values."""

    top: tuple[tuple[str, t.Any], ...] = ()
    base: tuple[tuple[str, t.Any], ...] = ()
    envs: tuple[tuple[str, t.Any], ...] = ()
    env_list: tuple[str, ...] = ()
    #: Envs that could not be translated.
    dropped: tuple[str, ...] = ()


class _Untranslatable(Exception):
    pass


#: tox.ini substitutions and their [tool.tox] names.
_SUBSTITUTIONS = {
    "envtmpdir": "env_tmp_dir",
    "toxinidir": "tox_root",
    "envname": "env_name",
    "toxworkdir": "work_dir",
    "envdir": "env_dir",
    "envpython": "env_python",
    "envbindir": "env_bin_dir",
    "envsitepackagesdir": "env_site_packages_dir",
    "envlogdir": "env_log_dir",
}
#: tox.ini keys and their [tool.tox] names.
_KEYS = {
    "basepython": "base_python",
    "changedir": "change_dir",
    "envdir": "env_dir",
    "envtmpdir": "env_tmp_dir",
    "passenv": "pass_env",
    "setenv": "set_env",
    "usedevelop": "use_develop",
    "whitelist_externals": "allowlist_externals",
}
_LISTS = frozenset(
    {
        "allowlist_externals",
        "base_python",
        "dependency_groups",
        "depends",
        "extras",
        "labels",
        "pass_env",
    }
)
_BOOLS = frozenset(
    {
        "constrain_package_deps",
        "ignore_errors",
        "ignore_outcome",
        "no_default_groups",
        "parallel_show_output",
        "recreate",
        "skip_install",
        "use_develop",
        "use_frozen_constraints",
    }
)
_STRINGS = frozenset(
    {
        "change_dir",
        "description",
        "env_dir",
        "env_tmp_dir",
        "package",
        "runner",
        "uv_python_preference",
        "wheel_build_env",
    }
)
_COMMANDS = frozenset({"commands", "commands_pre", "commands_post"})
#: [testenv] keys kept beside the template's env_run_base.
_BASE_KEEP = frozenset(
    {"allowlist_externals", "env_tmp_dir", "extras", "pass_env", "set_env"}
)


def _lines(raw: str) -> list[str]:
    """The lines of a tox.ini value, continuations joined."""
    result: list[str] = []
    pending = ""

    for line in raw.splitlines():
        line = line.strip()

        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue

        line = pending + line
        pending = ""

        if line and not line.startswith("#"):
            result.append(line)

    return result


def _string(value: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)

        if name in _SUBSTITUTIONS:
            return f"{{{_SUBSTITUTIONS[name]}}}"

        if name in _SUBSTITUTIONS.values() or name == "tox_root":
            return match.group(0)

        raise _Untranslatable(match.group(0))

    return re.sub(r"\{([^{}]*)\}", replace, value)


def _command(line: str) -> list[t.Any]:
    try:
        args = shlex.split(line)
    except ValueError:
        raise _Untranslatable(line) from None

    if not args or args[0].startswith("-"):
        raise _Untranslatable(line)

    result: list[t.Any] = []

    for arg in args:
        posargs = re.fullmatch(r"\{posargs(?::(.*))?\}", arg)

        if posargs:
            default = shlex.split(posargs.group(1) or "")
            result.append({"replace": "posargs", "default": default, "extend": True})
        else:
            result.append(_string(arg))

    return result


def _deps(raw: str) -> dict[str, list[str]]:
    """``deps`` as dependency groups (for ``-r requirements/<group>.txt``,
    which DEP005's fix turns into groups) and requirements.
    """
    groups: list[str] = []
    deps: list[str] = []

    for line in _lines(raw):
        included = re.fullmatch(
            r"-r\s*(?:\{toxinidir\}/)?requirements/([\w.-]+)\.(?:txt|in)", line
        )

        if included and not _skipped_group(included.group(1)):
            groups.append(included.group(1))
            continue

        try:
            Requirement(line)
        except InvalidRequirement:
            raise _Untranslatable(line) from None

        deps.append(line)

    return {
        key: value
        for key, value in (("dependency_groups", groups), ("deps", deps))
        if value
    }


def _skipped_group(name: str) -> bool:
    """Whether a requirements file pins a min or dev env (``tests-min``)
    rather than being a group.
    """
    return bool(re.search(r".-(min|dev)$", name))


def _env_values(options: dict[str, str]) -> dict[str, t.Any]:
    result: dict[str, t.Any] = {}

    for old, raw in options.items():
        key = _KEYS.get(old, old)

        if key == "deps":
            result.update(_deps(raw))
        elif key in _COMMANDS:
            result[key] = [_command(line) for line in _lines(raw)]
        elif key == "set_env":
            result[key] = _set_env(raw)
        elif key in _LISTS:
            result[key] = [_string(v) for v in re.split(r"[\s,]+", raw.strip()) if v]
        elif key in _BOOLS and raw.strip().lower() in {"true", "false"}:
            result[key] = raw.strip().lower() == "true"
        elif key in _STRINGS:
            result[key] = _string(" ".join(_lines(raw)))
        else:
            raise _Untranslatable(old)

    return result


def _set_env(raw: str) -> dict[str, str]:
    result: dict[str, str] = {}

    for line in _lines(raw):
        name, equals, value = line.partition("=")

        if not equals or not re.fullmatch(r"\w+", name.strip()):
            raise _Untranslatable(line)

        result[name.strip()] = _string(value.strip())

    return result


def _env_names(raw: str) -> list[str]:
    """A tox.ini envlist, expanded and dotted."""
    names: list[str] = []

    for line in raw.splitlines():
        depth = 0
        part = ""

        for char in f"{line},":
            depth += {"{": 1, "}": -1}.get(char, 0)

            if char == "," and depth == 0:
                names.extend(_dotted(n) for n in _expand(part.strip()) if n)
                part = ""
            else:
                part += char

    return names


def _expand(name: str) -> list[str]:
    """tox's generative names: ``py3{11,10}-x`` is ``py311-x, py310-x``."""
    match = re.search(r"\{([^{}]*)\}", name)

    if match is None:
        return [name]

    return [
        expanded
        for part in match.group(1).split(",")
        for expanded in _expand(
            f"{name[: match.start()]}{part.strip()}{name[match.end() :]}"
        )
    ]


def _dotted(name: str) -> str:
    """An env name with dotted Python factors: ``py311`` is ``py3.11``."""
    return re.sub(r"(^|-)(pypy|py)3([0-9]+)(t?)(?=$|-)", r"\1\g<2>3.\3\4", name)


def _extra_envs(names: t.Iterable[object], expected: list[str]) -> tuple[str, ...]:
    """The project's own envs in an env_list: not the template's, and not
    a Python version alone, which the template's list has.
    """
    result: list[str] = []

    for raw in names:
        for name in map(_dotted, _expand(str(raw))):
            python = re.fullmatch(r"(pypy|py)(3(\.[0-9]+)?t?)?", name)

            if not python and name not in expected and name not in result:
                result.append(name)

    return tuple(result)


def _translate(repo: Repo, sections: dict[str, dict[str, str]]) -> _Legacy:
    """A tox.ini (or setup.cfg) config as [tool.tox] values. The
    template's envs and env_run_base replace the old ones; the project's
    own envs are kept where every setting translates.
    """
    standard = _standard_tox(repo)
    base_keys = set(standard.get("env_run_base", {}))
    standard_envs = set(standard.get("env", {}))
    main = sections.get("tox:tox", sections.get("tox", {}))
    top: dict[str, t.Any] = {}

    for key, raw in main.items():
        if key == "skip_missing_interpreters" and raw.strip() in {"true", "false"}:
            top[key] = raw.strip() == "true"
        elif key == "requires":
            top[key] = _lines(raw)
        elif key in {"minversion", "min_version"}:
            top["min_version"] = raw.strip()

    base: dict[str, t.Any] = {}

    for key, raw in sections.get("testenv", {}).items():
        key = _KEYS.get(key, key)

        if key in _BASE_KEEP and key not in base_keys:
            try:
                base.update(_env_values({key: raw}))
            except _Untranslatable:
                continue

    envs: dict[str, t.Any] = {}
    dropped: list[str] = []

    for section, options in sections.items():
        if not section.startswith("testenv:"):
            continue

        for name in map(_dotted, _expand(section.partition(":")[2].strip())):
            if name in standard_envs:
                continue

            try:
                envs[name] = _env_values(options)
            except _Untranslatable:
                dropped.append(name)

    env_list = _env_names(main.get("envlist", main.get("env_list", "")))
    extras = _extra_envs(env_list, standard.get("env_list", []))
    dropped += [
        n
        for n in extras
        if n not in envs and n not in standard_envs and n not in dropped
    ]
    return _Legacy(
        tuple(top.items()),
        tuple(base.items()),
        tuple(envs.items()),
        tuple(n for n in env_list if n in envs or n not in extras),
        tuple(dropped),
    )


def _native(config: dict[str, t.Any]) -> _Legacy:
    """A tox.toml config: already in [tool.tox] form."""
    base = config.get("env_run_base", {})
    envs = config.get("env", {})
    return _Legacy(
        tuple((k, v) for k, v in config.items() if k not in {"env_run_base", "env"}),
        tuple(base.items()) if isinstance(base, dict) else (),
        tuple(envs.items()) if isinstance(envs, dict) else (),
        tuple(map(str, config.get("env_list", []))),
    )
