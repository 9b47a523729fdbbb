"""Edits: changes to one file each, as data. A :class:`~eco_lint.fix.Fix`
holds them; :func:`eco_lint.fix.plan` applies them in memory.

An edit only describes a change until it is applied: each turns the current
text of one file into its new text. The TOML and YAML edits round-trip the
document, so that comments, key order, quoting and line endings of
everything they do not touch stay as they were; tomlkit is imported only in
:mod:`.toml` and ruamel.yaml only in :mod:`.yaml`, and only when an edit is
applied, so that check mode stays light.
"""

from __future__ import annotations

import dataclasses
import typing as t

if t.TYPE_CHECKING:
    from ..repo import Repo


class FixConflict(Exception):
    """An edit does not apply to the file as it now is. The fix it belongs
    to is left out; the others still apply.
    """


@dataclasses.dataclass(frozen=True)
class Template:
    """A value taken from the template's render of the same file, at these
    keys, with its formatting and comments.
    """

    keys: tuple[str | int, ...]


class Edit:
    """A change to one file."""

    path: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        """Return the new text of the file (``None`` to delete it), given
        its current text (``None`` if it does not exist).
        """
        raise NotImplementedError


# Line endings ----------------------------------------------------------


def keep_newlines(text: str, change: t.Callable[[str], str]) -> str:
    """Edit LF text and give it back in the file's own line endings."""
    crlf = "\r\n" in text
    result = change(text.replace("\r\n", "\n"))
    return result.replace("\n", "\r\n") if crlf else result
