"""The read-only view of one repository that every rule shares.

Each file is read and parsed at most once per run. A missing file parses as
an empty mapping and a file that cannot be parsed does too, with the reason
kept in :attr:`Repo.errors`, so rules never handle ``None``. Nothing here
imports a module that writes: TOML is read with tomllib, YAML with a safe
loader, and ``setup.py`` with :mod:`ast`, never by running it.
"""

from __future__ import annotations

import ast
import functools
import os
import re
import sys
import typing as t
from pathlib import Path

import yaml

from .errors import EcoLintError

if t.TYPE_CHECKING:
    from .standard import Standard

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

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


def load_yaml(text: str) -> t.Any:
    """Parse YAML text safely, keeping ``on`` as a string."""
    return yaml.load(text, Loader=LOADER)  # noqa: S506


#: Where each ``[[package]]`` entry of a ``uv.lock`` starts, its source
#: when it is the project itself, and its name.
_PACKAGE = re.compile(r"^(?=\[\[package\]\]\s*$)", re.MULTILINE)
_ROOT_SOURCE = re.compile(r'^source = \{ (?:editable|virtual) = "\." \}', re.MULTILINE)
_NAME = re.compile(r'^name = "([^"]*)"', re.MULTILINE)


def _canonical(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


class Repo:
    """One repository, seen through cached parsed files.

    :param root: The repository's top folder.
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        path = Path(root)

        if not path.is_dir():
            raise EcoLintError(f"{root} is not a directory.")

        self.root = path.resolve()
        #: Files that exist but could not be read or parsed, with the reason.
        self.errors: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"<Repo {self.root}>"

    def __deepcopy__(self, memo: dict[int, t.Any]) -> Repo:
        # A read-only view: copies share it, caches included.
        return self

    # Files -----------------------------------------------------------

    @functools.cache  # noqa: B019
    def _inside(self, name: str) -> Path | None:
        """Resolve a relative path, or ``None`` if it leaves the repository
        (through ``..`` or a symlink). Told once per name: rules ask often.
        """
        path = self.root / name

        try:
            path.resolve().relative_to(self.root)
        except ValueError:
            return None

        return path

    def exists(self, name: str) -> bool:
        """Whether a file or folder exists inside the repository."""
        path = self._inside(name)
        return path is not None and path.exists()

    def is_file(self, name: str) -> bool:
        path = self._inside(name)
        return path is not None and path.is_file()

    def is_dir(self, name: str) -> bool:
        path = self._inside(name)
        return path is not None and path.is_dir()

    @functools.cache  # noqa: B019 -- one Repo per run, the cache lives as long
    def text(self, name: str) -> str | None:
        """The text of a file, or ``None`` if it is missing or unreadable."""
        path = self._inside(name)

        if path is None or not path.is_file():
            return None

        try:
            return path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            self.errors[name] = f"cannot be read: {e}"
            return None

    @functools.cached_property
    def files(self) -> tuple[str, ...]:
        """Every file below the root, as sorted POSIX paths, skipping tool
        caches, virtual environments and build output.
        """
        found: list[str] = []

        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = [
                d
                for d in dirnames
                if d not in SKIP_DIRS
                and not d.endswith(".egg-info")
                and not os.path.islink(os.path.join(dirpath, d))
            ]
            rel = Path(dirpath).relative_to(self.root)
            found.extend((rel / name).as_posix() for name in filenames)

        return tuple(sorted(found))

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
        return self._parsed(name, "toml")  # type: ignore[no-any-return]

    def yaml(self, name: str) -> t.Any:
        return self._parsed(name, "yaml")

    @functools.cache  # noqa: B019
    def _parsed(self, name: str, kind: str) -> t.Any:
        text = self.text(name)

        if text is None:
            return {}

        try:
            if kind == "toml":
                return tomllib.loads(text)

            data = load_yaml(text)
        except (tomllib.TOMLDecodeError, yaml.YAMLError) as e:
            self.errors[name] = f"cannot be parsed: {str(e).splitlines()[0]}"
            return {}

        return data if data is not None else {}

    @functools.cached_property
    def pyproject(self) -> dict[str, t.Any]:
        """``pyproject.toml``."""
        return self.toml("pyproject.toml")

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

    @functools.cached_property
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
            return tomllib.loads(head + "".join(own))
        except tomllib.TOMLDecodeError as e:
            self.errors["uv.lock"] = f"cannot be parsed: {str(e).splitlines()[0]}"
            return {}

    @functools.cached_property
    def precommit(self) -> dict[str, t.Any]:
        """``.pre-commit-config.yaml`` (or the ``.yml`` spelling)."""
        for name in (".pre-commit-config.yaml", ".pre-commit-config.yml"):
            if self.is_file(name):
                data = self.yaml(name)
                return data if isinstance(data, dict) else {}

        return {}

    @functools.cached_property
    def workflows(self) -> dict[str, dict[str, t.Any]]:
        """Every workflow under ``.github/workflows/``, by file path."""
        result: dict[str, dict[str, t.Any]] = {}

        for name in self.glob(r"\.github/workflows/[^/]+\.ya?ml"):
            data = self.yaml(name)
            result[name] = data if isinstance(data, dict) else {}

        return result

    @functools.cached_property
    def readthedocs(self) -> dict[str, t.Any]:
        for name in (".readthedocs.yaml", ".readthedocs.yml"):
            if self.is_file(name):
                data = self.yaml(name)
                return data if isinstance(data, dict) else {}

        return {}

    @functools.cached_property
    def answers(self) -> dict[str, t.Any]:
        """The Copier answers file, if the project has one."""
        data = self.yaml(".copier-answers.yml")
        return data if isinstance(data, dict) else {}

    @functools.cached_property
    def inferred(self) -> dict[str, t.Any]:
        """The template's answers as far as the repository tells them."""
        from .answers import infer_answers

        return infer_answers(self)

    @functools.cached_property
    def standard(self) -> Standard:
        """The template rendered for this repository: its recorded answers
        where it has an answers file, else what can be inferred from it.
        """
        from .standard import Standard
        from .standard import supported
        from .template import template_version

        inferred = {k: supported(k, v) for k, v in self.inferred.items()}
        recorded = {k: v for k, v in self.answers.items() if not k.startswith("_")}
        commit = str(self.answers.get("_commit") or template_version())
        return Standard({**inferred, **recorded}, commit, self.hook_pin(commit))

    def hook_pin(self, version: str) -> str | None:
        """The commit the project's pre-commit config pins the eco-lint hook
        to, when it is frozen at this template version.
        """
        from .template import SOURCE_URL

        text = self.text(".pre-commit-config.yaml") or ""
        match = re.search(
            rf"repo:\s*{re.escape(SOURCE_URL)}\s*\n\s*rev:\s*([0-9a-f]{{40}})\s+#\s*frozen:\s*(\S+)",
            text,
        )
        return match.group(1) if match and match.group(2) == version else None

    @functools.cached_property
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

    @functools.cached_property
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

    @functools.cached_property
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

        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None))
                == "setup"
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
