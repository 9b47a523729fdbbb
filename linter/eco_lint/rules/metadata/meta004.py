"""META004: the standard maintainers and project URLs."""

from __future__ import annotations

import re
import typing as t

from ...edits import Edit
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from ...standard import standard_for
from .._base import Metadata
from .._project import no_project
from .._project import project_line
from .._pyproject import PYPROJECT
from .._pyproject import table_line
from .._tables import TableUpdate

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


def _has_maintainer(repo: Repo, people: list[t.Any]) -> bool:
    """Whether an entry has a name, and an email when the template's
    maintainer has one: a project outside the Pallets organizations may
    name its maintainers without a contact address.
    """
    expected = standard_for(repo).toml(PYPROJECT)["project"]["maintainers"][0]
    keys = ("name", "email") if "email" in expected else ("name",)
    return any(isinstance(p, dict) and all(p.get(k) for k in keys) for p in people)


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

        people = repo.project.get("maintainers") or repo.project.get("authors")
        people = people if isinstance(people, list) else []
        failed: list[Fail] = []

        if not _has_maintainer(repo, people):
            key = "maintainers" if "maintainers" in repo.project else "authors"
            failed.append(
                Fail(
                    "no maintainer with a name and an email",
                    PYPROJECT,
                    project_line(repo, key),
                )
            )

        urls = repo.project.get("urls")
        urls = urls if isinstance(urls, dict) else {}
        line = table_line(repo, PYPROJECT, "project.urls") or project_line(repo, "urls")

        for label in urls:
            replacement = _LEGACY_URLS.get(_url_label(label))

            if replacement is not None:
                failed.append(
                    Fail(
                        f"legacy URL label {label!r}; use {replacement}",
                        PYPROJECT,
                        table_line(repo, PYPROJECT, "project.urls", label) or line,
                    )
                )

        expected = std.toml(PYPROJECT)["project"]["urls"]
        missing = [
            label for label in expected if label != "Donate" and label not in urls
        ]

        if missing:
            message = f"[project.urls] lacks {', '.join(missing)}"
            failed.append(Fail(message, PYPROJECT, line))

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        expected = std.toml(PYPROJECT)["project"]
        edits: list[Edit] = []
        people = repo.project.get("maintainers") or repo.project.get("authors")
        people = people if isinstance(people, list) else []

        if not _has_maintainer(repo, people):
            found = repo.project.get("maintainers")
            found = found if isinstance(found, list) else []
            first = expected["maintainers"][0]
            others = [
                p
                for p in found
                if isinstance(p, dict) and p.get("name") != first.get("name")
            ]
            edits.append(
                TableUpdate(
                    PYPROJECT,
                    ("project",),
                    values=(("maintainers", [first, *others]),),
                    after=(("maintainers", "license-files"),),
                )
            )

        urls = repo.project.get("urls")
        urls = urls if isinstance(urls, dict) else {}
        remove = [label for label in urls if _url_label(label) in _LEGACY_URLS]
        values: dict[str, str] = {}
        after: dict[str, str] = {}
        order = list(expected["urls"])

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
            values[label] = urls[same[0]] if same else expected["urls"][label]
            # In the place of the label it replaces, else after the one
            # before it in the template's order.
            after[label] = (same or legacy or before[-1:] or [""])[0]
            remove.extend(same)

        if values or remove:
            edits.append(
                TableUpdate(
                    PYPROJECT,
                    ("project", "urls"),
                    values=tuple(values.items()),
                    remove=tuple(remove),
                    after=tuple(after.items()),
                )
            )

        if not edits:
            return None

        return Fix("Write the standard maintainers and URLs", "unsafe", tuple(edits))
