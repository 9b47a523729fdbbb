"""DRF001: the project records its template answers."""

from __future__ import annotations

from ...answers import inferred
from ...edits.text import WriteFile
from ...fix import Fix
from ...registry import Fail
from ...registry import Skip
from ...repo import Repo
from ...standard import answers_text
from ...standard import Standard
from ...template import ANSWERS_FILE
from ...template import template_version
from .._base import Drift


class DRF001(Drift):
    """Project records its template answers

    ## What it does
    In a `pallets-eco` repository that was made from the template or
    adopted into it (it has `.copier-answers.yml`, or runs the eco-lint
    hook or action), checks for `.copier-answers.yml` with the template
    source (`_src_path`) and version (`_commit`). A repository that was
    never adopted is not judged on it: `eco-lint adopt` is its next step,
    not a fault.

    ## Why
    `copier update` reads the answers file to replay the template version
    the project was made from and merge the next one. Without it, template
    changes have to be copied by hand, and the project drifts.

    ## Example
    A project that runs the eco-lint hook but lost its answers file.

    Use instead: `eco-lint adopt`, which infers the answers, brings the
    template's files to the current render and writes the answers file.

    ## Fix
    Write the answers file from the inferred answers, at the template
    version eco-lint carries. Unsafe: check the answers with `eco-lint adopt`
    first.
    """

    weight = 2
    fixable = True

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        if inferred(repo).get("org") != "pallets-eco":
            return False

        marks = [repo.text(".pre-commit-config.yaml") or ""]
        marks += [repo.text(name) or "" for name in repo.workflows]
        return repo.is_file(ANSWERS_FILE) or any(
            "pallets-eco/eco-lint" in text for text in marks
        )

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        # Worked out when fixes are made: the answers are the render's,
        # inferred from files the verdict does not need.
        def fix() -> Fix:
            return _answers(std)

        if not repo.is_file(ANSWERS_FILE):
            return Fail(f"no {ANSWERS_FILE}", ANSWERS_FILE, fix=fix)

        missing = [key for key in ("_src_path", "_commit") if not repo.answers.get(key)]

        if missing:
            message = f"{ANSWERS_FILE} lacks {', '.join(missing)}"
            return Fail(message, ANSWERS_FILE, fix=fix)

        return None


def _answers(std: Standard) -> Fix:
    """The answers file of the render, at the template version eco-lint
    carries.
    """
    text = answers_text(std.answers, template_version(), None)
    return Fix("Write the template answers", "unsafe", (WriteFile(ANSWERS_FILE, text),))
