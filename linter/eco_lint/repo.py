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

from . import results
from . import shapes
from .errors import EcoLintError
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


def _yaml12(base: t.Any) -> t.Any:
    """A safe loader that reads YAML 1.2 booleans only, so that the ``on:``
    key of a workflow stays the string ``"on"``.
    """
    loader: t.Any = type(f"YAML12{base.__name__}", (base,), {})
    loader.yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for key, resolvers in base.yaml_implicit_resolvers.items()
    }
    loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    return loader


#: The pure-Python loader, and libyaml's where PyYAML was built with it,
#: which parses the same documents many times faster. Both resolve tags in
#: Python, with the same resolvers.
PY_LOADER = _yaml12(yaml.SafeLoader)
LOADER = _yaml12(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


#: Where each ``[[package]]`` entry of a ``uv.lock`` starts, its source
#: when it is the project itself, and its name.
_PACKAGE = re.compile(r"^(?=\[\[package\]\]\s*$)", re.MULTILINE)
_ROOT_SOURCE = re.compile(r'^source = \{ (?:editable|virtual) = "\." \}', re.MULTILINE)
_NAME = re.compile(r'^name = "([^"]*)"', re.MULTILINE)


def _canonical(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


#: The largest file read, in bytes; a larger one is an error.
MAX_BYTES = 8 * 1024 * 1024
#: The deepest nesting of lists and tables a parsed file may have.
MAX_DEPTH = 64
#: How many values YAML aliases may add to a document, beyond its own.
MAX_ALIASED = 100_000
#: The most workflow files read.
MAX_WORKFLOWS = 256
#: The most files listed in a repository.
MAX_FILES = 200_000


class TooComplex(ValueError):
    """A file is too large, too deep or expands too far to be read."""


_FLOW = re.compile(r"[\[\]{}]")
_BLOCK = re.compile(r"^[ \t]*+(?:[-?:][ \t]++)*+", re.MULTILINE)


def _prescan(text: str) -> None:
    """Refuse YAML nested so deep that a parser could run out of stack,
    before any parser sees it: a bound from brackets and from the columns
    before a line's content, which is over the real depth.
    """
    depth = worst = 0

    for match in _FLOW.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        worst = max(worst, depth)

    if worst > 16 * MAX_DEPTH:
        raise TooComplex(f"nests more than {MAX_DEPTH} levels deep")

    if any(len(m.group()) > 64 * MAX_DEPTH for m in _BLOCK.finditer(text)):
        raise TooComplex(f"nests more than {MAX_DEPTH} levels deep")


def _check_graph(root: yaml.Node) -> None:
    """Refuse a composed YAML document that nests too deep, refers to
    itself, or whose aliases would expand it past :data:`MAX_ALIASED`
    values. Each node is visited once: aliases share their node.
    """
    done: dict[int, tuple[int, int]] = {}
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]

    def children(node: yaml.Node) -> list[yaml.Node]:
        if isinstance(node, yaml.MappingNode):
            return [item for pair in node.value for item in pair]

        if isinstance(node, yaml.SequenceNode):
            return list(node.value)

        return []

    while stack:
        node, finished = stack.pop()
        key = id(node)

        if finished:
            below = [done[id(c)] for c in children(node)]
            size = 1 + sum(s for s, _ in below)
            height = 1 + max((h for _, h in below), default=0)

            if height > MAX_DEPTH:
                raise TooComplex(f"nests more than {MAX_DEPTH} levels deep")

            done[key] = (size, height)
            open_.discard(key)
            continue

        if key in done:
            continue

        if key in open_:
            raise TooComplex("has an alias that refers to itself")

        open_.add(key)
        stack.append((node, True))

        for child in children(node):
            if id(child) in open_:
                raise TooComplex("has an alias that refers to itself")

            if id(child) not in done:
                stack.append((child, False))

    if done[id(root)][0] > len(done) + MAX_ALIASED:
        raise TooComplex(f"has aliases that expand past {MAX_ALIASED} values")


def load_yaml(text: str) -> t.Any:
    """Parse YAML text safely, keeping ``on`` as a string. Documents that
    nest too deep or whose aliases expand too far raise :class:`TooComplex`
    before any Python value is made.
    """
    _prescan(text)
    loader = LOADER(text)

    try:
        node = loader.get_single_node()

        if node is None:
            return None

        _check_graph(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def check_depth(data: t.Any) -> None:
    """Refuse parsed data nested deeper than :data:`MAX_DEPTH`."""
    stack = [(data, 1)]

    while stack:
        value, depth = stack.pop()

        if depth > MAX_DEPTH:
            raise TooComplex(f"nests more than {MAX_DEPTH} levels deep")

        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


_T = t.TypeVar("_T")


class _derived(t.Generic[_T]):
    """A value computed once per repository from its files. Every later
    use counts as reading the files it was computed from, so that a rule
    using it is told apart when one of them could not be read.
    """

    def __init__(self, func: t.Callable[[Repo], _T]) -> None:
        self.func = func
        self.__doc__ = func.__doc__

    @t.overload
    def __get__(self, obj: None, owner: type[Repo]) -> _derived[_T]: ...

    @t.overload
    def __get__(self, obj: Repo, owner: type[Repo]) -> _T: ...

    def __get__(self, obj: Repo | None, owner: type[Repo]) -> _derived[_T] | _T:
        if obj is None:
            return self

        return obj.derived(self.func)


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
        self.inputs = results.Inputs()

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

    @contextlib.contextmanager
    def aside(self) -> t.Iterator[set[str]]:
        """Collect the files read inside the block apart from any enclosing
        :meth:`reading`: a check that works out its fix reads here what
        only the fix needs, so that a file that cannot be used costs the
        fix, not the finding.
        """
        frames, self._frames = self._frames, []

        try:
            with self.reading() as frame:
                yield frame
        finally:
            self._frames = frames

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
        path = self._inside(name)

        try:
            return path is not None and path.exists()
        except OSError:
            return False

    def is_file(self, name: str) -> bool:
        path = self._inside(name)

        try:
            return path is not None and path.is_file()
        except OSError:
            return False

    def is_dir(self, name: str) -> bool:
        path = self._inside(name)

        try:
            return path is not None and path.is_dir()
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

        outcome = results.read_file(str(path), MAX_BYTES + 1)
        self.inputs.read(str(path), MAX_BYTES + 1, outcome)
        kind, data = outcome

        if kind == results.MISSING:
            return None

        if kind == results.NOT_FILE:
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
        found, stopped = results.walk(str(self.root), SKIP_DIRS, MAX_FILES)
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

    @_derived
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

    @_derived
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

        head, *packages = _PACKAGE.split(text)
        name = _canonical(str(self.project.get("name", "")))
        own = [
            p
            for p in packages
            if _ROOT_SOURCE.search(p)
            or ((m := _NAME.search(p)) is not None and _canonical(m[1]) == name)
        ]

        try:
            data = tomllib.loads(head + "".join(own))
            check_depth(data)
            return data
        except tomllib.TOMLDecodeError as e:
            self.errors["uv.lock"] = f"cannot be parsed: {str(e).splitlines()[0]}"
            return {}
        except (TooComplex, RecursionError, MemoryError) as e:
            message = str(e) if isinstance(e, TooComplex) else "it nests too deep"
            self.errors["uv.lock"] = f"cannot be parsed: {message}"
            return {}

    @_derived
    def precommit(self) -> dict[str, t.Any]:
        """``.pre-commit-config.yaml`` (or the ``.yml`` spelling)."""
        for name in (".pre-commit-config.yaml", ".pre-commit-config.yml"):
            if self.is_file(name):
                return self._shaped(name, shapes.PRECOMMIT)  # type: ignore[no-any-return]

        return {}

    @_derived
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

    @_derived
    def readthedocs(self) -> dict[str, t.Any]:
        for name in (".readthedocs.yaml", ".readthedocs.yml"):
            if self.is_file(name):
                return self._shaped(name, shapes.READTHEDOCS)  # type: ignore[no-any-return]

        return {}

    @_derived
    def answers(self) -> dict[str, t.Any]:
        """The Copier answers file, if the project has one, with its answers
        checked against the template's questions.
        """
        from .standard import questions

        name = ANSWERS_FILE

        if not self.is_file(name) and not self.exists(name):
            return {}

        data = self._shaped(name, shapes.answers_shape(questions()))

        if name not in self.errors:
            problem = _answers_problem(data)

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

    @_derived
    def setup_cfg(self) -> dict[str, dict[str, str]]:
        """``setup.cfg`` sections, read with configparser."""
        import configparser

        text = self.text("setup.cfg")

        if text is None:
            return {}

        parser = configparser.ConfigParser(interpolation=None)

        try:
            parser.read_string(text)
        except configparser.Error as e:
            self.errors["setup.cfg"] = f"cannot be parsed: {str(e).splitlines()[0]}"
            return {}

        return {section: dict(parser[section]) for section in parser.sections()}

    @_derived
    def tox_ini(self) -> dict[str, dict[str, str]]:
        """``tox.ini`` sections, read with configparser."""
        import configparser

        text = self.text("tox.ini")

        if text is None:
            return {}

        parser = configparser.ConfigParser(interpolation=None, strict=False)

        try:
            parser.read_string(text)
        except configparser.Error as e:
            self.errors["tox.ini"] = f"cannot be parsed: {str(e).splitlines()[0]}"
            return {}

        return {section: dict(parser[section]) for section in parser.sections()}

    @_derived
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


def setup_arguments(tree: ast.AST) -> dict[str, t.Any]:
    """The keyword arguments of the first ``setup()`` call in a parsed
    ``setup.py``: literal values as they are, the others as ``...``.
    """
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) == "setup"
        ):
            result: dict[str, t.Any] = {}

            for keyword in node.keywords:
                if keyword.arg is None:
                    continue

                try:
                    result[keyword.arg] = ast.literal_eval(keyword.value)
                except (ValueError, TypeError, SyntaxError, RecursionError):
                    result[keyword.arg] = ...

            return result

    return {}


def _answers_problem(data: t.Mapping[str, t.Any]) -> str | None:
    """What is wrong with recorded answers, or ``None``: an answer outside
    its question's choices. (Validators need the renderer; adopting and
    updating run them.)
    """
    from .standard import choices
    from .standard import questions

    for name, value in data.items():
        allowed = choices(name) if name in questions() else None

        if allowed is not None and value not in allowed:
            return f"{name}: {value!r} is not one of {', '.join(map(str, allowed))}"

    return None
