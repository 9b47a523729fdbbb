"""PCO001: the hooks are configured in the standard file."""

from __future__ import annotations

from ...edits.text import MoveFile
from ...edits.text import WriteFile
from ...edits.yaml import YamlRemove
from ...fix import Fix
from ...registry import Fail
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import PreCommit
from ._config import OTHER_PATH
from ._config import PATH
from ._config import repos


class PCO001(PreCommit):
    """pre-commit is configured in .pre-commit-config.yaml

    ## What it does
    Checks that the hooks are configured in `.pre-commit-config.yaml`, with
    the `.yaml` spelling, and that the file has no top-level `ci:` block.

    ## Why
    The hooks run in the pre-commit workflow and in the `style` tox env, not
    on pre-commit.ci: Pallets dropped pre-commit.ci in 2024 and refreshes
    the hook pins with `tox run -m update`. A `ci:` block is a leftover that
    configures a service the project no longer uses. The zizmor workflow's
    `**/*.yaml?` paths filter only sees the `.yaml` spelling.

    ## Example
    ```yaml
    ci:
      autoupdate_schedule: monthly
    repos:
      ...
    ```

    Use instead: the same file without the `ci:` block.

    ## Fix
    Write the template's file when there is none, or delete the `ci:` block:
    Safe. Rename a `.yml` file, or replace a config without hook
    repositories with the template's: Unsafe.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        if not repo.is_file(PATH):
            if repo.is_file(OTHER_PATH):
                return Fail(
                    f"pre-commit config is {OTHER_PATH}",
                    OTHER_PATH,
                    fix=Fix(
                        f"Rename {OTHER_PATH} to {PATH}",
                        "unsafe",
                        (MoveFile(OTHER_PATH, PATH),),
                    ),
                )

            write = Fix(f"Write the standard {PATH}", "safe", (WriteFile(PATH),))
            return Fail(f"{PATH} is missing", PATH, fix=write)

        if PATH in repo.errors:
            return Fail(f"{PATH} {repo.errors[PATH]}", PATH)

        if not repos(repo.precommit):
            return Fail(
                "no hook repositories are configured",
                PATH,
                fix=Fix(
                    f"Replace {PATH} with the standard one",
                    "unsafe",
                    (WriteFile(PATH),),
                ),
            )

        if "ci" in repo.precommit:
            return Fail(
                "has a pre-commit.ci `ci:` block",
                PATH,
                repo.line_of(PATH, r"^ci:"),
                fix=Fix(
                    "Remove the pre-commit.ci `ci:` block",
                    "safe",
                    (YamlRemove(PATH, ("ci",)),),
                ),
            )

        return None
