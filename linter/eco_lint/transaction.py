"""Writing changes: atomic writes (a temporary file in the same folder,
then a rename), made in one :class:`Transaction` per run that is undone as
a whole when the run does not finish, never leaving the repository, never
going through a symlink, and never touching a file that could not be read
or parsed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import typing as t
from pathlib import Path

from .errors import EcoLintError
from .fix import Change

if t.TYPE_CHECKING:
    from .repo import Repo


def _safe_target(root: Path, path: str) -> Path:
    """The file to write, refusing paths that leave the repository or pass
    through a symlink.
    """
    parts = Path(path).parts

    if not parts or Path(path).is_absolute() or ".." in parts:
        raise EcoLintError(f"Refusing to write {path}: outside the repository.")

    for depth in range(1, len(parts) + 1):
        if root.joinpath(*parts[:depth]).is_symlink():
            raise EcoLintError(f"Refusing to write {path}: it goes through a symlink.")

    return root.joinpath(*parts)


def _writable(path: str, target: Path) -> None:
    """Refuse, before anything is written, a file or the folder it goes in
    that is read-only: by its mode, which binds every user, or to this one.
    A rename could replace a read-only file; its owner meant it to stay.
    """
    import stat

    folder = target.parent

    while not folder.exists() and folder != folder.parent:
        folder = folder.parent

    for place, what in ((target, "it is"), (folder, "its folder is")):
        try:
            mode = place.lstat().st_mode
        except FileNotFoundError:
            continue
        except OSError as e:
            raise EcoLintError(f"Cannot write {path}: {e.strerror or e}.") from None

        writable = mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)

        if not writable or not os.access(place, os.W_OK):
            raise EcoLintError(f"Cannot write {path}: {what} read-only.")


#: The folder, at the repository's root, that holds the undo journal of the
#: run that is writing: the old content of every file it changed.
JOURNAL = ".eco-lint-journal"


def _fault(step: str) -> None:
    """Called before every change to the file system, so that tests can
    interrupt a write between any two steps.
    """


def _temp(target: Path) -> Path:
    return target.with_name(f".{target.name}.eco-lint.tmp")


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return

    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _put(target: Path, data: bytes, mode: int | None) -> None:
    """Replace a file atomically: a temporary file beside it, then a
    rename; the temporary file never survives.
    """
    temp = _temp(target)
    _fault(f"write {target}")

    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)

        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())

        if mode is not None:
            os.chmod(temp, mode)

        _fault(f"rename {target}")
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise

    _fsync_dir(target.parent)


class Transaction:
    """Every write of one run, undone together if the run does not finish.

    Before a file is changed, its old content (or its absence) is recorded
    in an undo journal in :data:`JOURNAL`, made durable, and only then is
    the file replaced with a rename. When the run finishes, the journal is
    removed and the new tree stays; when it ends with an exception or an
    interrupt, every change is undone; when the process is killed, the
    next run that writes undoes them first (:func:`recover`). So an
    interrupt at any point leaves the old tree or the new one, and
    running again converges.

    :param root: The repository's root folder.
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root).resolve()
        self.journal = self.root / JOURNAL
        self._index: t.IO[str] | None = None
        self._count = 0
        self._joined = False

    def __enter__(self) -> Transaction:
        outer = _ACTIVE.get(self.root)

        if outer is not None:
            # A run inside a run (adopt applies the fixes): one transaction.
            self._joined = True
            return outer

        self._joined = False
        recover(self.root)
        _fault("journal")

        try:
            self.journal.mkdir()
            self._index = (self.journal / "index").open("w", encoding="utf-8")
        except OSError as e:
            shutil.rmtree(self.journal, ignore_errors=True)
            raise EcoLintError(
                f"Cannot write in {self.root}: {e.strerror or e}."
            ) from None

        _ACTIVE[self.root] = self
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: t.Any) -> None:
        if self._joined:
            return

        del _ACTIVE[self.root]

        if self._index is not None:
            self._index.close()

        if kind is None:
            # Removing the index is the commit: before it, the run is undone.
            try:
                _fault("commit")
                (self.journal / "index").unlink()
            except BaseException:
                recover(self.root)
                raise

            shutil.rmtree(self.journal, ignore_errors=True)
        else:
            recover(self.root)

    def _note(self, **entry: t.Any) -> None:
        """Record an undo step durably, before the change it undoes."""
        assert self._index is not None
        self._index.write(json.dumps(entry) + "\n")
        self._index.flush()
        os.fsync(self._index.fileno())

    def _backup(self, path: str, target: Path) -> None:
        if target.exists():
            self._count += 1
            backup = self.journal / str(self._count)
            _fault(f"backup {path}")
            shutil.copyfile(target, backup, follow_symlinks=False)

            with backup.open("rb") as f:
                os.fsync(f.fileno())

            mode = target.stat().st_mode & 0o777
            self._note(op="file", path=path, backup=backup.name, mode=mode)
        else:
            self._note(op="file", path=path, backup=None, mode=None)

    def _mkdirs(self, folder: Path) -> None:
        missing = []

        while not folder.exists():
            missing.append(folder)
            folder = folder.parent

        for path in reversed(missing):
            self._note(op="mkdir", path=path.relative_to(self.root).as_posix())
            _fault(f"mkdir {path}")
            path.mkdir()

    def write(self, changes: t.Iterable[Change]) -> list[str]:
        """Write changes: new and replaced files first, then deletions, so
        that a move creates its new file before it removes the old one.
        """
        ordered = sorted(changes, key=lambda c: c.new is None)
        targets = [(c, _safe_target(self.root, c.path)) for c in ordered]
        written: list[str] = []

        for change, target in targets:
            _writable(change.path, target)

        for change, target in targets:
            try:
                written += self._change(change, target)
            except OSError as e:
                raise EcoLintError(
                    f"Cannot write {change.path}: {e.strerror or e}."
                ) from None

        return written

    def _change(self, change: Change, target: Path) -> list[str]:
        """Write one change, noting first how to undo it."""
        if change.new is not None:
            # Folders first: undone last, once emptied.
            self._mkdirs(target.parent)

        self._backup(change.path, target)

        if change.new is None:
            _fault(f"delete {target}")
            target.unlink(missing_ok=True)
            self._remove_empty(target)
            return [change.path]

        mode = target.stat().st_mode & 0o777 if target.exists() else None
        _put(target, change.new.encode("utf-8"), mode)
        return [change.path]

    def _remove_empty(self, target: Path) -> None:
        # Git keeps no empty folders; neither does a fix.
        for parent in target.parents:
            if parent == self.root or any(parent.iterdir()):
                break

            self._note(op="rmdir", path=parent.relative_to(self.root).as_posix())
            _fault(f"rmdir {parent}")
            parent.rmdir()


