"""Values of the old build configurations, read the way setuptools, Poetry
and flit wrote them.
"""

from __future__ import annotations

import typing as t

from ...repo import Repo
from .._project import as_list
from .._project import url_key


def cfg_lines(value: object) -> list[str]:
    """The entries of a setup.cfg list (one a line) or a setup.py list."""
    return as_list(value) or []


def cfg_table(value: object) -> dict[str, str]:
    """``key = value`` lines of a setup.cfg value, or a setup.py dict."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}

    result: dict[str, str] = {}

    for line in cfg_lines(value):
        key, sep, item = line.partition("=")

        if sep:
            result[key.strip()] = item.strip()

    return result


def requirements_file(repo: Repo, value: str) -> list[str] | None:
    """Requirements read from ``file: a.txt, b.txt``, without comments and
    options; ``None`` when a file is missing.
    """
    result: list[str] = []

    for path in value.split(","):
        text = repo.text(path.strip())

        if text is None:
            return None

        for line in text.splitlines():
            line = line.partition(" #")[0].strip()

            if line and not line.startswith(("#", "-")):
                result.append(line)

    return result


def readme_value(repo: Repo, value: object, content_type: object = None) -> t.Any:
    """``readme`` from a file name, with its content type when flit cannot
    tell it from the extension.
    """
    if not isinstance(value, str) or not repo.is_file(value.strip()):
        return None

    path = value.strip()

    if path.lower().endswith((".md", ".rst")) or not isinstance(content_type, str):
        return path

    return {"file": path, "content-type": content_type}


def top_readme(repo: Repo) -> str | None:
    found = [n for n in ("README.md", "README.rst", "README.txt") if repo.is_file(n)]
    return found[0] if found else None


def entry_point_groups(value: object) -> dict[str, dict[str, str]]:
    """Entry point groups from setup.cfg's section or setup.py's dict."""
    if not isinstance(value, dict):
        return {}

    return {str(group): cfg_table(items) for group, items in value.items()}


def script_tables(groups: dict[str, dict[str, str]]) -> dict[str, t.Any]:
    """``scripts``, ``gui-scripts`` and ``entry-points`` from groups."""
    result: dict[str, t.Any] = {}
    names = {"console_scripts": "scripts", "gui_scripts": "gui-scripts"}

    for group, items in groups.items():
        if group in names:
            result[names[group]] = items
        elif items:
            result.setdefault("entry-points", {})[group] = items

    return result


def add_url(urls: dict[str, str], url: str, label: str | None = None) -> None:
    """Add a home page or download URL under its label, ``Source`` or
    ``Documentation`` for a home page, or ``Homepage`` when that label is
    taken by another URL.
    """
    if url in urls.values():
        return

    label = label or url_key(url)
    urls[label if label not in urls else "Homepage"] = url
