"""Fixes: what a rule proposes to change, as data, and the code that
applies it.

A rule's ``fix`` returns a :class:`Fix`: a title, an applicability and a
list of edits. Edits only describe a change; applying them is done here,
and only here are tomlkit and ruamel.yaml imported, so that check mode
stays light. Each edit turns the current text of one file into its new
text: TOML and YAML edits round-trip the document, so that comments, key
order, quoting and line endings of everything they do not touch stay as
they were.

Writes are atomic (a temporary file in the same folder, then a rename),
made in one :class:`Transaction` per run that is undone as a whole when the
run does not finish, never leave the repository, never go through a
symlink, and never touch a file that could not be read or parsed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import typing as t
from pathlib import Path

from .errors import EcoLintError
from .standard import standard_for

if t.TYPE_CHECKING:
    from .facts import Facts
    from .repo import Repo

#: ``safe`` fixes change one key, table, step or file and keep the rest of
#: the file byte for byte; ``unsafe`` fixes rewrite user-owned content,
#: rename or delete files, or migrate a layout; ``display`` fixes are shown
#: by ``--diff`` and never applied, because the intent cannot be known.
Applicability = t.Literal["safe", "unsafe", "display"]


class FixConflict(Exception):
    """An edit does not apply to the file as it now is. The fix it belongs
    to is left out; the others still apply.
    """


@dataclasses.dataclass(frozen=True)
class Template:
    """A value taken from the template's render of the same file, at these
    keys, with its formatting and comments.
    """

    keys: tuple[str | int, ...]


class Edit:
    """A change to one file."""

    path: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        """Return the new text of the file (``None`` to delete it), given
        its current text (``None`` if it does not exist).
        """
        raise NotImplementedError


@dataclasses.dataclass(frozen=True)
class Fix:
    """What a rule proposes to change.

    :param title: What the fix does, in the imperative.
    :param applicability: Whether ``--fix`` applies it.
    :param edits: The changes, in order.
    """

    title: str
    applicability: Applicability
    edits: tuple[Edit, ...]


def merged(fixes: t.Sequence[Fix]) -> Fix:
    """One fix for the failures of one rule: the fixes they carry, each
    once, in order, under the first one's title and as safe as the least
    safe of them.
    """
    unique = list(dict.fromkeys(fixes))

    if len(unique) == 1:
        return unique[0]

    order: tuple[Applicability, ...] = ("safe", "unsafe", "display")
    least = order[max(order.index(f.applicability) for f in unique)]
    edits = tuple(edit for fix in unique for edit in fix.edits)
    return Fix(unique[0].title, least, edits)


# Whole files -----------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class WriteFile(Edit):
    """Create or replace a file. ``text=None`` takes the template's render."""

    path: str
    text: str | None = None

    def apply(self, text: str | None, repo: Repo) -> str | None:
        new = self.text if self.text is not None else standard_for(repo).text(self.path)

        if new is None:
            raise FixConflict(f"the template has no {self.path}")

        return new


@dataclasses.dataclass(frozen=True)
class DeleteFile(Edit):
    path: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        return None


@dataclasses.dataclass(frozen=True)
class MoveFile(Edit):
    """Rename a file. Applied as a deletion here and a creation at
    ``target`` by :func:`plan`.
    """

    path: str
    target: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        return None


@dataclasses.dataclass(frozen=True)
class TextReplace(Edit):
    """Replace exact text that must be there."""

    path: str
    old: str
    new: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None or self.old not in text:
            raise FixConflict(f"{self.path} no longer has the text to replace")

        return text.replace(self.old, self.new, 1)


@dataclasses.dataclass(frozen=True)
class EditLines(Edit):
    """Add lines that are missing, at the end, and remove lines, comparing
    lines without their surrounding spaces.
    """

    path: str
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()

    def apply(self, text: str | None, repo: Repo) -> str | None:
        def change(source: str) -> str:
            lines = [
                line for line in source.splitlines() if line.strip() not in self.remove
            ]
            present = {line.strip() for line in lines}
            lines += [line for line in self.add if line.strip() not in present]
            return "\n".join(lines) + "\n" if lines else ""

        return keep_newlines(text or "", change)


# Line endings ----------------------------------------------------------


def keep_newlines(text: str, change: t.Callable[[str], str]) -> str:
    """Edit LF text and give it back in the file's own line endings."""
    crlf = "\r\n" in text
    result = change(text.replace("\r\n", "\n"))
    return result.replace("\n", "\r\n") if crlf else result


# TOML ------------------------------------------------------------------


def toml_template(repo: Repo, path: str, keys: tuple[str | int, ...]) -> t.Any:
    import tomlkit

    source = standard_for(repo).text(path)

    if source is None:
        raise FixConflict(f"the template has no {path}")

    value: t.Any = tomlkit.parse(source)

    for key in keys:
        try:
            value = value[key]
        except (KeyError, IndexError):
            raise FixConflict(
                f"the template's {path} has no {'.'.join(map(str, keys))}"
            ) from None

    return value


