"""Edits of whole files and of plain text."""

from __future__ import annotations

import dataclasses
import typing as t

from ..standard import standard_for
from . import Edit
from . import FixConflict
from . import keep_newlines

if t.TYPE_CHECKING:
    from ..repo import Repo

# Whole files -----------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class WriteFile(Edit):
    """Create or replace a file. ``text=None`` takes the template's render."""

    path: str
    text: str | None = None

    def apply(self, text: str | None, repo: Repo) -> str | None:
        new = self.text if self.text is not None else standard_for(repo).text(self.path)

        if new is None:
            raise FixConflict(f"the template has no {self.path}")

        return new


@dataclasses.dataclass(frozen=True)
class DeleteFile(Edit):
    path: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        return None


@dataclasses.dataclass(frozen=True)
class MoveFile(Edit):
    """Rename a file. Applied as a deletion here and a creation at
    ``target`` by :func:`plan`.
    """

    path: str
    target: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        return None


@dataclasses.dataclass(frozen=True)
class TextReplace(Edit):
    """Replace exact text that must be there."""

    path: str
    old: str
    new: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None or self.old not in text:
            raise FixConflict(f"{self.path} no longer has the text to replace")

        return text.replace(self.old, self.new, 1)


@dataclasses.dataclass(frozen=True)
class EditLines(Edit):
    """Add lines that are missing, at the end, and remove lines, comparing
    lines without their surrounding spaces.
    """

    path: str
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()

    def apply(self, text: str | None, repo: Repo) -> str | None:
        def change(source: str) -> str:
            lines = [
                line for line in source.splitlines() if line.strip() not in self.remove
            ]
            present = {line.strip() for line in lines}
            lines += [line for line in self.add if line.strip() not in present]
            return "\n".join(lines) + "\n" if lines else ""

        return keep_newlines(text or "", change)
