"""tox envs and what each runs, needs and sets."""

from __future__ import annotations

import itertools
import re
import typing as t

from .metadata import requirement

if t.TYPE_CHECKING:
    from .tree import Tree


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


def tox_envs(tree: Tree) -> dict[str, frozenset[str]]:
    """Each env of ``tox.ini`` and of the TOML config (which wins where
    both name one) to what it runs, needs and sets.
    """
    return {**_ini_envs(tree), **_toml_envs(tree)}


def _ini_envs(tree: Tree) -> dict[str, frozenset[str]]:
    result: dict[str, frozenset[str]] = {}
    ini = tree.ini("tox.ini")

    if not ini:
        return result

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
            f"runs {_program(c)}" for c in _for_env(section.get("commands", ""), env)
        }
        facts.update(
            f"needs {requirement(d)}"
            for d in _conditional_lines(section.get("deps", ""), env)
        )
        facts.update(
            f"sets {line.split('=')[0].strip()}"
            for line in _conditional_lines(section.get("setenv", ""), env)
        )
        result[_env_name(env)] = frozenset(facts)

    return result


def _toml_envs(tree: Tree) -> dict[str, frozenset[str]]:
    result: dict[str, frozenset[str]] = {}
    native = tree.table("tool", "tox")

    if not native and tree.text("tox.toml") is not None:
        native = tree.toml("tox.toml")

    if not (isinstance(native, dict) and native):
        return result

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
