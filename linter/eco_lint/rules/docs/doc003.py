"""DOC003: the docs include the changelog and the licence."""

from __future__ import annotations

import dataclasses
import functools
import re

from ...edits import Edit
from ...edits import FixConflict
from ...edits import keep_newlines
from ...edits.text import DeleteFile
from ...edits.text import WriteFile
from ...fix import Fix
from ...fix import refusal
from ...registry import Fail
from ...registry import Outcome
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Docs
from ._paths import changelog
from ._paths import CONF
from ._paths import first_file

_TITLE = "Write the template's changes and licence pages"


@dataclasses.dataclass(frozen=True)
class _Page:
    """A page the docs must have, and what it must show."""

    #: The page's name in ``docs/``, without suffix.
    name: str
    #: ``include`` or ``literalinclude``.
    directive: str
    #: The file it shows, relative to ``docs/``.
    target: str

    def found(self, repo: Repo) -> str | None:
        """The project's page, ``.rst`` or ``.md``."""
        return first_file(repo, f"docs/{self.name}.rst", f"docs/{self.name}.md")

    def ours(self, std: Standard) -> str:
        """The template's page."""
        return next(
            p
            for p in (f"docs/{self.name}.rst", f"docs/{self.name}.md")
            if std.text(p) is not None
        )


class DOC003(Docs):
    """Docs include the changelog and the licence

    ## What it does
    Checks that `docs/changes.rst` (or `.md`) includes `../CHANGES.rst` or
    `../CHANGES.md`, whichever the repository has, and that
    `docs/license.rst` (or `.md`) shows `../LICENSE.txt` with
    `literalinclude`. Both reStructuredText directives and MyST fences
    count; a Markdown file included from reStructuredText (or the reverse)
    needs a `:parser:` option. One-page docs may include both in another
    page instead.

    ## Why
    One changelog and one licence text, shown in the docs as they are in the
    repository; copies in the docs fall behind.

    ## Example
    A `docs/changes.rst` with its own list of versions, or a
    `docs/license.rst` that includes `../LICENSE.rst`.

    Use instead:
    ```rst
    .. include:: ../CHANGES.rst
    ```

    ## Fix
    Write the template's `docs/changes.*` and `docs/license.*`; a new page
    is also added to the last toctree of `docs/index.*`. Safe when a page is
    missing; Unsafe when it replaces the project's page.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if not repo.is_file(CONF):
            return Skip(f"{CONF} is missing; LAY003 reports it")

        wanted = _wanted(repo)
        found = [(p, f) for p in wanted if (f := _page_failure(repo, p))]
        failed = [f for _, f in found]

        if failed:
            # The fix reads the render, which the check does not need.
            failing = {p.name for p, _ in found}
            fix = functools.partial(_fix, repo, std, wanted, failing)
            failed[0] = dataclasses.replace(failed[0], fix=fix)

        return failed


def _wanted(repo: Repo) -> list[_Page]:
    """The changelog's page, where there is a changelog, and the licence's."""
    changes = changelog(repo)
    wanted = [_Page("changes", "include", f"../{changes}")] if changes else []
    wanted.append(_Page("license", "literalinclude", "../LICENSE.txt"))
    return wanted


def _page_failure(repo: Repo, page: _Page) -> Fail | None:
    """Why the docs do not show the page's target, or ``None`` if they do."""
    path = page.found(repo)

    if path is not None:
        return _includes(repo, path, page.directive, page.target)

    if any(
        # One-page docs (blinker) include it in another page.
        _includes(repo, other, page.directive, page.target) is None
        for other in repo.glob(r"docs/.+\.(rst|md)")
    ):
        return None

    return Fail(f"the docs have no {page.name} page (docs/{page.name}.*)")


