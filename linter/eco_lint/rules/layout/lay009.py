"""LAY009: the issue and pull request templates are current."""

from __future__ import annotations

import dataclasses

from ...edits.text import DeleteFile
from ...edits.text import WriteFile
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Layout

PULL_REQUEST = ".github/pull_request_template.md"
CONFIG = ".github/ISSUE_TEMPLATE/config.yml"
LEGACY = (".github/ISSUE_TEMPLATE.md", ".github/PULL_REQUEST_TEMPLATE.md")


class LAY009(Layout):
    """Issue and pull request templates are current

    ## What it does
    Checks for the template's issue forms and pull request template under
    `.github/`, with blank issues disabled, and that no legacy
    `ISSUE_TEMPLATE.md` or `PULL_REQUEST_TEMPLATE.md` remains. The pull
    request template must not point at a `CONTRIBUTING.rst` the repository
    does not have. Each problem is reported. A link for private security
    advisories is not required: Flask keeps one, Werkzeug and Click rely on
    the organization's security policy instead.

    ## Why
    The templates steer questions to Discussions and Discord; a link to a
    removed contributing file leads nowhere.

    ## Example
    `.github/ISSUE_TEMPLATE.md`, or a PR template that says "Ensure each step
    in CONTRIBUTING.rst is complete" after that file was removed.

    Use instead: the template's `.github/ISSUE_TEMPLATE/` and
    `.github/pull_request_template.md`.

    ## Fix
    Write the template's files and delete the legacy ones. Unsafe: it
    deletes files.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        expected = [
            n
            for n in std.files()
            if n.startswith(".github/ISSUE_TEMPLATE/") or n == PULL_REQUEST
        ]
        missing = [n for n in expected if not repo.is_file(n)]
        legacy = [n for n in LEGACY if repo.is_file(n)]
        found = [Fail(f"missing {n}", n) for n in missing]
        found += [Fail(f"legacy template {n}", n) for n in legacy]

        if (
            repo.is_file(CONFIG)
            and repo.yaml(CONFIG).get("blank_issues_enabled") is not False
        ):
            found.append(Fail("blank issues are enabled", CONFIG))

        if "CONTRIBUTING.rst" in (repo.text(PULL_REQUEST) or "") and not repo.is_file(
            "CONTRIBUTING.rst"
        ):
            line = repo.line_of(PULL_REQUEST, "CONTRIBUTING.rst")
            message = "points at CONTRIBUTING.rst, which does not exist"
            found.append(Fail(message, PULL_REQUEST, line))

        if not found:
            return None

        fix = _templates(expected, missing, legacy)
        return [dataclasses.replace(found[0], fix=fix), *found[1:]]


def _templates(expected: list[str], missing: list[str], legacy: list[str]) -> Fix:
    """The missing templates written, or else all of them written over the
    project's and the legacy ones deleted.
    """
    if missing:
        writes = tuple(WriteFile(n) for n in missing)
        return Fix("Write the missing issue and pull request templates", "safe", writes)

    edits = (*(DeleteFile(n) for n in legacy), *(WriteFile(n) for n in expected))
    return Fix("Replace the issue and pull request templates", "unsafe", edits)
