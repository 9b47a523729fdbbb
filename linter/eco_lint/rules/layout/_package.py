"""Where the import package of the project is."""

from __future__ import annotations

from ...answers import inferred
from ...repo import Repo


def import_name(repo: Repo) -> str | None:
    """The project's import name, as inferred from its files."""
    name = inferred(repo).get("import_name")
    return name if isinstance(name, str) else None
