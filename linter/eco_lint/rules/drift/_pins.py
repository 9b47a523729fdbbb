"""Pins of actions and hook revisions in the template's YAML files: a
project may move them past the render's, and a merge never moves them back.
"""

from __future__ import annotations

import re
import typing as t

from packaging.version import InvalidVersion
from packaging.version import Version

PIN = re.compile(
    r"(?P<head>(?:rev|uses):\s*)(?P<pin>['\"]?(?P<ref>[^\s'\"#]+)['\"]?"
    r"(?:[ \t]*#\s*(?:frozen:\s*)?(?P<comment>\S+))?)"
)


def version_of(text: str) -> Version | None:
    try:
        return Version(text.lstrip("v"))
    except InvalidVersion:
        return None


def same_line(render: str, project: str) -> bool:
    """The same line, or the same pin at the render's version or newer."""
    render, project = render.rstrip(), project.rstrip()

    if render == project:
        return True

    theirs, mine = PIN.search(render), PIN.search(project)

    if theirs is None or mine is None:
        return False

    if render[: theirs.start("pin")] != project[: mine.start("pin")]:
        return False

    old, new = _version(theirs), _version(mine)
    return (
        _key(theirs) == _key(mine)
        and old is not None
        and new is not None
        and new >= old
    )


def _key(match: re.Match[str]) -> str:
    return match.group("ref").partition("@")[0]


def _version(match: re.Match[str]) -> Version | None:
    return version_of(match.group("comment") or match.group("ref"))


def _pin_lines(lines: list[str]) -> t.Iterator[tuple[int, re.Match[str], str, t.Any]]:
    """Each pin in the lines: its line index, the match, the action or hook
    repository it pins, and its version (``None`` when it has none).
    """
    current_repo = None

    for index, line in enumerate(lines):
        repo_match = re.match(r"\s*+-?\s*+repo:\s*+['\"]?(\S+?)['\"]?\s*$", line)

        if repo_match:
            current_repo = repo_match.group(1)
            continue

        match = PIN.search(line)

        if match is None:
            continue

        ref = match.group("ref")
        key = ref.split("@")[0] if "@" in ref else current_repo

        if key is not None:
            comment = match.group("comment") or ref.rpartition("@")[2]
            yield index, match, key, version_of(comment)


def _pins(text: str) -> dict[str, tuple[t.Any, str]]:
    """For each action or hook repository, its newest version and the
    text of that pin (``rev: ...`` or ``uses: ...``).
    """
    found: dict[str, tuple[t.Any, str]] = {}

    for _, match, key, version in _pin_lines(text.splitlines()):
        if version is not None and (key not in found or version > found[key][0]):
            found[key] = (version, match.group("pin"))

    return found


def keep_newer_pins(merged: str, project: str) -> str:
    """Put back each pin the project has at a newer version than the
    merged text: a fix never moves a pin or a hook revision backwards.
    """
    theirs = _pins(project)
    lines = merged.split("\n")

    for index, match, key, version in _pin_lines(lines):
        if key in theirs and version is not None and theirs[key][0] > version:
            lines[index] = lines[index][: match.start("pin")] + theirs[key][1]

    return "\n".join(lines)
