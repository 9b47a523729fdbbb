"""Where the Copier template lives, and which version of it is carried."""

from __future__ import annotations

import functools
import os
import re
import sys
from pathlib import Path

from packaging.version import Version

from .digests import sha256
from .errors import TemplateNotFound

#: Files and folders that make up the template, relative to its root.
TEMPLATE_PARTS = ("copier.yml", "includes", "template")

#: The repository that publishes the template and the eco-lint hook.
SOURCE_URL = "https://github.com/pallets-eco/eco-lint"

#: How Copier names it in answers files.
PUBLIC_SOURCE = "gh:pallets-eco/eco-lint"

#: The answers file Copier writes, as ``copier.yml`` names it in
#: ``_answers_file`` (a test checks that they agree).
ANSWERS_FILE = ".copier-answers.yml"


#: A path part the template writes only for a yes:
#: ``{% if question %}name{% endif %}``, with ``.jinja`` after it on a file.
_WRITTEN_IF = re.compile(
    r"\{%-?\s*+if\s++(\w++)\s*+-?%\}([^{}]++)\{%-?\s*+endif\s*+-?%\}"
)


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


@functools.cache
def template_version() -> str:
    """Return the version of the template this eco-lint carries, which is
    the version of eco-lint itself, normalized as a git tag would carry it.
    """
    return str(Version(installed_version()))


def installed_version() -> str:
    """The version in eco-lint's installed metadata, found as
    :mod:`importlib.metadata` finds it (the first ``eco_lint-*.dist-info``
    on :data:`sys.path`) without importing it, which costs a check more
    than the rest of its start-up: it is only the fallback.
    """
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue

        for name in names:
            if name.startswith("eco_lint-") and name.endswith(".dist-info"):
                try:
                    with open(os.path.join(entry, name, "METADATA"), "rb") as f:
                        head = f.read(4096).decode()
                except (OSError, UnicodeDecodeError):
                    break

                for line in head.splitlines():
                    if line.startswith("Version:"):
                        return line.partition(":")[2].strip()

                break

    import importlib.metadata

    return importlib.metadata.version("eco-lint")


@functools.cache
def template_hash() -> str:
    """A hash of the template's files, names and contents, so that a cache
    of renders never outlives a change to the template, even within one
    version (a checkout being edited).
    """
    root = template_root()
    digest = sha256()
    files = sorted(
        path
        for part in TEMPLATE_PARTS
        for path in (
            [root / part] if (root / part).is_file() else (root / part).rglob("*")
        )
        if path.is_file()
    )

    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")

    return digest.hexdigest()


@functools.cache
def written_if(question: str) -> tuple[str, ...]:
    """The files the template writes only when a yes-or-no question is
    answered yes, by their paths in a project: what a project that has one
    of them answered.
    """
    base = template_root() / "template"
    found = []

    for path in sorted(base.rglob("*")):
        parts = [p.removesuffix(".jinja") for p in path.relative_to(base).parts]
        named = [_part(p, question) for p in parts]

        if path.is_file() and named != parts and not any("{" in p for p in named):
            found.append("/".join(named))

    return tuple(found)


def _part(part: str, question: str) -> str:
    """A path part as a yes to ``question`` writes it."""
    match = _WRITTEN_IF.fullmatch(part)
    return match[2] if match and match[1] == question else part
