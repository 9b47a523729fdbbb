"""GHA008: No Dependabot or Renovate."""

from __future__ import annotations

from ...edits.text import DeleteFile
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Actions

_BOTS = (
    ".github/dependabot.yml",
    ".github/dependabot.yaml",
    "renovate.json",
    "renovate.json5",
    ".renovaterc",
    ".renovaterc.json",
    ".renovaterc.json5",
    ".github/renovate.json",
    ".github/renovate.json5",
    ".gitlab/renovate.json",
)


class GHA008(Actions):
    """No Dependabot or Renovate

    ## What it does
    Checks that there is no Dependabot config (`.github/dependabot.yml`) and
    no Renovate config (`renovate.json`, `.renovaterc`, ...).

    ## Why
    Pallets refreshes action pins, hook pins and `uv.lock` together with
    `tox run -m update`, in one reviewed pull request. A bot opens one pull
    request per dependency, in a form the `# frozen:` and `# vX` comments
    are not kept in.

    ## Example
    `.github/dependabot.yml` with a `github-actions` ecosystem.

    Use instead: the `update-actions`, `update-pre_commit` and
    `update-requirements` tox envs.

    ## Fix
    Delete the files. Unsafe: it deletes files.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        return [
            Fail(
                f"update bot config {name}",
                name,
                fix=Fix(
                    "Delete the Dependabot and Renovate configs",
                    "unsafe",
                    (DeleteFile(name),),
                ),
            )
            for name in _BOTS
            if repo.is_file(name)
        ]
