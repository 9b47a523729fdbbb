"""What would keep Sphinx from building the docs without a warning."""

from __future__ import annotations

import ast
import dataclasses
import fnmatch
import functools
import posixpath
import re
import typing as t

if t.TYPE_CHECKING:
    from .tree import Tree


_DOCS = "docs"
_INCLUDE = re.compile(
    r"^\s*(?:\.\.\s+(?:literal)?include::|(?:`{3,}|:{3,})\{(?:literal)?include\})"
    r"\s*(\S+)"
)
_TOCTREE_RST = re.compile(r"^(\s*)\.\.\s+toctree::")
_TOCTREE_MYST = re.compile(r"^\s*(`{3,}|:{3,})\{toctree\}")


def _extensions(conf: str) -> frozenset[str] | None:
    """The extensions ``conf.py`` loads, when it lists them as literals
    and never changes the list; ``None`` when that cannot be told.
    """
    try:
        module = ast.parse(conf)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None

    found: frozenset[str] = frozenset()

    for node in ast.walk(module):
        targets: list[ast.expr] = []

        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Attribute) and node.attr in {"append", "extend"}:
            targets = [node.value]

        if not any(isinstance(t, ast.Name) and t.id == "extensions" for t in targets):
            continue

        value = node.value if isinstance(node, ast.Assign) else None

        try:
            names = ast.literal_eval(value) if value is not None else None
        except (ValueError, TypeError, SyntaxError, RecursionError):
            return None

        if not isinstance(names, (list, tuple)):
            return None

        found = frozenset(str(n) for n in names)

    return found


def _docname(page: str) -> str:
    return page.removeprefix(f"{_DOCS}/").rsplit(".", 1)[0]


def _resolve(page: str, target: str) -> str:
    """A path a page names, relative to the docs folder (``/x``) or to the
    page's own folder, as a path in the repository.
    """
    if target.startswith("/"):
        return posixpath.normpath(f"{_DOCS}{target}")

    return posixpath.normpath(posixpath.join(posixpath.dirname(page), target))


def _toctree_entries(lines: list[str]) -> list[tuple[str, bool]]:
    """Each toctree entry of a page, and whether its toctree globs."""
    found: list[tuple[str, bool]] = []
    index = 0

    while index < len(lines):
        rst = _TOCTREE_RST.match(lines[index])
        myst = _TOCTREE_MYST.match(lines[index])
        index += 1

        if not (rst or myst):
            continue

        body: list[str] = []

        while index < len(lines):
            line = lines[index]

            if myst and line.strip() == myst.group(1):
                index += 1
                break

            if (
                rst
                and line.strip()
                and len(line) - len(line.lstrip()) <= len(rst.group(1))
            ):
                break

            body.append(line.strip())
            index += 1

        globbed = ":glob:" in body
        fenced = False

        for entry in body:
            if entry == "---":
                fenced = not fenced
            elif entry and not fenced and not entry.startswith(":"):
                target = re.search(r"<([^<>]+)>$", entry)
                found.append((target.group(1) if target else entry, globbed))

    return found


@functools.lru_cache(maxsize=512)
def _page_references(
    text: str,
) -> tuple[tuple[str, ...], tuple[tuple[str, bool], ...], bool]:
    """What a docs page names: the files it includes, its toctree entries
    (and whether their toctree globs), and whether it says it is an orphan.
    Pages are the same before and after most fixes: read each once.
    """
    lines = text.splitlines()
    includes = tuple(
        match.group(1)
        for line in lines
        if (match := _INCLUDE.match(line)) and not match.group(1).startswith("<")
    )
    orphan = re.match(r"\s*(:orphan:|---\s*\norphan:\s*true)", text) is not None
    return includes, tuple(_toctree_entries(lines)), orphan


def docs_errors(tree: Tree) -> frozenset[str] | None:
    """What Sphinx would warn about in ``docs/``, read without running
    ``conf.py``: pages are ``.rst`` files, and ``.md`` files when
    ``conf.py`` loads MyST (or when its extensions cannot be told).
    """
    conf = tree.text(f"{_DOCS}/conf.py")

    if conf is None:
        return None

    pages = _pages(tree, conf)
    docnames = {_docname(page): page for page in pages}
    seen = _Seen()

    for page in sorted(pages):
        seen.read(tree, page, docnames)

    seen.errors.update(
        f"{page} is in no toctree"
        for name, page in docnames.items()
        if name not in seen.listed and page not in seen.included | seen.orphans
    )
    return frozenset(seen.errors)


def _pages(tree: Tree, conf: str) -> set[str]:
    """The docs' pages: ``.rst`` files, and ``.md`` files unless
    ``conf.py`` is known to load no MyST, outside hidden and ``_`` folders.
    """
    extensions = _extensions(conf)
    suffixes: tuple[str, ...] = (".rst", ".md")

    if extensions is not None and not extensions & {"myst_parser", "myst_nb"}:
        suffixes = (".rst",)

    return {
        name
        for name in tree.files
        if name.startswith(f"{_DOCS}/")
        and name.endswith(suffixes)
        and not any(part.startswith((".", "_")) for part in name.split("/")[1:-1])
    }


@dataclasses.dataclass
class _Seen:
    """What the pages read so far warn about, list, include and orphan."""

    errors: set[str] = dataclasses.field(default_factory=set)
    listed: set[str] = dataclasses.field(default_factory=lambda: {"index"})
    included: set[str] = dataclasses.field(default_factory=set)
    orphans: set[str] = dataclasses.field(default_factory=set)

    def read(self, tree: Tree, page: str, docnames: dict[str, str]) -> None:
        """Read one page's includes and toctree entries."""
        includes, entries, orphan = _page_references(tree.text(page) or "")

        if orphan:
            self.orphans.add(page)

        for written in includes:
            target = _resolve(page, written)
            self.included.add(target)

            if tree.text(target) is None:
                self.errors.add(f"{page} includes {written}, which does not exist")

        for entry, globbed in entries:
            if entry == "self" or re.match(r"[a-z]+://", entry):
                continue

            name = _docname(
                _resolve(page, entry.removesuffix(".rst").removesuffix(".md"))
            )

            if globbed:
                self.listed.update(n for n in docnames if fnmatch.fnmatch(n, name))
            elif name in docnames:
                self.listed.add(name)
            else:
                self.errors.add(f"{page} lists {entry} in a toctree, and it is no page")
