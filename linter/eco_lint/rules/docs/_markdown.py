"""Markdown headings and sections, as the README rule reads them."""

from __future__ import annotations

import dataclasses
import re


@dataclasses.dataclass(frozen=True)
class Heading:
    """An ATX heading."""

    #: 1 for ``#``, up to 6.
    level: int
    #: The heading's text, stripped.
    text: str
    #: The index of its line, from 0.
    index: int


def headings(text: str) -> list[Heading]:
    """ATX headings outside code fences."""
    found: list[Heading] = []
    fence: str | None = None

    for index, line in enumerate(text.splitlines()):
        marker = re.match(r"^ {0,3}(`{3,}|~{3,})", line)

        if marker:
            if fence is None:
                fence = marker.group(1)[0]
            elif marker.group(1)[0] == fence:
                fence = None

            continue

        # The title is stripped after matching: "\s+(.+?)\s*$" backtracks
        # on a long run of spaces.
        match = re.match(r"^ {0,3}(#{1,6})[ \t]++(.*)$", line)

        if fence is None and match and match.group(2).strip():
            found.append(Heading(len(match.group(1)), match.group(2).strip(), index))

    return found


def sections(text: str) -> dict[str, list[str]]:
    """Each H2 heading's body lines, up to the next H1 or H2."""
    lines = text.splitlines()
    heads = [h for h in headings(text) if h.level <= 2]
    result: dict[str, list[str]] = {}

    for position, head in enumerate(heads):
        end = heads[position + 1].index if position + 1 < len(heads) else len(lines)

        if head.level == 2:
            result[head.text] = lines[head.index + 1 : end]

    return result


def first_text(lines: list[str]) -> str:
    """The first line that is not blank, stripped."""
    return next((line.strip() for line in lines if line.strip()), "")


def has_code(lines: list[str]) -> bool:
    """Whether a section holds a code fence: the project's own example,
    not the template's fixed text.
    """
    return any(line.lstrip().startswith("```") for line in lines)
