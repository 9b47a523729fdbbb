"""Old tox configs (``tox.ini``, ``setup.cfg``, ``legacy_tox_ini``,
``tox.toml``) translated to ``[tool.tox]`` values.
"""

from __future__ import annotations

import dataclasses
import re
import shlex
import typing as t

from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement

from ._tox import dotted
from ._tox import expand
from ._tox import extra_envs


@dataclasses.dataclass(frozen=True)
class Legacy:
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
                names.extend(dotted(n) for n in expand(part.strip()) if n)
                part = ""
            else:
                part += char

    return names


def translate(
    standard: dict[str, t.Any], sections: dict[str, dict[str, str]]
) -> Legacy:
    """A tox.ini (or setup.cfg) config as [tool.tox] values. The
    template's envs and env_run_base (of its ``standard`` [tool.tox]
    table) replace the old ones; the project's own envs are kept where
    every setting translates.
    """
    standard_envs = set(standard.get("env", {}))
    main = sections.get("tox:tox", sections.get("tox", {}))
    base = _base(set(standard.get("env_run_base", {})), sections.get("testenv", {}))
    envs, dropped = _envs(standard_envs, sections)
    names = _env_names(main.get("envlist", main.get("env_list", "")))
    extras = extra_envs(names, standard.get("env_list", []))
    dropped += [
        n
        for n in extras
        if n not in envs and n not in standard_envs and n not in dropped
    ]
    return Legacy(
        tuple(_top(main).items()),
        tuple(base.items()),
        tuple(envs.items()),
        tuple(n for n in names if n in envs or n not in extras),
        tuple(dropped),
    )


def _top(main: dict[str, str]) -> dict[str, t.Any]:
    """The [tox] settings that [tool.tox] keeps."""
    top: dict[str, t.Any] = {}

    for key, raw in main.items():
        if key == "skip_missing_interpreters" and raw.strip() in {"true", "false"}:
            top[key] = raw.strip() == "true"
        elif key == "requires":
            top[key] = _lines(raw)
        elif key in {"minversion", "min_version"}:
            top["min_version"] = raw.strip()

    return top


def _base(standard: set[str], testenv: dict[str, str]) -> dict[str, t.Any]:
    """The [testenv] settings kept beside the template's env_run_base,
    whose keys are ``standard``.
    """
    base: dict[str, t.Any] = {}

    for key, raw in testenv.items():
        key = _KEYS.get(key, key)

        if key in _BASE_KEEP and key not in standard:
            try:
                base.update(_env_values({key: raw}))
            except _Untranslatable:
                continue

    return base


def _envs(
    standard: set[str], sections: dict[str, dict[str, str]]
) -> tuple[dict[str, t.Any], list[str]]:
    """The project's own envs that translate, and the names of those that
    do not; the template's envs (``standard``) replace the old ones.
    """
    envs: dict[str, t.Any] = {}
    dropped: list[str] = []

    for section, options in sections.items():
        if not section.startswith("testenv:"):
            continue

        for name in map(dotted, expand(section.partition(":")[2].strip())):
            if name in standard:
                continue

            try:
                envs[name] = _env_values(options)
            except _Untranslatable:
                dropped.append(name)

    return envs, dropped


def native(config: dict[str, t.Any]) -> Legacy:
    """A tox.toml config: already in [tool.tox] form."""
    base = config.get("env_run_base", {})
    envs = config.get("env", {})
    return Legacy(
        tuple((k, v) for k, v in config.items() if k not in {"env_run_base", "env"}),
        tuple(base.items()) if isinstance(base, dict) else (),
        tuple(envs.items()) if isinstance(envs, dict) else (),
        tuple(map(str, config.get("env_list", []))),
    )
