"""The read-only view of one repository that every rule shares.

Each file is read and parsed at most once per run. A missing file parses as
an empty mapping and a file that cannot be parsed does too, with the reason
kept in :attr:`Repo.errors`, so rules never handle ``None``. Nothing here
imports a module that writes: TOML is read with tomllib, YAML with a safe
loader, and ``setup.py`` with :mod:`ast`, never by running it.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import os
import re
import tomllib
import typing as t
from pathlib import Path

import yaml

from . import recorded
from . import shapes
from .derived import derived_value
from .errors import EcoLintError
from .parsers import ini_sections
from .parsers import own_lock_entries
from .parsers import setup_arguments
from .safe_yaml import check_depth
from .safe_yaml import load_yaml as load_yaml
from .safe_yaml import LOADER as LOADER
from .safe_yaml import PY_LOADER as PY_LOADER
from .safe_yaml import TooComplex
from .template import ANSWERS_FILE

#: Folders never walked: tool caches, environments and build output.
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".tox",
        ".nox",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "build",
        "dist",
        "_build",
        # The undo journal of a run that is writing (see fix.Transaction).
        ".eco-lint-journal",
    }
)


#: The largest file read, in bytes; a larger one is an error.
MAX_BYTES = 8 * 1024 * 1024
#: The most workflow files read.
MAX_WORKFLOWS = 256
#: The most files listed in a repository.
MAX_FILES = 200_000


_T = t.TypeVar("_T")


class Repo:
    """One repository, seen through cached parsed files. It only reads:
    what is inferred from it is worked out in :mod:`eco_lint.answers` and
    :mod:`eco_lint.standard`, and kept here with :meth:`derived`.

    :param root: The repository's top folder.
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        path = Path(root)

        if not path.is_dir():
            raise EcoLintError(f"{root} is not a directory.")

        self.root = path.resolve()
        #: Files that exist but could not be read or parsed, with the reason.
        self.errors: dict[str, str] = {}
        #: Those of :attr:`errors` that parse but hold values of the wrong
        #: type: only a fix that repairs the file itself may edit them.
        self.invalid: set[str] = set()
        self._frames: list[set[str]] = []
        self._derived: dict[str, tuple[t.Any, frozenset[str]]] = {}
        #: Every path probed, file read and folder walked, with what was
        #: found, for the cache of results.
        self.inputs = recorded.Inputs()

    def __repr__(self) -> str:
        return f"<Repo {self.root}>"

    def __deepcopy__(self, memo: dict[int, t.Any]) -> Repo:
        # A read-only view: copies share it, caches included.
        return self

    # Which files a rule reads -------------------------------------------

    @contextlib.contextmanager
    def reading(self) -> t.Iterator[set[str]]:
        """Collect the files read inside the block, directly or through a
        value computed from them (see :meth:`derived`).
        """
        frame: set[str] = set()
        self._frames.append(frame)

        try:
            yield frame
        finally:
            self._frames.pop()
            self._read(*frame)

    def _read(self, *names: str) -> None:
        for frame in self._frames:
            frame.update(names)

    def repairs(self, paths: t.Iterable[str], read: t.Iterable[str]) -> bool:
        """Whether a fix that edits ``paths`` after reading ``read`` only
        repairs files that parse but hold wrong types, and reads no other
        file that could not be used.
        """
        broken = set(self.unreadable(read))
        return broken <= self.invalid and set(paths) <= broken

    def unreadable(self, names: t.Iterable[str]) -> dict[str, str]:
        """The errors of those of these files that could not be used."""
        found = sorted(name for name in names if name in self.errors)
        return {name: self.errors[name] for name in found}

    # Files -----------------------------------------------------------

    @functools.cache  # noqa: B019
    def _inside(self, name: str) -> Path | None:
        """Resolve a relative path, or ``None`` if it leaves the repository
        (through ``..`` or a symlink) or cannot be resolved (a symlink loop).
        Told once per name: rules ask often.
        """
        path = self.root / name
        self.inputs.probed(str(path))

        try:
            path.resolve().relative_to(self.root)
        except (ValueError, OSError, RuntimeError):
            return None

        return path

    def exists(self, name: str) -> bool:
        """Whether a file or folder exists inside the repository."""
        return self._is(name, Path.exists)

    def is_file(self, name: str) -> bool:
        return self._is(name, Path.is_file)

    def is_dir(self, name: str) -> bool:
        return self._is(name, Path.is_dir)

    def _is(self, name: str, test: t.Callable[[Path], bool]) -> bool:
        path = self._inside(name)

        try:
            return path is not None and test(path)
        except OSError:
            return False

    def text(self, name: str) -> str | None:
        """The text of a file, or ``None`` if it is missing, unreadable, or
        larger than :data:`MAX_BYTES` (then with the reason in
        :attr:`errors`).
        """
        self._read(name)
        return self._text(name)

    @functools.cache  # noqa: B019 -- one Repo per run, the cache lives as long
    def _text(self, name: str) -> str | None:
        path = self._inside(name)

        if path is None:
            if os.path.lexists(self.root / name) and not name.startswith(".."):
                self.errors[name] = "cannot be read: it is a symlink loop"

            return None

        outcome = recorded.read_file(str(path), MAX_BYTES + 1)
        self.inputs.read(str(path), MAX_BYTES + 1, outcome)
        kind, data = outcome

        if kind == recorded.MISSING:
            return None

        if kind == recorded.NOT_FILE:
            self.errors[name] = "cannot be read: it is not a regular file"
            return None

        if not isinstance(data, bytes):
            self.errors[name] = f"cannot be read: {data}"
            return None

        if len(data) > MAX_BYTES:
            self.errors[name] = f"is larger than {MAX_BYTES // 1024 // 1024} MB"
            return None

        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            self.errors[name] = f"cannot be read: it is not UTF-8 ({e.reason})"
            return None

    @functools.cached_property
    def files(self) -> tuple[str, ...]:
        """Every file below the root, as sorted POSIX paths, skipping tool
        caches, virtual environments and build output.
        """
        found, stopped = recorded.walk(str(self.root), SKIP_DIRS, MAX_FILES)
        self.inputs.walked(str(self.root), SKIP_DIRS, MAX_FILES, found)

        if stopped:
            self.errors["."] = f"holds over {MAX_FILES} files; the rest is not read"

        return tuple(found)

    def glob(self, pattern: str) -> list[str]:
        """Files whose path matches a regular expression (full match)."""
        regex = re.compile(pattern)
        return [name for name in self.files if regex.fullmatch(name)]

    def line_of(self, name: str, pattern: str) -> int | None:
        """The first line number (from 1) in a file that matches a regular
        expression, to point a finding at it.
        """
        text = self.text(name)

        if text is None:
            return None

        regex = re.compile(pattern)

        for number, line in enumerate(text.splitlines(), 1):
            if regex.search(line):
                return number

        return None

    # Parsed files ----------------------------------------------------

    def toml(self, name: str) -> dict[str, t.Any]:
        self._read(name)
        return self._parsed(name, "toml")  # type: ignore[no-any-return]

    def yaml(self, name: str) -> t.Any:
        self._read(name)
        return self._parsed(name, "yaml")

    @functools.cache  # noqa: B019
    def _parsed(self, name: str, kind: str) -> t.Any:
        text = self._text(name)

        if text is None:
            return {}

        try:
            if kind == "toml":
                data = tomllib.loads(text)
                check_depth(data)
                return data

            data = load_yaml(text)
        except (tomllib.TOMLDecodeError, yaml.YAMLError) as e:
            message = str(e).splitlines()[0] if str(e) else type(e).__name__
            self.errors[name] = f"cannot be parsed: {message}"
            return {}
        except (TooComplex, RecursionError, MemoryError) as e:
            message = str(e) if isinstance(e, TooComplex) else "it nests too deep"
            self.errors[name] = f"cannot be parsed: {message}"
            return {}

        return data if data is not None else {}

    def _shaped(self, name: str, shape: shapes.Shape) -> t.Any:
        """A parsed file with its values of the wrong type left out, and
        the first of them recorded in :attr:`errors`.
        """
        data = self.toml(name) if name.endswith(".toml") else self.yaml(name)
        result, problems = shapes.conform(data, shape)

        if problems and name not in self.errors:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            self.errors[name] = f"cannot be used: {problems[0]}{more}"
            self.invalid.add(name)

        return result

    @derived_value
    def pyproject(self) -> dict[str, t.Any]:
        """``pyproject.toml``, with values of the wrong type left out. An
        empty one is an error: nothing can be told from it.
        """
        text = self.text("pyproject.toml")

        if text is not None and not text.strip():
            self.errors.setdefault("pyproject.toml", "is empty")
            return {}

        return self._shaped("pyproject.toml", shapes.PYPROJECT)  # type: ignore[no-any-return]

    @property
    def project(self) -> dict[str, t.Any]:
        """The ``[project]`` table."""
        value = self.pyproject.get("project", {})
        return value if isinstance(value, dict) else {}

    def tool(self, *keys: str) -> t.Any:
        """A ``[tool.*]`` table of ``pyproject.toml``, or ``{}``."""
        value: t.Any = self.pyproject.get("tool", {})

        for key in keys:
            if not isinstance(value, dict):
                return {}

            value = value.get(key, {})

        return value

    @derived_value
    def uv_lock(self) -> dict[str, t.Any]:
        """``uv.lock`` with what rules read of it: its top-level keys, and
        the ``[[package]]`` entries of the project itself (the editable or
        virtual root, or the one named as in ``[project]``). A lock holds an
        entry, with the hash of every file, for each package it resolves;
        parsing them all cost a check more than every rule together.
        """
        text = self.text("uv.lock")

        if text is None:
            return {}

        own = own_lock_entries(text, str(self.project.get("name", "")))

        try:
            data = tomllib.loads(own)
            check_depth(data)
            return data
        except tomllib.TOMLDecodeError as e:
            self.errors["uv.lock"] = f"cannot be parsed: {str(e).splitlines()[0]}"
            return {}
        except (TooComplex, RecursionError, MemoryError) as e:
            message = str(e) if isinstance(e, TooComplex) else "it nests too deep"
            self.errors["uv.lock"] = f"cannot be parsed: {message}"
            return {}

    @derived_value
    def precommit(self) -> dict[str, t.Any]:
        """``.pre-commit-config.yaml`` (or the ``.yml`` spelling)."""
        for name in (".pre-commit-config.yaml", ".pre-commit-config.yml"):
            if self.is_file(name):
                return self._shaped(name, shapes.PRECOMMIT)  # type: ignore[no-any-return]

        return {}

    @derived_value
    def workflows(self) -> dict[str, dict[str, t.Any]]:
        """Every workflow under ``.github/workflows/``, by file path, the
        first :data:`MAX_WORKFLOWS` of them.
        """
        result: dict[str, dict[str, t.Any]] = {}
        names = self.glob(r"\.github/workflows/[^/]+\.ya?ml")

        if len(names) > MAX_WORKFLOWS:
            self.errors[".github/workflows"] = (
                f"holds {len(names)} workflows; only the first {MAX_WORKFLOWS} are read"
            )

        for name in names[:MAX_WORKFLOWS]:
            result[name] = self._shaped(name, shapes.WORKFLOW)

        return result

    @derived_value
    def readthedocs(self) -> dict[str, t.Any]:
        for name in (".readthedocs.yaml", ".readthedocs.yml"):
            if self.is_file(name):
                return self._shaped(name, shapes.READTHEDOCS)  # type: ignore[no-any-return]

        return {}

    @derived_value
    def answers(self) -> dict[str, t.Any]:
        """The Copier answers file, if the project has one, with its answers
        checked against the template's questions.
        """
        from .questions import answers_problem
        from .questions import questions

        name = ANSWERS_FILE

        if not self.is_file(name) and not self.exists(name):
            return {}

        data = self._shaped(name, shapes.answers_shape(questions()))

        if name not in self.errors:
            problem = answers_problem(data)

            if problem:
                self.errors[name] = f"cannot be used: {problem}"

        return data  # type: ignore[no-any-return]

    def derived(self, func: t.Callable[[Repo], _T]) -> _T:
        """``func(self)``, computed once per repository from its files, such
        as the answers inferred from them or the standard rendered for
        those. Every later use counts as reading the files it was computed
        from, as :attr:`answers` and the parsed views do.
        """
        name = f"{func.__module__}.{func.__qualname__}"
        cached = self._derived.get(name)

        if cached is None:
            with self.reading() as files:
                value = func(self)

            cached = self._derived[name] = (value, frozenset(files))
        else:
            self._read(*cached[1])

        return t.cast(_T, cached[0])

    @derived_value
    def setup_cfg(self) -> dict[str, dict[str, str]]:
        """``setup.cfg`` sections, read with configparser."""
        return self._ini("setup.cfg", strict=True)

    @derived_value
    def tox_ini(self) -> dict[str, dict[str, str]]:
        """``tox.ini`` sections, read with configparser."""
        return self._ini("tox.ini", strict=False)

    def _ini(self, name: str, strict: bool) -> dict[str, dict[str, str]]:
        import configparser

        text = self.text(name)

        try:
            return ini_sections(text, strict) if text is not None else {}
        except configparser.Error as e:
            self.errors[name] = f"cannot be parsed: {str(e).splitlines()[0]}"
            return {}

    @derived_value
    def setup_py(self) -> dict[str, t.Any]:
        """The literal keyword arguments of the ``setup()`` call in
        ``setup.py``, read with :mod:`ast` and never executed. Values that
        are not literals are left out.
        """
        text = self.text("setup.py")

        if text is None:
            return {}

        try:
            tree = ast.parse(text)
        except SyntaxError as e:
            self.errors["setup.py"] = f"cannot be parsed: {e.msg} (line {e.lineno})"
            return {}
        except (ValueError, RecursionError, MemoryError) as e:
            reason = str(e) if isinstance(e, ValueError) else "it nests too deep"
            self.errors["setup.py"] = f"cannot be parsed: {reason}"
            return {}

        return setup_arguments(tree)
