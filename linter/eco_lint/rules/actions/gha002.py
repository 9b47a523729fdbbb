"""GHA002: Actions are pinned to commit SHAs."""

from __future__ import annotations

import re
import typing as t

from ...edits import Edit
from ...edits.text import TextReplace
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import load_yaml
from ...repo import Repo
from ...standard import Standard
from ...template import template_root
from .. import _workflows as wf
from .._base import Actions
from .._edits import carrying
from ._common import maybe_fix
from ._common import or_missing


def _pins() -> dict[str, t.Any]:
    """The template's action pins, ``{action: {sha, tag}}``."""
    data = load_yaml((template_root() / "includes" / "pins.yaml").read_text())
    actions = data.get("actions") if isinstance(data, dict) else None
    return actions if isinstance(actions, dict) else {}


class GHA002(Actions):
    """Actions are pinned to commit SHAs

    ## What it does
    Checks that every `uses:` of a step or of a reusable workflow job is
    pinned to a full 40-character commit SHA, with the version it stands for
    in a comment on the same line. Local `./` actions and `docker://` images
    are exempt.

    ## Why
    A tag or a branch can be moved to other code after review, and the
    workflows hold the publishing token of the project. The comment tells
    reviewers which release the SHA is and lets `gha-update` (the
    `update-actions` tox env) refresh it.

    ## Example
    ```yaml
          - uses: actions/checkout@v6
    ```

    Use instead:
    `- uses: {pin:actions/checkout}`.

    ## Fix
    Pin each action the template pins (in `includes/pins.yaml`) to the
    template's SHA and `# <tag>`, editing only the `uses:` line. An action
    the template does not pin is left to `tox run -e update-actions`
    (`gha-update`). Unsafe: it changes the actions' versions.
    """

    weight = 5
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found: list[Fail] = []
        unpinned: list[tuple[str, str, re.Match[str]]] = []

        for path, data in repo.workflows.items():
            for number, line, match in _uses_lines(repo, path, data):
                ref = match["ref"]

                if not wf.pinned(ref):
                    message = f"{ref} is not pinned to a commit SHA"
                elif not wf.has_version_comment(match["rest"]):
                    message = f"{ref} has no version comment"
                else:
                    continue

                column = match.start("ref") + 1
                found.append(Fail(message, path, number, column))
                unpinned.append((path, line, match))

        if found:
            found = carrying(found, lambda: _fix(unpinned))

        return or_missing(repo, std, found)


def _uses_lines(
    repo: Repo, path: str, data: t.Any
) -> t.Iterator[tuple[int, str, re.Match[str]]]:
    """The ``uses:`` lines of a workflow's jobs and steps, with their number
    and their parts; local actions and Docker images left out.
    """
    refs = wf.uses_refs(data)

    for number, line in enumerate((repo.text(path) or "").splitlines(), 1):
        match = wf.USES.match(line)

        if match is None or match["ref"] not in refs:
            continue

        if not match["ref"].startswith(("./", "docker://")):
            yield number, line, match


def _fix(unpinned: list[tuple[str, str, re.Match[str]]]) -> Fix | None:
    """Pin each action of these ``uses:`` lines that the template pins."""
    pins = _pins()
    edits: list[Edit] = []

    for path, line, match in unpinned:
        action = match["ref"].partition("@")[0]
        pin = pins.get(action)

        if isinstance(pin, dict):
            quote = match["quote"]
            new = f"{match['key']}{quote}{action}@{pin['sha']}{quote} # {pin['tag']}"
            edits.append(TextReplace(path, f"\n{line}", f"\n{new}"))

    return maybe_fix("Pin the actions to the standard commit SHAs", "unsafe", edits)
