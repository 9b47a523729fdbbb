"""Edits of INI files (``setup.cfg``, ``tox.ini``, ``.flake8``), as text:
configparser cannot write a file back with its comments and layout.
"""

from __future__ import annotations

import dataclasses
import re
import typing as t

from . import Edit
from . import FixConflict
from . import keep_newlines

if t.TYPE_CHECKING:
    from ..repo import Repo

#: A section header, as configparser reads one at the start of a line; the
#: name is stripped after.
HEADER = re.compile(r"\[([^\]]+)\]")


@dataclasses.dataclass(frozen=True)
class RemoveSections(Edit):
    """Remove the sections of an INI file whose names fully match a regular
    expression, each from its header to the next header, keeping the rest
    byte for byte; when the file's last section goes, the file ends at the
    kept text's last line. The file is deleted when nothing but comments
    and blank lines is left.

    :param required: The file and at least one such section must be there;
        else the edit does not apply.
    """

    path: str
    pattern: str
    required: bool = False

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            if self.required:
                raise FixConflict(f"{self.path} does not exist")

            return None

        result = keep_newlines(text, self._change)
        meaningful = [
            line
            for line in result.splitlines()
            if line.strip() and not line.lstrip().startswith(("#", ";"))
        ]
        return result if meaningful else None

    def _change(self, source: str) -> str:
        kept: list[str] = []
        skipping = removed = False

        for line in source.splitlines(keepends=True):
            match = HEADER.match(line)

            if match:
                name = match.group(1).strip()
                skipping = re.fullmatch(self.pattern, name) is not None
                removed = removed or skipping

            if not skipping:
                kept.append(line)

        if not removed and self.required:
            raise FixConflict(f"{self.path} has no section matching {self.pattern}")

        if not skipping:
            return "".join(kept)

        # The last section went: end the file at the kept text.
        rest = "".join(kept).rstrip("\n")
        return f"{rest}\n" if rest else ""
