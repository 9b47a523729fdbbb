"""Where a project is: the folder a path belongs to, and the folders
eco-lint refuses to take for a project.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import EcoLintError

#: Files that make a folder a Python project.
PROJECT_FILES = ("pyproject.toml", "setup.py", "setup.cfg")


def require_project(root: str | os.PathLike[str], inside_only: bool = False) -> Path:
    """The resolved folder of a project, or a one-line error: a folder is
    a project when it has one of :data:`PROJECT_FILES` or is the top of a
    git work tree. A ``.git`` folder, anything inside one, and a bare
    repository are refused, so that nothing is ever written there.

    :param inside_only: Refuse only those, for a path whose project is
        looked for further up.
    """
    path = Path(root)

    try:
        resolved = path.resolve()
        is_dir = resolved.is_dir()
    except (OSError, RuntimeError):
        raise EcoLintError(f"{root} cannot be read.") from None

    if not is_dir:
        raise EcoLintError(f"{root} is not a directory.")

    if ".git" in resolved.parts:
        raise EcoLintError(f"{root} is inside a .git folder, not a work tree.")

    def has(name: str) -> bool:
        try:
            return os.path.lexists(resolved / name)
        except OSError:
            return False

    if not has(".git") and all(has(n) for n in ("HEAD", "objects", "refs")):
        raise EcoLintError(f"{root} is a bare git repository, not a work tree.")

    if inside_only:
        return resolved

    if not has(".git") and not any(has(n) for n in PROJECT_FILES):
        raise EcoLintError(
            f"{root} is not a project: it has no pyproject.toml, setup.py or"
            " setup.cfg and is not a git work tree."
        )

    return resolved


def project_root(path: str) -> str:
    """The project's root for a path, found as ruff finds it: the nearest
    folder, from the path upwards, with a ``pyproject.toml`` or ``.git``;
    the path itself when there is none.
    """
    start = os.path.abspath(path)
    folder = start
    # A .git folder or a bare repository is never a project, nor is a
    # folder below one taken for the work tree above it.
    require_project(path, inside_only=True)

    while True:
        if any(
            os.path.exists(os.path.join(folder, marker))
            for marker in ("pyproject.toml", ".git")
        ):
            found = folder if folder != start else path
            break

        parent = os.path.dirname(folder)

        if parent == folder:
            found = path
            break

        folder = parent

    require_project(found)
    return found
