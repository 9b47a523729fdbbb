"""META004: the standard maintainers and project URLs."""

from __future__ import annotations

import dataclasses
import re
import typing as t

from ...edits import Edit
from ...edits.tables import TableUpdate
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Metadata
from .._edits import carrying
from .._project import no_project
from .._project import project_line
from .._pyproject import PYPROJECT
from .._pyproject import standard_table
from .._pyproject import table_line

#: Labels of ``[project.urls]`` that the standard replaced, normalized as
#: PEP 753 does: lowercase, without punctuation or spaces.
_LEGACY_URLS = {
    "sourcecode": "Source",
    "issuetracker": "Source",
    "twitter": "Chat",
    "homepage": "Documentation or Source",
    "home": "Documentation or Source",
}


def _url_label(label: str) -> str:
    return re.sub(r"[\W_]+", "", label).lower()


class META004(Metadata):
    """Maintainers and project URLs are the standard ones

    ## What it does
    Checks that `maintainers` (or, without it, `authors`) has an entry with
    a name and an email, and that `[project.urls]` has `Documentation`,
    `Changes`, `Source` and `Chat`, with no legacy label such as
    `Source Code`, `Issue Tracker`, `Twitter` or `Homepage`. `Donate` is
    optional.

    ## Why
    PyPI shows these labels in the sidebar of every Pallets project in the
    same order, and the contact email reaches the maintainers. The legacy
    labels point at accounts and pages that are gone or duplicated.

    ## Example
    ```toml
    authors = [{name = "Pallets"}]

    [project.urls]
    "Source Code" = "https://github.com/pallets-eco/flask-foo/"
    Twitter = "https://twitter.com/PalletsTeam"
    ```

    Use instead: `maintainers = [{name = "Pallets Ecosystem", email =
    "contact@palletsprojects.com"}]` and the template's `[project.urls]`.

    ## Fix
    Puts the template's maintainer first in `maintainers` when no entry has
    an email, removes the legacy URL labels, and adds the template's
    missing labels; a label spelled differently keeps its URL, and other
    labels stay. Unsafe: it replaces metadata values.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if skip := no_project(repo):
            return skip

        found = _Found.of(repo, std)
        failed: list[Fail] = []

        if not found.has_maintainer:
            key = "maintainers" if "maintainers" in repo.project else "authors"
            failed.append(
                Fail(
                    "no maintainer with a name and an email",
                    PYPROJECT,
                    project_line(repo, key),
                )
            )

        failed += _url_failures(repo, found)

        return carrying(failed, lambda: _fix(repo, found))


def _fix(repo: Repo, found: _Found) -> Fix | None:
    """Write the template's maintainer and URLs."""
    edits = [*_maintainer_edits(repo, found), *_url_edits(found)]

    if not edits:
        return None

    return Fix("Write the standard maintainers and URLs", "unsafe", tuple(edits))


@dataclasses.dataclass(frozen=True)
class _Found:
    """The people and URLs of ``[project]``, and the template's."""

    has_maintainer: bool
    urls: dict[str, t.Any]
    expected: dict[str, t.Any]

    @classmethod
    def of(cls, repo: Repo, std: Standard) -> _Found:
        expected = standard_table(std, "project")
        people = repo.project.get("maintainers") or repo.project.get("authors")
        urls = repo.project.get("urls")
        return cls(
            has_maintainer=_has_maintainer(
                expected, people if isinstance(people, list) else []
            ),
            urls=urls if isinstance(urls, dict) else {},
            expected=expected,
        )


def _has_maintainer(expected: dict[str, t.Any], people: list[t.Any]) -> bool:
    """Whether an entry has a name, and an email when the template's
    maintainer has one: a project outside the Pallets organizations may
    name its maintainers without a contact address.
    """
    keys = ("name", "email") if "email" in expected["maintainers"][0] else ("name",)
    return any(isinstance(p, dict) and all(p.get(k) for k in keys) for p in people)


def _url_failures(repo: Repo, found: _Found) -> list[Fail]:
    """The legacy labels, and the template's labels that are missing."""
    failed: list[Fail] = []
    line = table_line(repo, PYPROJECT, "project.urls") or project_line(repo, "urls")

    for label in found.urls:
        replacement = _LEGACY_URLS.get(_url_label(label))

        if replacement is not None:
            failed.append(
                Fail(
                    f"legacy URL label {label!r}; use {replacement}",
                    PYPROJECT,
                    table_line(repo, PYPROJECT, "project.urls", label) or line,
                )
            )

    missing = [
        label
        for label in found.expected["urls"]
        if label != "Donate" and label not in found.urls
    ]

    if missing:
        message = f"[project.urls] lacks {', '.join(missing)}"
        failed.append(Fail(message, PYPROJECT, line))

    return failed


def _maintainer_edits(repo: Repo, found: _Found) -> list[Edit]:
    """Put the template's maintainer first, when no entry is one."""
    if found.has_maintainer:
        return []

    listed = repo.project.get("maintainers")
    listed = listed if isinstance(listed, list) else []
    first = found.expected["maintainers"][0]
    others = [
        p for p in listed if isinstance(p, dict) and p.get("name") != first.get("name")
    ]
    return [
        TableUpdate(
            PYPROJECT,
            ("project",),
            values=(("maintainers", [first, *others]),),
            after=(("maintainers", "license-files"),),
        )
    ]


def _url_edits(found: _Found) -> list[Edit]:
    """Drop the legacy labels, and add the template's missing labels: a
    label spelled differently keeps its URL and its place.
    """
    urls = found.urls
    remove = [label for label in urls if _url_label(label) in _LEGACY_URLS]
    values: dict[str, str] = {}
    after: dict[str, str] = {}
    order = list(found.expected["urls"])

    for index, label in enumerate(order):
        if label in urls:
            continue

        same = [
            other
            for other in urls
            if _url_label(other) == _url_label(label) and other != label
        ]
        legacy = [o for o in urls if _LEGACY_URLS.get(_url_label(o)) == label]
        before = [o for o in order[:index] if o in urls or o in values]
        values[label] = urls[same[0]] if same else found.expected["urls"][label]
        # In the place of the label it replaces, else after the one
        # before it in the template's order.
        after[label] = (same or legacy or before[-1:] or [""])[0]
        remove.extend(same)

    if not (values or remove):
        return []

    return [
        TableUpdate(
            PYPROJECT,
            ("project", "urls"),
            values=tuple(values.items()),
            remove=tuple(remove),
            after=tuple(after.items()),
        )
    ]
