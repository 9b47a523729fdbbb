"""The template's render, as an edit reads it when it is applied."""

from __future__ import annotations

import typing as t

from ...repo import Repo
from ...standard import standard_for


def rendered(repo: Repo, path: str) -> str | None:
    """The template's render of ``path`` for the repository, ``None`` when
    the template has no such file.

    An edit is applied with the repository only. Reading the render here,
    and not when the rule checks, counts the files its answers are
    inferred from as read by the fix: when one cannot be read, the fix is
    refused and the check still reports what it found.
    """
    return standard_for(repo).text(path)


def rendered_toml(repo: Repo, path: str) -> dict[str, t.Any]:
    """The template's render of a TOML file for the repository, parsed;
    empty when the template has none.
    """
    return standard_for(repo).toml(path)