def _includes(repo: Repo, page: str, directive: str, target: str) -> Fail | None:
    """Why ``page`` does not show ``target`` with ``directive``, or
    ``None`` if it does.
    """
    lines = (repo.text(page) or "").splitlines()
    pattern = re.compile(
        rf"^\s*(?:\.\.\s+{directive}::|(?:`{{3,}}|:{{3,}})\{{{directive}\}})\s*([^\s:]\S*)"
    )
    found: list[tuple[str, int]] = []

    for index, line in enumerate(lines):
        match = pattern.match(line)

        if not match:
            continue

        found.append((match.group(1), index + 1))

        if match.group(1) != target:
            continue

        rst = line.lstrip().startswith("..")
        markdown = target.endswith(".md")
        options = "\n".join(lines[index + 1 : index + 4])

        if directive == "include" and rst == markdown and ":parser:" not in options:
            return Fail(f"includes {target} without a :parser: option", page, index + 1)

        return None

    if found:
        other, number = found[0]
        return Fail(f"{directive}s {other}, not {target}", page, number)

    return Fail(f"does not {directive} {target}", page)


def _fix(
    repo: Repo, std: Standard, wanted: list[_Page], failing: set[str]
) -> Fix | None:
    """Write the template's pages that fail, unless the docs could not
    read them.
    """
    index = first_file(repo, "docs/index.rst", "docs/index.md")
    edits: list[Edit] = []
    unsafe = False
    refused: list[str] = []

    for page in wanted:
        ours = page.ours(std)
        myst = ours.endswith(".md") or "myst_parser" in (std.text(ours) or "")

        if myst and "myst_parser" not in (repo.text(CONF) or ""):
            # The docs build would stop on a page its conf.py cannot read.
            refused.append(
                f"{ours} needs myst_parser, which {CONF} does not load: add"
                " it to extensions (and the docs group) first"
            )
            continue

        if page.name not in failing:
            continue

        found = page.found(repo)
        edits.append(WriteFile(ours))

        if found is not None:
            # The page is the project's; the template's replaces it.
            unsafe = True

            if found != ours:
                edits.append(DeleteFile(found))
        elif index is not None:
            edits.append(_TocAdd(index, page.name))

    if not edits:
        return refusal(_TITLE, refused[0]) if refused else None

    return Fix(_TITLE, "unsafe" if unsafe else "safe", tuple(edits))


@dataclasses.dataclass(frozen=True)
class _TocAdd(Edit):
    """Add a page to the last toctree of a page that has one."""

    path: str
    entry: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        return keep_newlines(text, self._change)

    def _change(self, source: str) -> str:
        lines = source.split("\n")
        blocks = _toctrees(lines)

        if not blocks or any(
            lines[i].strip() == self.entry
            for start, end in blocks
            for i in range(start, end)
        ):
            return source

        start, end = blocks[-1]
        entries = [
            i
            for i in range(start + 1, end)
            if lines[i].strip()
            and not lines[i].lstrip().startswith(":")
            and not lines[i].strip() == "---"
        ]
        directive = lines[start]

        if entries:
            last = entries[-1]
            indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
            lines.insert(last + 1, f"{indent}{self.entry}")
        elif not directive.lstrip().startswith(".."):
            # MyST: before the closing fence.
            lines.insert(end, self.entry)
        else:
            indent = directive[: len(directive) - len(directive.lstrip())] + "    "
            lines[end:end] = ["", f"{indent}{self.entry}"]

        return "\n".join(lines)


def _toctrees(lines: list[str]) -> list[tuple[int, int]]:
    """Each toctree: the directive's line and the line after its last
    entry (the closing fence in MyST).
    """
    found: list[tuple[int, int]] = []

    for index, line in enumerate(lines):
        fence = re.match(r"^(\s*)(`{3,}|:{3,})\{toctree\}", line)

        if fence:
            end = next(
                (
                    i
                    for i in range(index + 1, len(lines))
                    if lines[i].strip() == fence.group(2)
                ),
                None,
            )

            if end is not None:
                found.append((index, end))
        elif re.match(r"^\s*\.\.\s+toctree::", line):
            found.append((index, _rst_end(lines, index)))

    return found


def _rst_end(lines: list[str], index: int) -> int:
    """The line after the last indented line of the directive at ``index``."""
    indent = len(lines[index]) - len(lines[index].lstrip())
    end = index + 1

    for i in range(index + 1, len(lines)):
        if not lines[i].strip():
            continue

        if len(lines[i]) - len(lines[i].lstrip()) <= indent:
            break

        end = i + 1

    return end
