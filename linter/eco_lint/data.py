"""Answers given on the command line as ``--data NAME=VALUE``, read as
Copier reads them and checked against the template's questions.
"""

from __future__ import annotations

import typing as t

#: The spellings of a yes-or-no answer Copier reads.
_BOOLS = {
    "true": True,
    "yes": True,
    "on": True,
    "false": False,
    "no": False,
    "off": False,
}


class BadData(ValueError):
    """A ``--data`` item that cannot be used, with the reason."""


def parse_data(values: t.Sequence[str], update: bool = False) -> dict[str, t.Any]:
    """``--data NAME=VALUE`` pairs; values are read as YAML, as Copier does,
    and each must have its question's type, choices and validator. For an
    update, whose newer template may ask more or allow more, a name eco-lint
    does not know, and the choices and validators, are left to Copier, and
    the values stay the text given.

    :raise BadData: For an item that is no answer.
    """
    from .standard import questions

    data: dict[str, t.Any] = {}
    given: dict[str, str] = {}

    for item in values:
        name, sep, value = item.partition("=")
        known = name in questions()

        if not sep or not name or (not known and not update):
            what = "NAME=VALUE" if update else "NAME=VALUE for a template question"
            raise BadData(f"{item!r} is not {what}.")

        given[name] = value

        if not known:
            continue

        data[name] = _value(item, name, value, questions()[name].get("type", "str"))

        if not update:
            _check_allowed(item, name, data[name], questions()[name].get("type", "str"))

    return given if update else data


def _value(item: str, name: str, value: str, kind: str) -> t.Any:
    """A value as its question's type reads it."""
    import yaml

    from .safe_yaml import load_yaml

    if kind == "bool":
        if value.strip().lower() not in _BOOLS:
            raise BadData(f"{item!r}: {name} must be true or false.")

        return _BOOLS[value.strip().lower()]

    try:
        return load_yaml(value) if kind == "yaml" else value
    except (ValueError, yaml.YAMLError) as e:
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise BadData(f"{item!r}: the value cannot be parsed ({first}).") from None


def _check_allowed(item: str, name: str, value: t.Any, kind: str) -> None:
    """Refuse a value its question's choices or validator refuse."""
    from .standard import choices
    from .standard import validate_given

    allowed = choices(name)

    if allowed is not None and value not in allowed:
        raise BadData(
            f"{item!r}: {name} must be one of {', '.join(map(str, allowed))}."
        )

    # A value of the wrong shape would stop inference before the
    # answers are checked together.
    message = validate_given(name, value) if kind == "yaml" else None

    if message:
        raise BadData(f"{item!r}: {message}")
