"""The files of a repository with a planned overlay, parsed once."""

from __future__ import annotations

import ast
import configparser
import functools
import re
import tomllib
import typing as t

from ..parsers import ini_sections
from ..parsers import setup_arguments
from ..safe_yaml import load_yaml

if t.TYPE_CHECKING:
    from ..repo import Repo


class Tree:
    """The files of a repository, with a planned overlay of new texts
    (``None`` deletes a file). Parsed files are cached.

    :param repo: The repository as it is.
    :param overlay: Planned texts by path.
    """

    def __init__(self, repo: Repo, overlay: t.Mapping[str, str | None] = {}) -> None:
        self.repo = repo
        self.overlay = dict(overlay)

    def text(self, name: str) -> str | None:
        if name in self.overlay:
            return self.overlay[name]

        return self.repo.text(name)

    @functools.cached_property
    def files(self) -> tuple[str, ...]:
        found = set(self.repo.files)
        found.difference_update(k for k, v in self.overlay.items() if v is None)
        found.update(k for k, v in self.overlay.items() if v is not None)
        return tuple(sorted(found))

    def glob(self, pattern: str) -> list[str]:
        regex = re.compile(pattern)
        return [name for name in self.files if regex.fullmatch(name)]

    def toml(self, name: str) -> dict[str, t.Any]:
        return _toml(self.text(name))

    def yaml(self, name: str) -> t.Any:
        return _yaml(self.text(name))

    def ini(self, name: str) -> dict[str, dict[str, str]]:
        return _ini(self.text(name))

    @functools.cached_property
    def pyproject(self) -> dict[str, t.Any]:
        return self.toml("pyproject.toml")

    def table(self, *keys: str) -> t.Any:
        value: t.Any = self.pyproject

        for key in keys:
            value = value.get(key, {}) if isinstance(value, dict) else {}

        return value

    @functools.cached_property
    def setup_py(self) -> dict[str, t.Any]:
        return _setup_py(self.text("setup.py"))


# Parsed texts, shared between the trees of one plan: most files are the
# same before and after a fix. Treat them as read-only.


@functools.lru_cache(maxsize=256)
def _toml(text: str | None) -> dict[str, t.Any]:
    try:
        return tomllib.loads(text) if text is not None else {}
    except tomllib.TOMLDecodeError:
        return {}


@functools.lru_cache(maxsize=256)
def _yaml(text: str | None) -> t.Any:
    try:
        return load_yaml(text) if text is not None else None
    except Exception:  # noqa: BLE001 -- any YAML error: no facts from it
        return None


@functools.lru_cache(maxsize=64)
def _ini(text: str | None) -> dict[str, dict[str, str]]:
    if text is None:
        return {}

    try:
        return ini_sections(text, strict=False)
    except configparser.Error:
        return {}


@functools.lru_cache(maxsize=16)
def _setup_py(text: str | None) -> dict[str, t.Any]:
    """Literal keyword arguments of ``setup()``; others are ``...``."""
    if text is None:
        return {}

    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}

    return setup_arguments(tree)