@dataclasses.dataclass(frozen=True)
class TomlSet(Edit):
    """Set a key or a table, creating the tables above it."""

    path: str
    keys: tuple[str, ...]
    value: t.Any

    def apply(self, text: str | None, repo: Repo) -> str | None:
        import tomlkit

        value = self.value

        if isinstance(value, Template):
            value = toml_template(repo, self.path, value.keys)

        def change(source: str) -> str:
            doc = tomlkit.parse(source)
            table: t.Any = doc

            for key in self.keys[:-1]:
                if key not in table:
                    table[key] = tomlkit.table(is_super_table=True)

                table = table[key]

                if not isinstance(table, dict):
                    raise FixConflict(f"{key} in {self.path} is not a table")

            table[self.keys[-1]] = value
            return tomlkit.dumps(doc)

        return keep_newlines(text or "", change)


@dataclasses.dataclass(frozen=True)
class TomlRemove(Edit):
    """Remove a key or a table, if it is there."""

    path: str
    keys: tuple[str, ...]

    def apply(self, text: str | None, repo: Repo) -> str | None:
        import tomlkit

        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        def change(source: str) -> str:
            doc = tomlkit.parse(source)
            table: t.Any = doc

            for key in self.keys[:-1]:
                table = table.get(key)

                if not isinstance(table, dict):
                    return source

            if self.keys[-1] in table:
                del table[self.keys[-1]]

            return tomlkit.dumps(doc)

        return keep_newlines(text, change)


# YAML ------------------------------------------------------------------


def yaml_load(source: str) -> tuple[t.Any, t.Any]:
    """Load YAML for a round trip, with the indentation the file uses."""
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    _, sequence, offset = load_yaml_guess_indent(source)
    mapping = next(
        (
            len(line) - len(line.lstrip(" "))
            for line in source.splitlines()
            if line.startswith(" ") and not line.lstrip(" ").startswith(("-", "#"))
        ),
        2,
    )
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=mapping, sequence=sequence or mapping, offset=offset or 0)
    return yaml, yaml.load(source)


def yaml_dump(yaml: t.Any, data: t.Any) -> str:
    import io

    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _walk(data: t.Any, route: tuple[str | int, ...], path: str, create: bool) -> t.Any:
    from ruamel.yaml.comments import CommentedMap

    node = data

    for key in route:
        if isinstance(node, dict):
            if key not in node:
                if not create:
                    raise FixConflict(f"{path} has no {'/'.join(map(str, route))}")

                node[key] = CommentedMap()

            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        else:
            raise FixConflict(f"{path} has no {'/'.join(map(str, route))}")

    return node


@dataclasses.dataclass(frozen=True)
class YamlChange(Edit):
    """A change made in place on a round-tripped YAML mapping. Subclasses
    implement :meth:`change`; when it returns ``False`` nothing changed and
    the file is left byte for byte.
    """

    path: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        def change(source: str) -> str:
            yaml, data = yaml_load(source)

            if not isinstance(data, dict):
                raise FixConflict(f"{self.path} is not a mapping")

            if self.change(data, repo) is False:
                return source

            return yaml_dump(yaml, data)

        return keep_newlines(text, change)

    def change(self, data: t.Any, repo: Repo) -> bool | None:
        """Change the data in place; return ``False`` if nothing changed."""
        raise NotImplementedError


@dataclasses.dataclass(frozen=True)
class YamlSet(Edit):
    """Set a mapping key, creating the mappings above it. A new key goes
    after the key named by ``after``, or last.
    """

    path: str
    route: tuple[str | int, ...]
    value: t.Any
    after: str | None = None

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        def change(source: str) -> str:
            yaml, data = yaml_load(source)
            parent = _walk(data, self.route[:-1], self.path, create=True)
            key = self.route[-1]

            if not isinstance(parent, dict):
                raise FixConflict(f"{self.path} has no mapping at {self.route[:-1]}")

            if key in parent or self.after not in parent:
                parent[key] = self.value
            else:
                position = list(parent).index(self.after) + 1
                parent.insert(position, key, self.value)  # type: ignore[attr-defined]

            return yaml_dump(yaml, data)

        return keep_newlines(text, change)


@dataclasses.dataclass(frozen=True)
class YamlRemove(Edit):
    """Remove a mapping key or a list item, if it is there."""

    path: str
    route: tuple[str | int, ...]

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        def change(source: str) -> str:
            yaml, data = yaml_load(source)
            parent = _walk(data, self.route[:-1], self.path, create=False)
            key = self.route[-1]

            if isinstance(parent, dict) and key in parent:
                del parent[key]
            elif (
                isinstance(parent, list) and isinstance(key, int) and key < len(parent)
            ):
                del parent[key]
            else:
                return source

            return yaml_dump(yaml, data)

        return keep_newlines(text, change)


