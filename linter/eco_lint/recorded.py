"""What a check read, recorded as it reads it, so that its result can be
kept and replayed while every input answers the same (see
:mod:`eco_lint.results`): every path it probed, by what the probe could
answer from (the resolved path, and the kind of file or the error of
``stat`` and ``lstat``, absence included); every file it read, by a hash
of the bytes it got or the error it met; every folder it walked, by a hash
of the names it listed.

Like :mod:`eco_lint.results`, this imports nothing beyond the interpreter's
built-in modules.
"""

from __future__ import annotations

import os
import stat

TYPE_CHECKING = False

if TYPE_CHECKING:
    import typing as t

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython always has it
    from hashlib import blake2b


def digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=20).digest()


# Probes: what the filesystem answers about a path ------------------------


def _kind(function: t.Callable[[str], os.stat_result], path: str) -> int:
    """The file type bits of a ``stat``, or minus the error number."""
    try:
        return stat.S_IFMT(function(path).st_mode)
    except OSError as e:
        return -(e.errno or 1)
    except ValueError:
        return -1


def _realpath(path: str) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return ""


def probe(path: str, folders: dict[str, str]) -> tuple[t.Any, ...]:
    """Everything whether a path exists, is a file or a folder, resolves
    inside a folder or is a symlink can be told from: the resolved path,
    and the kind of file (or the error) of ``stat``, of ``lstat`` and of
    ``stat`` of the resolved path.

    :param folders: Resolved folders, kept for one pass over many paths: a
        path that is not a symlink resolves inside its resolved folder,
        and ``stat`` follows no further than ``lstat`` on it.
    """
    lkind = _kind(os.lstat, path)
    head, name = os.path.split(path)

    if lkind != stat.S_IFLNK and os.path.isabs(head) and name not in (".", ".."):
        folder = folders.get(head)

        if folder is None:
            folder = folders[head] = _realpath(head)

        if folder:
            real = os.path.join(folder, name)
            again = lkind if real == path else _kind(os.stat, real)
            return (real, lkind, lkind, again)

    real = _realpath(path)
    return (real, _kind(os.stat, path), lkind, _kind(os.stat, real))


#: The outcome of reading a file: its bytes, or why there are none.
MISSING = "missing"
NOT_FILE = "not-file"
ERROR = "error"
DATA = "data"


def read_file(path: str, limit: int) -> tuple[str, bytes | str]:
    """Read at most ``limit`` bytes of a file. Returns ``(DATA, bytes)``,
    ``(MISSING, b"")`` when there is nothing there, ``(NOT_FILE, b"")``
    for a folder or another kind of file, or ``(ERROR, reason)``.
    """
    try:
        try:
            mode = os.stat(path).st_mode
        except OSError as e:
            if e.errno in _ABSENT:
                return MISSING, b""

            raise
        except ValueError:
            return MISSING, b""

        if not stat.S_ISREG(mode):
            return NOT_FILE, b""

        with open(path, "rb", buffering=0) as f:
            return DATA, _read(f, limit)
    except OSError as e:
        return ERROR, e.strerror or str(e)


def _read(f: t.BinaryIO, limit: int) -> bytes:
    """At most ``limit`` bytes of a file, asking first for its size and a
    byte more, rather than for a buffer of ``limit`` bytes for every file.
    """
    chunks: list[bytes] = []
    total = 0
    want = min(limit, os.fstat(f.fileno()).st_size + 1)

    while total < limit:
        chunk = f.read(want)

        if not chunk:
            break

        chunks.append(chunk)
        total += len(chunk)
        want = limit - total

    return b"".join(chunks)


def _absent() -> frozenset[int]:
    import errno

    return frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


_ABSENT = _absent()


def read_print(outcome: tuple[str, bytes | str]) -> tuple[str, bytes | str]:
    """What is kept of a read: a hash of its bytes, or its outcome."""
    kind, value = outcome
    return (kind, digest(value)) if isinstance(value, bytes) and value else outcome


def walk(root: str, skip: frozenset[str], limit: int) -> tuple[list[str], bool]:
    """Every file below a folder, as sorted POSIX paths relative to it,
    leaving out folders named in ``skip``, ``*.egg-info`` and symlinked
    folders; and whether the walk stopped at ``limit`` files.
    """
    found: list[str] = []
    stopped = False

    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [
            d
            for d in dirnames
            if d not in skip
            and not d.endswith(".egg-info")
            and not os.path.islink(os.path.join(dirpath, d))
        ]
        rel = os.path.relpath(dirpath, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        found.extend(prefix + name for name in filenames)

        if len(found) > limit:
            stopped = True
            break

    found.sort()
    return found, stopped


def walk_print(files: t.Sequence[str], stopped: bool) -> bytes:
    return digest("\0".join([str(stopped), *files]).encode("utf-8", "surrogatepass"))


class Inputs:
    """What a check read, each with what it found, recorded as it read:
    ``(kind, path, argument)`` to the print of the answer. Kinds are
    ``p`` (probed), ``r`` (read, the argument is the most bytes read) and
    ``w`` (walked, the argument the files it stops at and the folders it
    skips).
    """

    def __init__(self) -> None:
        self.found: dict[tuple[str, str, t.Any], t.Any] = {}
        self._folders: dict[str, str] = {}

    def __getstate__(self) -> dict[str, t.Any]:
        return {"found": self.found, "_folders": {}}

    def probed(self, path: str) -> None:
        key = ("p", path, 0)

        if key not in self.found:
            self.found[key] = probe(path, self._folders)

    def read(self, path: str, limit: int, outcome: tuple[str, bytes | str]) -> None:
        """Record a read by the bytes the check got, and the probe of the
        path made before it, so that a change in between is seen.
        """
        self.probed(path)
        self.found[("r", path, limit)] = (
            self.found[("p", path, 0)],
            read_print(outcome),
        )

    def walked(
        self, root: str, skip: frozenset[str], limit: int, files: t.Sequence[str]
    ) -> None:
        stopped = len(files) > limit
        self.found[("w", root, (limit, tuple(sorted(skip))))] = walk_print(
            files, stopped
        )

    def update(self, other: Inputs) -> None:
        for key, value in other.found.items():
            self.found.setdefault(key, value)

    def items(self) -> list[tuple[tuple[str, str, t.Any], t.Any]]:
        return sorted(self.found.items(), key=lambda item: repr(item[0]))


class _Pass:
    """One pass of asking the filesystem again, which probes each path
    and resolves each folder once.
    """

    def __init__(self) -> None:
        self.folders: dict[str, str] = {}
        self.probes: dict[str, tuple[t.Any, ...]] = {}

    def probe(self, path: str) -> tuple[t.Any, ...]:
        found = self.probes.get(path)

        if found is None:
            found = self.probes[path] = probe(path, self.folders)

        return found


def answer(kind: str, path: str, argument: t.Any, again: _Pass) -> t.Any:
    """Ask the filesystem again what an input recorded."""
    if kind == "p":
        return again.probe(path)

    if kind == "r":
        return again.probe(path), read_print(read_file(path, argument))

    if kind != "w":
        raise ValueError(kind)

    limit, skip = argument
    files, stopped = walk(path, frozenset(skip), limit)
    return walk_print(files, stopped)


def unchanged(items: t.Iterable[tuple[tuple[str, str, t.Any], t.Any]]) -> bool:
    """Whether every recorded input answers as it did."""
    again = _Pass()

    try:
        return all(answer(*key, again) == value for key, value in items)
    except Exception:
        return False


# Which runs are replayed ---------------------------------------------------


def root_probes(path: str) -> list[str]:
    """The paths whose answers decide which project a path given to
    ``check`` is in (see ``roots.project_root``): the path itself, the markers
    of a project or a bare repository in it, and ``pyproject.toml`` and
    ``.git`` in each folder above it up to the first that has one.
    """
    marks = (".git", "HEAD", "objects", "refs", *_PROJECT_FILES)
    real = os.path.realpath(path)
    found = [path, *(os.path.join(real, n) for n in marks)]
    folder = os.path.abspath(path)

    while True:
        here = [os.path.join(folder, n) for n in ("pyproject.toml", ".git")]
        found += here

        if any(os.path.exists(p) for p in here):
            break

        parent = os.path.dirname(folder)

        if parent == folder:
            break

        folder = parent

    real = os.path.realpath(folder)
    return [*found, folder, *(os.path.join(real, n) for n in marks)]


_PROJECT_FILES = ("pyproject.toml", "setup.py", "setup.cfg")