_ACTIVE: dict[Path, Transaction] = {}


def recover(root: str | os.PathLike[str]) -> bool:
    """Undo the changes of a run that was killed before it finished, from
    its journal; return whether there was one. Each step is checked to stay
    inside the repository and off symlinks, as writes are.
    """
    root = Path(root).resolve()
    journal = root / JOURNAL

    if journal.is_symlink() or not journal.is_dir():
        return False

    for entry in reversed(_entries(journal)):
        try:
            target = _safe_target(root, entry["path"])
        except EcoLintError:
            continue

        _temp(target).unlink(missing_ok=True)
        _undo(journal, target, entry)

    shutil.rmtree(journal)
    return True


def _entries(journal: Path) -> list[dict[str, t.Any]]:
    """The steps a journal records, up to a torn last line."""
    try:
        lines = (journal / "index").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []

    entries = []

    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            break  # a torn last line: its change was never made

        if isinstance(entry, dict) and isinstance(entry.get("path"), str):
            entries.append(entry)

    return entries


def _undo(journal: Path, target: Path, entry: dict[str, t.Any]) -> None:
    """Undo one step: a folder made or removed, a file written or deleted."""
    if entry.get("op") == "mkdir":
        with contextlib.suppress(OSError):
            target.rmdir()
    elif entry.get("op") == "rmdir":
        with contextlib.suppress(OSError):
            target.mkdir(parents=True, exist_ok=True)
    elif entry.get("op") == "file":
        backup = entry.get("backup")
        mode = entry.get("mode")

        with contextlib.suppress(OSError):
            if isinstance(backup, str) and (journal / Path(backup).name).is_file():
                data = (journal / Path(backup).name).read_bytes()
                target.parent.mkdir(parents=True, exist_ok=True)
                _put(target, data, mode if isinstance(mode, int) else None)
            elif backup is None:
                target.unlink(missing_ok=True)


def write(repo: Repo, changes: t.Iterable[Change]) -> list[str]:
    """Write changes atomically and return the paths written: inside the
    run's :class:`Transaction`, or in one of their own.
    """
    changes = list(changes)
    active = _ACTIVE.get(repo.root)

    if active is not None:
        return active.write(changes)

    with Transaction(repo.root) as transaction:
        return transaction.write(changes)
