"""Parsers of the files Repo reads that are neither plain TOML nor YAML:
the arguments of ``setup()`` in a ``setup.py``, the sections of an INI
file, and the project's own entries of a ``uv.lock``. None runs the
project's code.
"""

from __future__ import annotations

import ast
import configparser
import re
import typing as t

#: Where each ``[[package]]`` entry of a ``uv.lock`` starts, its source
#: when it is the project itself, and its name.
_PACKAGE = re.compile(r"^(?=\[\[package\]\]\s*$)", re.MULTILINE)
_ROOT_SOURCE = re.compile(r'^source = \{ (?:editable|virtual) = "\." \}', re.MULTILINE)
_NAME = re.compile(r'^name = "([^"]*)"', re.MULTILINE)


def _canonical(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def own_lock_entries(text: str, project: str) -> str:
    """A ``uv.lock`` with only its top-level keys and the ``[[package]]``
    entries of the project itself: the editable or virtual root, or the
    one named as the project is.
    """
    head, *packages = _PACKAGE.split(text)
    name = _canonical(project)
    own = [
        p
        for p in packages
        if _ROOT_SOURCE.search(p)
        or ((m := _NAME.search(p)) is not None and _canonical(m[1]) == name)
    ]
    return head + "".join(own)


def ini_sections(text: str, strict: bool = True) -> dict[str, dict[str, str]]:
    """An INI file's sections, read with configparser and no interpolation.

    :raise configparser.Error: When it cannot be parsed.
    """
    parser = configparser.ConfigParser(interpolation=None, strict=strict)
    parser.read_string(text)
    return {section: dict(parser[section]) for section in parser.sections()}


def setup_arguments(tree: ast.AST) -> dict[str, t.Any]:
    """The keyword arguments of the first ``setup()`` call in a parsed
    ``setup.py``: literal values as they are, the others as ``...``.
    """
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) == "setup"
        ):
            result: dict[str, t.Any] = {}

            for keyword in node.keywords:
                if keyword.arg is None:
                    continue

                try:
                    result[keyword.arg] = ast.literal_eval(keyword.value)
                except (ValueError, TypeError, SyntaxError, RecursionError):
                    result[keyword.arg] = ...

            return result

    return {}
