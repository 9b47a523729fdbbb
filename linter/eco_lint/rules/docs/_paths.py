"""The files the docs rules read."""

from __future__ import annotations

from ...repo import Repo

#: Read the Docs' config, as the template names it.
RTD = ".readthedocs.yaml"
#: Read the Docs' config under its other name.
YML = ".readthedocs.yml"
#: The Sphinx config.
CONF = "docs/conf.py"


def first_file(repo: Repo, *names: str) -> str | None:
    """The first of ``names`` the repository has as a file."""
    return next((name for name in names if repo.is_file(name)), None)


def changelog(repo: Repo) -> str | None:
    """The changelog, ``CHANGES.md`` or ``CHANGES.rst``."""
    return first_file(repo, "CHANGES.md", "CHANGES.rst")
