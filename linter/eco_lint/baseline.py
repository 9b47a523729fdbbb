"""The baseline: the failures a project accepts for now, in a file it
commits, so that only new failures fail a run.

Each failure is kept by its rule code and the fingerprint of its location
(see :func:`eco_lint.output.fingerprint`), which does not change when
unrelated lines move. ``eco-lint check --add-baseline`` writes the
current failures, replacing the file: fixed failures leave it.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import typing as t
from pathlib import Path

from .errors import EcoLintError

if t.TYPE_CHECKING:
    from .check import Report

#: Version of the file's shape.
VERSION = 1
#: A baseline larger than this is not read.
MAX_SIZE = 16 * 1024 * 1024
_FINGERPRINT = re.compile(r"[0-9a-f]{32}")


def load(path: Path) -> frozenset[str]:
    """The fingerprints in a baseline file; none if it does not exist.

    :param path: The file.
    :raise EcoLintError: It is a symlink, too large, or not a baseline.
    """
    if path.is_symlink():
        raise EcoLintError(f"{path} is a symlink; a baseline must be a file.")

    if not path.exists():
        return frozenset()

    try:
        if path.stat().st_size > MAX_SIZE:
            raise EcoLintError(f"{path} is larger than {MAX_SIZE} bytes.")

        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise EcoLintError(f"{path} cannot be read as a baseline: {e}.") from None

    failures = data.get("failures") if isinstance(data, dict) else None

    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or not isinstance(failures, list)
        or not all(
            isinstance(item, dict)
            and isinstance(item.get("fingerprint"), str)
            and _FINGERPRINT.fullmatch(item["fingerprint"])
            for item in failures
        )
    ):
        raise EcoLintError(
            f"{path} is not an eco-lint baseline (version {VERSION});"
            " write it again with --add-baseline."
        )

    return frozenset(item["fingerprint"] for item in failures)


def dump(report: Report) -> str:
    """The baseline of a report's failures, sorted so that it diffs well."""
    from .output import clean
    from .output import findings

    items = sorted(
        (
            {
                "code": f.result.code,
                "path": clean(f.path),
                "message": clean(f.message),
                "fingerprint": f.fingerprint,
            }
            for f in findings(report)
        ),
        key=lambda item: (item["path"], item["code"], item["fingerprint"]),
    )
    data = {"version": VERSION, "tool": "eco-lint", "failures": items}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write(path: Path, text: str) -> None:
    """Replace the file atomically, never through a symlink.

    :raise EcoLintError: The file is a symlink or cannot be written.
    """
    if path.is_symlink():
        raise EcoLintError(f"{path} is a symlink; a baseline must be a file.")

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")

        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)

            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError as e:
        raise EcoLintError(f"Cannot write {path}: {e.strerror or e}.") from None


def inside(root: Path, name: str) -> Path:
    """The configured baseline in a repository, refusing one outside it or
    reached through a symlinked folder.

    :param root: The repository's resolved root.
    :param name: The relative path from ``[tool.eco-lint] baseline``.
    """
    path = root / name

    try:
        path.parent.resolve().relative_to(root)
    except ValueError:
        raise EcoLintError(
            f"[tool.eco-lint] baseline {name!r} is outside the repository."
        ) from None

    return path
