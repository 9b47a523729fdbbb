"""REL001: the changelog starts with the current version."""

from __future__ import annotations

import dataclasses
import functools
import re
import time

from ...edits import Edit
from ...edits import FixConflict
from ...edits import keep_newlines
from ...fix import Fix
from ...registry import Fail
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Docs
from ._paths import changelog

_NUMBER = r"v?([0-9]+(?:\.[0-9]+)+)"
_STATUS = re.compile(r"Unreleased|Released(?:\s.*)?", re.I)
_DATED = re.compile(r"Released [0-9]{4}-[0-9]{2}-[0-9]{2}")


class REL001(Docs):
    """Changelog starts with the current version

    ## What it does
    Checks the top section of `CHANGES.rst` or `CHANGES.md`: its heading is
    `Version X.Y.Z` (underlined with `-` in reStructuredText, `## Version
    X.Y.Z` in Markdown), then a line that says `Unreleased` or `Released
    YYYY-MM-DD`. X.Y.Z must be `[project].version` without `.dev`, and the
    section says `Unreleased` exactly when the version ends in `.dev`.
    Bullet and role style are not checked.

    ## Why
    The release steps remove `.dev` and date the section in the same
    commit, and start the next version's section right after. A changelog
    that disagrees with the version is a release done halfway.

    ## Example
    `version = "2.1.0.dev"` with a changelog that starts at `Version 2.0.0`,
    `Released 2025-05-01`.

    Use instead:
    ```md
    ## Version 2.1.0

    Unreleased
    ```

    ## Fix
    Adjust the top section's heading and status line to the template's
    form for `[project].version`, or insert a section above a released
    one. Unsafe: the changelog is project-owned. When the version is not
    `.dev` and the section has no date, the fix is Display only: the
    release date it shows is today's, and only the maintainer knows it.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        path = changelog(repo)

        if path is None:
            return Skip("no CHANGES.rst or CHANGES.md; LAY006 reports it")

        fail = _failure(repo, path)

        if fail is None:
            return None

        # The fix reads the render, which the check does not need.
        return dataclasses.replace(fail, fix=functools.partial(_fix, repo, std, path))


def _failure(repo: Repo, path: str) -> Fail | None:
    """Where the top section is not the template's form for the version."""
    lines = (repo.text(path) or "").splitlines()
    index = _top(lines, path.endswith(".md"))
    found = _heading(lines, index, path)

    if isinstance(found, Fail):
        return found

    number, body = found

    while body < len(lines) and not lines[body].strip():
        body += 1

    status = lines[body].strip() if body < len(lines) else ""

    if not re.fullmatch(r"Unreleased|Released [0-9]{4}-[0-9]{2}-[0-9]{2}", status):
        return Fail(
            f"version {number} is followed by {status!r}, not Unreleased"
            " or Released YYYY-MM-DD",
            path,
            body + 1,
        )

    version = repo.project.get("version")

    if not isinstance(version, str):
        return None

    release = re.sub(r"\.dev[0-9]*$", "", version)

    if number != release:
        message = f"the top section is {number}, [project].version is {version}"
        return Fail(message, path, index + 1)

    if (status == "Unreleased") != (release != version):
        message = f"version {number} says {status!r}, [project].version is {version}"
        return Fail(message, path, body + 1)

    return None


def _heading(lines: list[str], index: int, path: str) -> tuple[str, int] | Fail:
    """The version the heading at ``index`` names and the index of the
    line after it, or why it is not a ``Version X.Y.Z`` heading.
    """
    title = lines[index] if index < len(lines) else ""
    number = r"([0-9]+\.[0-9]+\.[0-9]+)"

    if path.endswith(".md"):
        match = re.fullmatch(rf"## Version {number}\s*", title)
        body = index + 1
    else:
        match = re.fullmatch(rf"Version {number}\s*", title)
        underline = lines[index + 1] if index + 1 < len(lines) else ""

        if match and not re.fullmatch(rf"-{{{len(title.rstrip())},}}\s*", underline):
            return Fail(f"{title.strip()!r} is not underlined with -", path, index + 2)

        body = index + 2

    if not match:
        return Fail(
            f"starts with {title.strip()!r}, not a Version X.Y.Z heading",
            path,
            index + 1,
        )

    return match.group(1), body


def _fix(repo: Repo, std: Standard, path: str) -> Fix | None:
    """Start the changelog with the template's section for the version."""
    version = repo.project.get("version")
    text = repo.text(path)
    template = std.text(path)

    if text is None or template is None or not isinstance(version, str):
        return None

    new = _new_top(text, path.endswith(".md"), template, version)

    if new is None or new[0] == text:
        return None

    # A released version's date is the day of its release, which only
    # the maintainer knows; today's is shown as a suggestion.
    number = re.sub(r"\.dev[0-9]*$", "", version)
    return Fix(
        f"Start the changelog with the section for {number}",
        "display" if new[1] else "unsafe",
        (_ChangesTop(path, version, template),),
    )


@dataclasses.dataclass(frozen=True)
class _ChangesTop(Edit):
    """Make the changelog's top section the template's for the version."""

    path: str
    version: str
    #: The template's changelog.
    template: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} or the template's is missing")

        def change(source: str) -> str:
            markdown = self.path.endswith(".md")
            new = _new_top(source, markdown, self.template, self.version)
            return source if new is None else new[0]

        return keep_newlines(text, change)


