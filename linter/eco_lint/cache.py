"""eco-lint's cache, in the user's cache folder as ruff and pre-commit keep
theirs: ``$ECO_LINT_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/eco-lint``
or ``~/.cache/eco-lint`` (``~/Library/Caches/eco-lint`` on macOS,
``%LOCALAPPDATA%\\eco-lint\\Cache`` on Windows).

Each entry is one JSON file named by a hash of its key, and holds the key
itself: an entry is used only when its key matches exactly, so a collision,
a stale format or a corrupt file reads as a miss and is written again.
Entries are written to a temporary file and renamed into place, so that
concurrent runs never see half an entry. A cache that cannot be written
(a read-only home) is not an error: the run simply does not keep it.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False

if TYPE_CHECKING:
    import typing as t
    from pathlib import Path

#: Bumped when the layout of entries changes.
FORMAT = 1


def cache_dir() -> Path:
    """The folder eco-lint keeps its cache in."""
    from pathlib import Path

    return Path(folder())


def folder() -> str:
    """:func:`cache_dir` as a string, told without :mod:`pathlib`, which a
    replayed check does not otherwise import.
    """
    given = os.environ.get("ECO_LINT_CACHE_DIR")

    if given:
        return given

    home = os.path.expanduser("~")

    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        base = local if local else os.path.join(home, "AppData", "Local")
        return os.path.join(base, "eco-lint", "Cache")

    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Caches", "eco-lint")

    xdg = os.environ.get("XDG_CACHE_HOME")
    base = xdg if xdg and os.path.isabs(xdg) else os.path.join(home, ".cache")
    return os.path.join(base, "eco-lint")


def _path(kind: str, key: str) -> Path:
    from .digests import sha256

    digest = sha256(key.encode()).hexdigest()[:40]
    return cache_dir() / kind / f"{digest}.json"


def read(kind: str, key: str) -> dict[str, t.Any] | None:
    """The value stored under a key, or ``None`` when there is none or the
    entry is not one this version wrote for this key.
    """
    import json

    try:
        entry = json.loads(_path(kind, key).read_bytes())
    except (OSError, ValueError):
        return None

    if (
        not isinstance(entry, dict)
        or entry.get("format") != FORMAT
        or entry.get("key") != key
        or not isinstance(entry.get("value"), dict)
    ):
        return None

    return entry["value"]  # type: ignore[no-any-return]


def write(kind: str, key: str, value: dict[str, t.Any]) -> None:
    """Store a JSON value under a key, replacing any entry atomically."""
    import json

    data = json.dumps({"format": FORMAT, "key": key, "value": value})
    replace(str(_path(kind, key)), data.encode())


def replace(path: str, data: bytes) -> None:
    """Write a cache file: to a temporary file first, then renamed into
    place, so that concurrent runs never see half an entry. A cache that
    cannot be written is not an error. Only :mod:`os`, which a replayed
    check already has.
    """
    temp = f"{path}.{os.getpid()}.tmp"

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)

        with open(temp, "xb") as f:
            f.write(data)

        os.replace(temp, path)
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass
