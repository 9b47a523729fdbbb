"""DRF003: the template-owned files match the template."""

from __future__ import annotations

import dataclasses

from ...edits import Edit
from ...edits import FixConflict
from ...edits import keep_newlines
from ...fix import Fix
from ...registry import Fail
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from ...template import ANSWERS_FILE
from .._base import Drift
from ._merge import builds_with_jobs
from ._merge import keeps_render
from ._merge import merge_lines
from ._merge import merge_yaml
from ._merge import READTHEDOCS
from ._merge import without_block
from ._template import other_version
from ._template import template_owned


class DRF003(Drift):
    """Template-owned files match the template

    ## What it does
    Checks that every file the template owns (workflows, the pre-commit,
    editor, Git and Read the Docs configs, issue templates, docs config
    pages) is the template's render for the project's recorded answers.
    What the project adds to a file whose fix merges is its own: lines
    between or after the render's (its own jobs, matrix rows, hooks,
    `.gitignore` entries), pins moved past the template's, and a Read the
    Docs build made of its own `build.jobs` instead of the template's
    `build.commands`.

    ## Why
    `copier update` merges the next template version against this render.
    A file that differs is merged as a local change, and where the template
    changes the same lines the update stops with a conflict.

    ## Example
    A tests workflow with its own steps, edited after the project was made.

    Use instead: keep project-specific workflows in files of their own.

    ## Fix
    Merge the template's render into each differing file: `.gitignore`
    keeps the project's entries, the pre-commit config its own hooks, a
    workflow its own events, jobs, services and matrix rows, the Read the
    Docs config its own `build.jobs`, and pins the project moved past the
    template's stay. Other files take the render.
    Unsafe: the template's values replace the project's where both set
    one, and a merge that would still lose something the project owns is
    not applied.
    """

    weight = 2
    fixable = True
    requires = frozenset({"DRF002"})

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return repo.is_file(ANSWERS_FILE)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        if skip := other_version(repo):
            return skip

        differ = differing(repo, std)

        if differ:
            edits = tuple(MergeTemplate(name, std.text(name)) for name in differ)
            fix = Fix("Merge the template's files into local changes", "unsafe", edits)
            message = f"differs from the template: {', '.join(differ)}"
            return Fail(message, differ[0], fix=fix)

        return None


def differing(repo: Repo, std: Standard) -> list[str]:
    """The template-owned files the project has that are not the render,
    nor the render with only what the merge keeps.
    """
    return [
        name
        for name in template_owned(std)
        if repo.is_file(name)
        and repo.text(name) != std.text(name)
        and not keeps_render(name, std.text(name), repo.text(name))
    ]


@dataclasses.dataclass(frozen=True)
class MergeTemplate(Edit):
    """Bring a template-owned file to the template's render and keep what
    the project adds: the lines of ``.gitignore`` and of the issue and pull
    request templates; the repositories and hooks of the pre-commit config;
    the events, branches, jobs, services, matrix rows and other keys of a
    workflow or other YAML file. Pins of actions and hook revisions the
    project moved past the template's stay as they are. A Read the Docs
    config that builds with its own ``build.jobs`` keeps them instead of
    the template's ``build.commands``: it cannot have both. Other files
    take the render.

    :param render: The template's render of the file.
    """

    path: str
    render: str | None = dataclasses.field(repr=False)

    def apply(self, text: str | None, repo: Repo) -> str | None:
        render = self.render

        if render is None:
            raise FixConflict(f"the template has no {self.path}")

        if text is None:
            return render

        if self.path == ".gitignore" or (
            self.path.startswith(".github/") and self.path.endswith(".md")
        ):
            return merge_lines(render, text)

        if self.path == READTHEDOCS and builds_with_jobs(text):
            render = "\n".join(without_block(render.split("\n"), "  commands:"))

        if self.path.endswith((".yaml", ".yml")):
            return keep_newlines(text, lambda source: merge_yaml(render, source))

        return render