# The changelog's top section -------------------------------------------------


def _top(lines: list[str], markdown: bool) -> int:
    """The index of the first line after blank lines and, in
    reStructuredText, directives.
    """
    index = 0

    while index < len(lines) and (
        not lines[index].strip() or (not markdown and lines[index].startswith(".."))
    ):
        index += 1

    return index


def _version_heading(
    lines: list[str], index: int, markdown: bool
) -> tuple[str, int] | None:
    """A heading that names a version at ``index``, in any form: the
    number and the index of its last line.
    """
    line = lines[index] if index < len(lines) else ""

    if markdown:
        match = re.fullmatch(
            rf"#{{1,6}}\s*(?:Version\s+)?{_NUMBER}\b.*", line.strip(), re.I
        )
        return (match.group(1), index) if match else None

    match = re.fullmatch(rf"(?:Version\s+)?{_NUMBER}\s*", line.strip(), re.I)
    underline = lines[index + 1] if index + 1 < len(lines) else ""

    if match and re.fullmatch(r"([-=~^\"'`#*+])\1+\s*", underline):
        return match.group(1), index + 1

    return None


def _numbers(text: str) -> tuple[tuple[int, str], ...]:
    """A version number's parts in numeric order, compared as digits: a
    part longer than :func:`int` converts stays comparable.
    """
    parts = (p.lstrip("0") for p in text.split("."))
    return tuple((len(p), p) for p in parts)


def _std_heading(template: str, markdown: bool, release: str) -> list[str] | None:
    """The template's top heading's lines, for ``release``; ``None`` if
    the template has none or ``release`` is not a version number.
    """
    std = template.split("\n")
    std_top = _top(std, markdown)
    std_head = _version_heading(std, std_top, markdown)

    if std_head is None or not re.fullmatch(r"[0-9]++(\.[0-9]++)+", release):
        return None

    heading = [
        re.sub(re.escape(std_head[0]), release, line)
        for line in std[std_top : std_head[1] + 1]
    ]

    if not markdown:
        # The underline as long as the heading.
        heading[-1] = heading[-1][0] * len(heading[0])

    return heading


@dataclasses.dataclass(frozen=True)
class _Section:
    """The changelog's top section, as :func:`_new_top` reads it."""

    #: The index of its heading's first line.
    index: int
    #: The version its heading names.
    number: str
    #: The index of its heading's last line.
    last: int
    #: The index of the first line under the heading that is not blank.
    body: int
    #: That line, stripped, when it is a status (``Unreleased``,
    #: ``Released ...``).
    status: str | None

    @property
    def released(self) -> bool:
        return self.status is not None and self.status.lower().startswith("released")


def _section(lines: list[str], markdown: bool) -> _Section | None:
    """The top section, or ``None`` if the changelog starts with no
    version heading.
    """
    index = _top(lines, markdown)
    found = _version_heading(lines, index, markdown)

    if found is None:
        return None

    number, last = found
    body = next(
        (i for i in range(last + 1, len(lines)) if lines[i].strip()), len(lines)
    )
    line = lines[body].strip() if body < len(lines) else ""
    status = line if body < len(lines) and _STATUS.fullmatch(line) else None
    return _Section(index, number, last, body, status)


def _new_top(
    text: str, markdown: bool, template: str, version: str
) -> tuple[str, bool] | None:
    """The changelog with its top section's heading and status made the
    template's, for ``version`` (``[project].version``, which the template
    may have been rendered for a different value of), and whether a release
    date was guessed; ``None`` if it cannot be told.
    """
    release = re.sub(r"\.dev[0-9]*$", "", version)
    dev = release != version
    heading = _std_heading(template, markdown, release)

    if heading is None:
        return None

    status = "Unreleased" if dev else time.strftime("Released %Y-%m-%d")
    lines = text.split("\n")
    top = _section(lines, markdown)

    if top is None:
        return None

    if top.number != release and top.released:
        if _numbers(top.number) > _numbers(release):
            return None

        # The top section is a release: the new version's goes above it.
        gap = _gap(lines, markdown)
        index = top.index
        new = [*lines[:index], *heading, "", status, *[""] * gap, *lines[index:]]
        return "\n".join(new), not dev

    if not dev and top.status is not None and _DATED.fullmatch(top.status):
        status = top.status

    guessed = not dev and status != top.status

    if top.status is not None:
        new = [
            *lines[: top.index],
            *heading,
            *lines[top.last + 1 : top.body],
            status,
            *lines[top.body + 1 :],
        ]
    else:
        new = [*lines[: top.index], *heading, "", status, *lines[top.last + 1 :]]

    return "\n".join(new), guessed


def _gap(lines: list[str], markdown: bool) -> int:
    """The blank lines between two sections, as the file has them."""
    index = _top(lines, markdown)
    first = _version_heading(lines, index, markdown)
    start = first[1] + 1 if first else index

    for i in range(start, len(lines)):
        if lines[i].strip() and _version_heading(lines, i, markdown):
            blank = 0

            while i - blank - 1 >= 0 and not lines[i - blank - 1].strip():
                blank += 1

            return max(blank, 1)

    return 1 if markdown else 2
