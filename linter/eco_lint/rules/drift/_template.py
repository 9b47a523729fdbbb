"""Which files of the render the template keeps owning, and the template
version a project records.
"""

from __future__ import annotations

import fnmatch
import functools

from packaging.version import InvalidVersion
from packaging.version import Version

from ...registry import Skip
from ...repo import load_yaml
from ...repo import Repo
from ...standard import Standard
from ...template import template_root
from ...template import template_version


@functools.cache
def user_owned_patterns() -> tuple[str, ...]:
    """The template's ``_skip_if_exists`` patterns: files that belong to the
    project after the first copy.
    """
    settings = load_yaml((template_root() / "copier.yml").read_text())
    return tuple(settings.get("_skip_if_exists", ()))


def is_user_owned(path: str) -> bool:
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in user_owned_patterns())


def template_owned(std: Standard) -> list[str]:
    """Files of the render that the template keeps owning: everything but
    the user-owned files and ``pyproject.toml``, whose tables are shared.
    """
    return [
        name
        for name in std.files()
        if not is_user_owned(name) and name != "pyproject.toml"
    ]


def recorded_version(repo: Repo) -> Version | None:
    """The template version the answers file records, if it is one."""
    try:
        return Version(str(repo.answers.get("_commit", "")).lstrip("v"))
    except InvalidVersion:
        return None


def other_version(repo: Repo) -> Skip | None:
    """A skip when the project records another template version than the
    one eco-lint carries, whose render it cannot be compared with.
    """
    recorded, carried = recorded_version(repo), Version(template_version())

    if recorded != carried:
        return Skip(f"records template version {recorded}; eco-lint carries {carried}")

    return None
