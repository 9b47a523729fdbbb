"""REL002: the README follows the Pallets skeleton."""

from __future__ import annotations

import dataclasses
import functools
import re

from ...edits import Edit
from ...edits import FixConflict
from ...edits import keep_newlines
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Docs
from ._markdown import first_text
from ._markdown import has_code
from ._markdown import headings
from ._markdown import sections
from ._render import rendered

PATH = "README.md"
_BADGE_URL = (
    r"https?://[^\s)\]\"'>]*(?:shields\.io|badge\.fury\.io|badgen\.net"
    r"|/badges?(?:[/.?]|$))[^\s)\]\"'>]*"
)
#: A badge's address, which may end a line: read in LF text, where the
#: check finds each one and the fix finds those of the lines it removes.
_BADGE = re.compile(_BADGE_URL, re.I | re.M)
#: A line of only badges: images, each maybe in a link.
_BADGE_LINE = re.compile(r"\s*+(?:\[?!\[[^\]]*+\]\([^)]*+\)(?:\]\([^)]*+\))?\s*+)+")
#: A GitHub callout's marker, such as ``> [!IMPORTANT]``.
_CALLOUT = re.compile(r">\s*\[![A-Z]+\]")


class REL002(Docs):
    """README follows the Pallets skeleton

    ## What it does
    Checks that `README.md` has an H1 title as its first heading, the
    template's fixed sections for the organization (in `pallets`: `## Donate`
    and `## Contributing`; in `pallets-eco`: `## Pallets Community
    Ecosystem` with its `[!IMPORTANT]` callout), and no badge images
    (shields.io, badge.fury.io, CI or coverage badges).

    ## Why
    The README is the PyPI page. The fixed sections point readers to
    donations, the shared contributing guide, or the ecosystem's Discord.
    Badges go stale, and PyPI already shows versions and the licence.

    ## Example
    A README that starts with `![CI](https://github.com/o/r/actions/workflows/tests.yaml/badge.svg)`
    and has no `## Pallets Community Ecosystem` section.

    Use instead: the template's `README.md` skeleton, with the project's
    own introduction and example.

    ## Fix
    Make the first heading the template's `#` title, add the template's
    missing fixed sections (or their heading over text that lost it, or
    their callout), and delete the lines that hold only badges. Unsafe: the
    README is project-owned. A badge inside a paragraph is left as it is.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        text = repo.text(PATH)

        if text is None:
            return Skip("no README.md; LAY005 reports it")

        # The fix reads the render, which the check does not need when
        # the title fails.
        fix = functools.partial(_fix, text, std)
        title = _title_failure(text)

        if title is not None:
            return dataclasses.replace(title, fix=fix)

        template = std.text(PATH) or ""
        failed = [*_section_failures(repo, text, template), *_badges(text)]

        if failed:
            failed[0] = dataclasses.replace(failed[0], fix=fix)

        return failed


def _title_failure(text: str) -> Fail | None:
    """Where the first heading is not a ``#`` title."""
    found = headings(text)

    if found and found[0].level == 1:
        return None

    if not found:
        return Fail("has no # title", PATH)

    first = f"{'#' * found[0].level} {found[0].text}"
    return Fail(
        f"the first heading is {first!r}, not a # title", PATH, found[0].index + 1
    )


def _section_failures(repo: Repo, text: str, template: str) -> list[Fail]:
    """The template's fixed sections the README lacks, or whose callout
    it lacks.
    """
    found = {name.lower(): body for name, body in sections(text).items()}
    failed: list[Fail] = []

    for name, body in sections(template).items():
        if has_code(body):
            continue

        if name.lower() not in found:
            failed.append(Fail(f"has no ## {name} section", PATH))
            continue

        callout = _CALLOUT.match(first_text(body))

        if callout and not first_text(found[name.lower()]).startswith(callout.group(0)):
            kind = callout.group(0)[1:].strip()
            failed.append(
                Fail(
                    f"the {name} section has no {kind} callout",
                    PATH,
                    repo.line_of(PATH, rf"^ {{0,3}}##\s+{re.escape(name)}"),
                )
            )

    return failed


def _badges(text: str) -> list[Fail]:
    """Each badge's address, where it is: in the text with LF line ends, as
    the fix reads it (a CRLF line's ``\r`` would hide an address at its
    end).
    """
    text = text.replace("\r\n", "\n")
    return [
        Fail(
            f"has a badge {badge.group(0)}",
            PATH,
            text.count("\n", 0, badge.start()) + 1,
            badge.start() - text.rfind("\n", 0, badge.start()),
        )
        for badge in _BADGE.finditer(text)
    ]


