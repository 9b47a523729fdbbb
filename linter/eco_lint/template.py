"""Where the Copier template lives, and which version of it is carried."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

from packaging.version import Version

from .errors import TemplateNotFound

#: Files and folders that make up the template, relative to its root.
TEMPLATE_PARTS = ("copier.yml", "includes", "template")

#: The repository that publishes the template and the eco-lint hook.
SOURCE_URL = "https://github.com/pallets-eco/eco-lint"

#: How Copier names it in answers files.
PUBLIC_SOURCE = "gh:pallets-eco/eco-lint"


def template_root() -> Path:
    """Return the folder that holds ``copier.yml``, ``template/`` and
    ``includes/``.

    An installed wheel carries them inside the package; a checkout of this
    repository has them at its root.
    """
    here = Path(__file__).resolve().parent
    candidates = (here / "_template", here.parents[1])

    for root in candidates:
        if all((root / part).exists() for part in TEMPLATE_PARTS):
            return root

    raise TemplateNotFound(
        f"The template was not found in {candidates[0]} or {candidates[1]}."
    )


def template_version() -> str:
    """Return the version of the template this eco-lint carries, which is
    the version of eco-lint itself, normalized as a git tag would carry it.
    """
    return str(Version(importlib.metadata.version("eco-lint")))