# Planning and writing --------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Change:
    """The old and new text of one file; ``None`` where it does not exist."""

    path: str
    old: str | None
    new: str | None

    def diff(self) -> str:
        import difflib

        old = (self.old or "").splitlines(keepends=True)
        new = (self.new or "").splitlines(keepends=True)
        lines = difflib.unified_diff(
            old,
            new,
            fromfile="/dev/null" if self.old is None else f"a/{self.path}",
            tofile="/dev/null" if self.new is None else f"b/{self.path}",
        )
        return "".join(line if line.endswith("\n") else f"{line}\n" for line in lines)


class Refusal(str):
    """Why a fix was not applied although its edits apply: it would lose
    something the project owns. A ``str``, so that it reads as the reason.
    """


@dataclasses.dataclass(frozen=True)
class Refuse(Edit):
    """A fix that cannot keep everything the project owns: it changes
    nothing and says why, so that the maintainer can do it by hand.
    """

    path: str
    reason: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        raise FixConflict(Refusal(self.reason))


def refusal(title: str, reason: str, path: str = "pyproject.toml") -> Fix:
    """An unsafe fix that is never applied and names what it would lose."""
    return Fix(title, "unsafe", (Refuse(path, reason),))


def plan(
    repo: Repo, fixes: t.Iterable[Fix], before: Facts | None = None
) -> tuple[list[Change], list[tuple[Fix, str]]]:
    """Apply fixes in memory, in order. Return the changed files and the
    fixes that did not apply, with the reason.

    Each fix is kept only if the project's facts after it (its name,
    version, dependencies, shipped files, licence notices, changelog,
    tests, CI, tox envs, ignores: see :mod:`.facts`) keep everything the
    repository has now; a fix that would lose one is refused with a
    :class:`Refusal` that names it, and the others still apply.

    :param before: The facts to keep, by default the repository's own;
        rounds of fixes pass the facts of the repository they started from.
    """
    from .facts import losses
    from .facts import read_facts

    state: dict[str, str | None] = {}
    failed: list[tuple[Fix, str]] = []
    newer = _newer_template(repo)

    for fix in fixes:
        if newer is not None:
            failed.append((fix, Refusal(newer)))
            continue

        trial = dict(state)

        try:
            with repo.reading() as files:
                for edit in fix.edits:
                    if edit.path in repo.errors and edit.path not in repo.invalid:
                        raise FixConflict(f"{edit.path} {repo.errors[edit.path]}")

                    text = (
                        trial[edit.path] if edit.path in trial else repo.text(edit.path)
                    )
                    trial[edit.path] = edit.apply(text, repo)

                    if isinstance(edit, MoveFile):
                        trial[edit.target] = text

            # Nothing is rendered from values inferred without a file.
            if not repo.repairs([e.path for e in fix.edits], files):
                for name, reason in repo.unreadable(files).items():
                    raise FixConflict(f"{name} {reason}")
        except FixConflict as e:
            # A rule's own refusal reads as the guard's does.
            (reason,) = e.args or ("",)
            failed.append((fix, reason if isinstance(reason, Refusal) else str(e)))
            continue
        except Exception as e:  # noqa: BLE001 -- one broken fix must not stop the rest
            failed.append((fix, f"{type(e).__name__}: {str(e)[:200]}"))
            continue

        if before is None:
            before = read_facts(repo)

        lost = losses(before, read_facts(repo, trial))

        if lost:
            failed.append((fix, Refusal("; ".join(map(str, lost)))))
            continue

        state = trial

    changes = [
        Change(path, repo.text(path), new)
        for path, new in state.items()
        if new != repo.text(path) and not (new is None and not repo.exists(path))
    ]
    return changes, failed


def _newer_template(repo: Repo) -> str | None:
    """Why no fix applies when the project records a newer template
    version than the one this eco-lint carries: its fixes would write the
    older template's files back.
    """
    from packaging.version import InvalidVersion
    from packaging.version import Version

    from .template import template_version

    recorded = str(repo.answers.get("_commit") or "")

    try:
        if Version(recorded.lstrip("v")) <= Version(template_version()):
            return None
    except InvalidVersion:
        return None

    return (
        f"the project records template version {recorded}, newer than the "
        f"{template_version()} this eco-lint carries: upgrade eco-lint first"
    )


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

    for entry in reversed(entries):
        try:
            target = _safe_target(root, entry["path"])
        except EcoLintError:
            continue

        _temp(target).unlink(missing_ok=True)

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

    shutil.rmtree(journal)
    return True


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
