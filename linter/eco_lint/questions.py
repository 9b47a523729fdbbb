"""The template's questions, read from ``copier.yml``: their defaults,
choices and validators, and the Jinja environment that renders them (and
the template's files) as Copier does, without importing Copier.
"""

from __future__ import annotations

import functools
import re
import time
import typing as t

import yaml

from .safe_yaml import load_yaml
from .template import template_root

if t.TYPE_CHECKING:
    import jinja2


def _regex_replace(value: str, pattern: str = "", replacement: str = "") -> str:
    return re.sub(pattern, replacement, value)


def _regex_search(value: str, pattern: str) -> str | None:
    match = re.search(pattern, value)
    return match.group(0) if match else None


def _strftime(fmt: str, second: float | None = None) -> str:
    return time.strftime(fmt, time.localtime(second))


def _to_nice_yaml(value: t.Any, indent: int = 4) -> str:
    return yaml.safe_dump(
        value, indent=indent, allow_unicode=True, default_flow_style=False
    )


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja environment that renders the template as Copier does: the
    same loader root, options and the Ansible filters the template uses.
    """
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_root()),
        keep_trailing_newline=True,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        from_yaml=yaml.safe_load,
        regex_replace=_regex_replace,
        regex_search=_regex_search,
        strftime=_strftime,
        to_nice_yaml=_to_nice_yaml,
    )
    return env


@functools.cache
def questions() -> dict[str, dict[str, t.Any]]:
    """The questions of ``copier.yml``, in the order they are asked."""
    data = load_yaml((template_root() / "copier.yml").read_text())
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _cast(kind: str, value: t.Any) -> t.Any:
    if not isinstance(value, str):
        return value

    if kind == "yaml":
        return yaml.safe_load(value)

    if kind == "bool":
        return value.strip().lower() in {"true", "yes", "1", "on", "y"}

    if kind == "int":
        return int(value)

    return value


def resolve_answers(data: t.Mapping[str, t.Any]) -> dict[str, t.Any]:
    """Every answer, including the derived values that are never asked:
    given ones as they are, the rest from their defaults, each rendered
    with the answers before it, as Copier does with ``--defaults``.
    """
    env = environment()
    answers: dict[str, t.Any] = {}

    for name, question in questions().items():
        kind = question.get("type", "str")

        if name in data and question.get("when", True) is not False:
            answers[name] = _cast(kind, data[name])
            continue

        default = question.get("default")

        if isinstance(default, str):
            default = env.from_string(default).render(answers).strip()

        answers[name] = _cast(kind, default)

    return answers


def asked(name: str) -> bool:
    """Whether a question is asked, and so recorded in the answers file;
    derived values (``when: false``) are not.
    """
    return questions()[name].get("when", True) is not False


def choices(name: str) -> list[t.Any] | None:
    """The values a question allows, or ``None`` if it takes any."""
    found = questions()[name].get("choices")

    if found is None:
        return None

    return list(found.values()) if isinstance(found, dict) else list(found)


def supported(name: str, value: t.Any) -> t.Any:
    """Move a Python version outside the template's choices to the nearest
    one it supports; give any other value back unchanged.
    """
    allowed = choices(name)

    if not name.startswith("python_") or allowed is None or value in allowed:
        return value

    def minor(version: t.Any) -> int:
        return int(str(version).split(".")[1])

    return min(allowed, key=lambda v: abs(minor(v) - minor(value)))


def validate_answers(answers: t.Mapping[str, t.Any]) -> dict[str, str]:
    """Check answers against the questions' choices and run their own
    validators; return the messages by name.
    """
    env = environment()
    errors: dict[str, str] = {}

    for name, question in questions().items():
        allowed = choices(name)

        if allowed is not None and name in answers and answers[name] not in allowed:
            errors[name] = (
                f"{answers[name]!r} is not one of {', '.join(map(str, allowed))}."
            )
            continue

        validator = question.get("validator")

        if validator and name in answers:
            message = " ".join(env.from_string(validator).render(answers).split())

            if message:
                errors[name] = message

    return errors


def validate_given(name: str, value: t.Any) -> str | None:
    """What a question's validator says of a value given on its own, before
    the other answers are known: the names it also reads render empty.
    """
    import jinja2

    validator = questions()[name].get("validator")

    if not validator:
        return None

    env = environment().overlay(undefined=jinja2.ChainableUndefined)

    try:
        message = " ".join(env.from_string(validator).render({name: value}).split())
    except (jinja2.TemplateError, TypeError, ValueError) as e:
        return f"the value cannot be checked ({e})."

    return message or None


def answers_problem(data: t.Mapping[str, t.Any]) -> str | None:
    """What is wrong with recorded answers, or ``None``: an answer outside
    its question's choices. (Validators need the renderer; adopting and
    updating run them.)
    """
    for name, value in data.items():
        allowed = choices(name) if name in questions() else None

        if allowed is not None and value not in allowed:
            return f"{name}: {value!r} is not one of {', '.join(map(str, allowed))}"

    return None