def _fix(text: str, std: Standard) -> Fix | None:
    """Rewrite the README with the template's skeleton, where that
    changes it: a badge inside a paragraph is left as it is.
    """
    template = std.text(PATH)

    if template is None or _new_readme(text, template) == text:
        return None

    return Fix(
        "Add the template's README sections and remove the badges",
        "unsafe",
        (_Readme(PATH),),
    )


@dataclasses.dataclass(frozen=True)
class _Readme(Edit):
    path: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        template = rendered(repo, self.path)

        if text is None or template is None:
            raise FixConflict(f"{self.path} or the template's is missing")

        return keep_newlines(text, lambda source: _new_readme(source, template))


def _new_readme(text: str, template: str) -> str:
    """The README with the template's title level, fixed sections and
    callouts, and without lines of badges.
    """
    lines = _without_badges(_with_title(text, template))
    std_sections = sections(template)
    names = list(std_sections)

    for name, body in std_sections.items():
        if not has_code(body):
            lines = _fix_section(lines, name, body, names)

    return "\n".join(lines)


def _with_title(text: str, template: str) -> list[str]:
    """The README's lines with the template's ``#`` title first."""
    lines = text.split("\n")
    found = headings(text)
    title = next((h for h in headings(template) if h.level == 1), None)

    if title and (not found or found[0].level != 1):
        if found and found[0].text == title.text:
            lines[found[0].index] = f"# {title.text}"
        else:
            lines[:0] = [f"# {title.text}", ""]

    return lines


def _without_badges(lines: list[str]) -> list[str]:
    """The lines without those of only badges; a removed badge line takes
    the blank line under it along.
    """
    kept: list[str] = []
    blank = False

    for line in lines:
        if _BADGE_LINE.fullmatch(line) and _BADGE.search(line):
            blank = not kept or not kept[-1].strip()
        elif not (blank and not line.strip()):
            kept.append(line)
            blank = False
        else:
            blank = False

    return kept


def _fix_section(
    lines: list[str], name: str, body: list[str], order: list[str]
) -> list[str]:
    """The lines with the template's section ``name``: its callout where
    the section lacks it, its heading where it was renamed or removed, or
    the whole section where it is missing.
    """
    text = "\n".join(lines)
    found = {n.lower(): n for n in sections(text)}
    heads = {h.text.lower(): h.index for h in headings(text) if h.level == 2}

    if name.lower() in found:
        own = sections(text)[found[name.lower()]]
        callout = _CALLOUT.match(first_text(body))

        if callout and not first_text(own).startswith(callout.group(0)):
            start = heads[name.lower()] + 1
            return [*lines[:start], *body, *lines[start + len(own) :]]

        return lines

    # A section renamed: the same first line under another heading.
    for other, own in sections(text).items():
        if first_text(own) == first_text(body):
            lines[heads[other.lower()]] = f"## {name}"
            return lines

    return _add_heading(lines, text, name, body) or _add_section(
        lines, name, body, order[order.index(name) + 1 :], heads
    )


def _add_heading(
    lines: list[str], text: str, name: str, body: list[str]
) -> list[str] | None:
    """The lines with the heading of a section whose text is there
    without it, or ``None`` if the text is not.
    """
    block = "\n".join(body).strip("\n")

    if not block or block not in text:
        return None

    start = text[: text.index(block)].count("\n")
    above = lines[:start]

    # The blank lines the removed heading left behind close up.
    while len(above) > 1 and not above[-1].strip() and not above[-2].strip():
        above.pop()

    return [*above, f"## {name}", "", *lines[start:]]


def _add_section(
    lines: list[str],
    name: str,
    body: list[str],
    later: list[str],
    heads: dict[str, int],
) -> list[str]:
    """The lines with the section added before the next of the template's
    sections the README has, else last.
    """
    at = next((heads[n.lower()] for n in later if n.lower() in heads), None)
    section = [f"## {name}", *body]

    while section[-1:] == [""]:
        section.pop()

    if at is None:
        while lines and not lines[-1].strip():
            lines.pop()

        return [*lines, "", *section, ""]

    return [*lines[:at], *section, "", *lines[at:]]
