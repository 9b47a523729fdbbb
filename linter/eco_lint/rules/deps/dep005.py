"""DEP005: no requirements files."""

from __future__ import annotations

import dataclasses
import re

from packaging.utils import canonicalize_name

from ...edits import Edit
from ...edits.text import DeleteFile
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Dependencies
from ._groups import MergeGroups
from ._groups import names
from ._groups import parse
from ._groups import PYPROJECT
from ._pip import COMPILED
from ._pip import compiled
from ._pip import file_groups

_REQUIREMENTS = re.compile(
    r"(?:[^/]*[-_.])?requirements(?:[-_.][^/]*)?\.(?:txt|in|lock)|"
    r"Pipfile(?:\.lock)?|poetry\.lock|pdm\.lock",
    re.I,
)
_FOLDERS = ("requirements", "requirements-skip")


class DEP005(Dependencies):
    """No requirements files

    ## What it does
    Checks for `requirements/` and `requirements-skip/` folders, and for
    requirements files, pip-compile output and other tools' lock files
    (`Pipfile`, `poetry.lock`, `pdm.lock`) outside `examples/` and
    `tests/`.

    ## Why
    `[dependency-groups]` and `uv.lock` replaced the pip-compile(-multi)
    requirements files in 2025. Files left behind go stale, and the dev
    container, docs or contributors that still read them install the
    wrong versions.

    ## Example
    `requirements/dev.in` and `requirements/dev.txt`, or a
    `docs/requirements.txt` for Read the Docs.

    Use instead: a dependency group in `pyproject.toml` for each `.in`
    file, locked in `uv.lock`.

    ## Fix
    Make each `.in` file (or hand-written requirements file) a group of
    its name, `requirements/dev.in` the `dev` group, with the files it
    includes (`-r`) read in place and pip-compile-multi and pip-tools left
    out; then delete every file the rule found. Compiled pins and the pins
    of min and dev envs are dropped: the lock and the `tests-min` env
    replace them. Unsafe: it deletes files. Run `uv lock` afterwards. No
    fix when a file has index options or bare URLs.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        flagged, files = _scan(repo)
        # git keeps no empty folder, so one left empty does not count.
        folders = [
            Fail(f"{folder}/ folder", folder)
            for folder in _FOLDERS
            if any(name.startswith(f"{folder}/") for name in flagged)
        ]
        found = [*folders, *files]

        if not found:
            return None

        # Worked out when fixes are made: it reads Pipfile, pyproject.toml
        # and the requirements the files include, which the verdict does
        # not need.
        return [
            dataclasses.replace(found[0], fix=lambda: _moved(repo, flagged)),
            *found[1:],
        ]


def _scan(repo: Repo) -> tuple[list[str], list[Fail]]:
    """Every file the rule finds, in the requirements folders or not, and
    a finding for each of those outside the folders.
    """
    flagged: list[str] = []
    files: list[Fail] = []

    for name in repo.files:
        base = name.rpartition("/")[2]

        if name.startswith(tuple(f"{folder}/" for folder in _FOLDERS)):
            flagged.append(name)
        elif name.startswith(("examples/", "tests/")):
            continue
        elif _REQUIREMENTS.fullmatch(base):
            flagged.append(name)
            files.append(Fail(f"requirements file {name}", name))
        elif base.endswith((".txt", ".in")) and compiled(repo, name):
            flagged.append(name)
            line = repo.line_of(name, COMPILED.pattern)
            files.append(Fail(f"pip-compile output {name}", name, line))

    return flagged, files


def _moved(repo: Repo, flagged: list[str]) -> Fix | None:
    """The files' requirements moved into dependency groups and the files
    deleted, or ``None`` when a file's requirements cannot be told.
    """
    groups: dict[str, list[str]] = {}

    for path in flagged:
        found = file_groups(repo, path)

        if found is None:
            return None

        for name, entries in found.items():
            _extend(groups.setdefault(name, []), entries)

    edits: list[Edit] = [DeleteFile(path) for path in flagged]

    if any(groups.values()):
        add = tuple((n, tuple(e)) for n, e in groups.items() if e)
        edits.insert(0, MergeGroups(PYPROJECT, add, replace=False))

    title = "Move the requirements files into dependency groups"
    return Fix(title, "unsafe", tuple(edits))


def _extend(group: list[str], entries: list[str]) -> None:
    """Add to a group the entries for projects it does not name yet."""
    known = names(group)

    for entry in entries:
        req = parse(entry)

        if req is not None and canonicalize_name(req.name) not in known:
            group.append(entry)
            known.add(canonicalize_name(req.name))
