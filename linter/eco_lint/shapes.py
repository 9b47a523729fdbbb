"""The shapes of the files rules read, so that a value of the wrong type is a
finding and never a crash.

A shape says, for the keys rules use, what type their value must have.
:func:`conform` checks parsed data against one: it returns the data with
every value of the wrong type left out, and the messages saying what was
wrong. Keys a shape does not name are kept as they are.
"""

from __future__ import annotations

import dataclasses
import typing as t


class Shape:
    def check(self, value: t.Any, where: str, ctx: _Context) -> t.Any:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError


@dataclasses.dataclass
class _Context:
    errors: list[str]


#: Returned by :meth:`Shape.check` for a value that is left out.
_DROP: t.Any = object()


def _kind(value: t.Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


def _wrong(value: t.Any, shape: Shape, where: str, ctx: _Context) -> t.Any:
    ctx.errors.append(f"{where} is {_kind(value)}, not {shape.describe()}")
    return _DROP


class _Any(Shape):
    def check(self, value: t.Any, where: str, ctx: _Context) -> t.Any:
        return value

    def describe(self) -> str:
        return "anything"


class _Text(Shape):
    def check(self, value: t.Any, where: str, ctx: _Context) -> t.Any:
        if isinstance(value, str):
            return value

        return _wrong(value, self, where, ctx)

    def describe(self) -> str:
        return "a string"


@dataclasses.dataclass(frozen=True)
class _Scalar(Shape):
    types: tuple[type, ...]
    name: str

    def check(self, value: t.Any, where: str, ctx: _Context) -> t.Any:
        if isinstance(value, self.types) and not (
            isinstance(value, bool) and bool not in self.types
        ):
            return value

        return _wrong(value, self, where, ctx)

    def describe(self) -> str:
        return self.name


@dataclasses.dataclass(frozen=True)
class List(Shape):
    """A list whose items all have one shape; a wrong item is left out."""

    item: Shape

    def check(self, value: t.Any, where: str, ctx: _Context) -> t.Any:
        if not isinstance(value, list):
            return _wrong(value, self, where, ctx)

        result = []

        for index, item in enumerate(value):
            checked = self.item.check(item, f"{where}[{index}]", ctx)

            if checked is not _DROP:
                result.append(checked)

        return result

    def describe(self) -> str:
        return "a list"


@dataclasses.dataclass(frozen=True)
class Table(Shape):
    """A table with known keys, each with its shape; other keys are kept."""

    fields: t.Mapping[str, Shape]
    rest: Shape = dataclasses.field(default_factory=_Any)

    def check(self, value: t.Any, where: str, ctx: _Context) -> t.Any:
        if not isinstance(value, dict):
            return _wrong(value, self, where, ctx)

        result = {}

        for key, item in value.items():
            name = f"{where}.{key}" if where else str(key)

            if not isinstance(key, str):
                ctx.errors.append(f"{name} has a key that is {_kind(key)}")
                continue

            checked = self.fields.get(key, self.rest).check(item, name, ctx)

            if checked is not _DROP:
                result[key] = checked

        return result

    def describe(self) -> str:
        return "a table"


class Map(Table):
    """A table with any keys whose values all have one shape."""

    def __init__(self, value: Shape) -> None:
        super().__init__({}, value)


@dataclasses.dataclass(frozen=True)
class OneOf(Shape):
    """The first of several shapes whose type matches the value."""

    options: tuple[Shape, ...]

    def check(self, value: t.Any, where: str, ctx: _Context) -> t.Any:
        for option in self.options:
            trial = _Context([])
            checked = option.check(value, where, trial)

            if checked is not _DROP:
                ctx.errors.extend(trial.errors)
                return checked

        return _wrong(value, self, where, ctx)

    def describe(self) -> str:
        return " or ".join(option.describe() for option in self.options)


ANY: Shape = _Any()
TEXT: Shape = _Text()
BOOL: Shape = _Scalar((bool,), "a boolean")
#: A string, number or boolean, as YAML-reading tools take for a string.
SCALAR: Shape = _Scalar((str, int, float, bool), "a string, number or boolean")
INT: Shape = _Scalar((int,), "an integer")
TEXTS: Shape = List(TEXT)
TEXT_OR_TEXTS: Shape = OneOf((TEXT, TEXTS))
TABLE: Shape = Map(ANY)


def one_of(*options: Shape) -> Shape:
    return OneOf(options)


def conform(data: t.Any, shape: Shape) -> tuple[t.Any, list[str]]:
    """Check data against a shape.

    :param data: The parsed file.
    :param shape: What it must look like.
    :return: The data with wrong values left out (``{}`` if the whole
        document is wrong), and what was wrong.
    """
    ctx = _Context([])
    result = shape.check(data, "", ctx)

    if result is _DROP:
        return {}, [f"the document is {_kind(data)}, not {shape.describe()}"]

    return result, ctx.errors


# pyproject.toml ----------------------------------------------------------

_PEOPLE = List(Table({"name": TEXT, "email": TEXT}))
_TOX_COMMAND = List(one_of(TEXT, TABLE))
_TOX_ENV = Table(
    {
        "description": TEXT,
        "commands": List(_TOX_COMMAND),
        "commands_pre": List(_TOX_COMMAND),
        "commands_post": List(_TOX_COMMAND),
        "deps": TEXTS,
        "dependency_groups": TEXTS,
        "extras": TEXTS,
        "base_python": TEXT_OR_TEXTS,
        "labels": TEXTS,
        "depends": TEXTS,
        "pass_env": TEXTS,
        "allowlist_externals": TEXTS,
        "set_env": Map(one_of(TEXT, TABLE)),
        "skip_install": BOOL,
        "package": TEXT,
        "runner": TEXT,
        "wheel_build_env": TEXT,
        "change_dir": TEXT,
    }
)

PYPROJECT: Shape = Table(
    {
        "project": Table(
            {
                "name": TEXT,
                "version": TEXT,
                "description": TEXT,
                "readme": one_of(
                    TEXT, Table({"file": TEXT, "text": TEXT, "content-type": TEXT})
                ),
                "requires-python": TEXT,
                "license": one_of(TEXT, Table({"file": TEXT, "text": TEXT})),
                "license-files": TEXTS,
                "authors": _PEOPLE,
                "maintainers": _PEOPLE,
                "keywords": TEXTS,
                "classifiers": TEXTS,
                "urls": Map(TEXT),
                "scripts": Map(TEXT),
                "gui-scripts": Map(TEXT),
                "entry-points": Map(Map(TEXT)),
                "dependencies": TEXTS,
                "optional-dependencies": Map(TEXTS),
                "dynamic": TEXTS,
            }
        ),
        "build-system": Table(
            {"requires": TEXTS, "build-backend": TEXT, "backend-path": TEXTS}
        ),
        "dependency-groups": Map(List(one_of(TEXT, Table({"include-group": TEXT})))),
        "tool": Table(
            {
                "tox": Table(
                    {
                        "env_list": TEXTS,
                        "requires": TEXTS,
                        "min_version": TEXT,
                        "labels": Map(TEXTS),
                        "env_run_base": _TOX_ENV,
                        "env": Map(_TOX_ENV),
                    }
                ),
                "pytest": Table(
                    {
                        "ini_options": Table(
                            {
                                "testpaths": TEXT_OR_TEXTS,
                                "filterwarnings": TEXT_OR_TEXTS,
                                "addopts": TEXT_OR_TEXTS,
                                "markers": TEXT_OR_TEXTS,
                                "minversion": TEXT,
                            }
                        )
                    }
                ),
                "mypy": Table(
                    {
                        "files": TEXT_OR_TEXTS,
                        "packages": TEXT_OR_TEXTS,
                        "python_version": TEXT,
                        "strict": BOOL,
                        "overrides": List(TABLE),
                    }
                ),
                "pyright": Table(
                    {
                        "include": TEXTS,
                        "exclude": TEXTS,
                        "pythonVersion": TEXT,
                        "typeCheckingMode": TEXT,
                    }
                ),
                "coverage": Table(
                    {
                        "run": Table({"source": TEXTS, "omit": TEXTS, "branch": BOOL}),
                        "paths": Map(TEXTS),
                        "report": Table(
                            {"exclude_also": TEXTS, "exclude_lines": TEXTS}
                        ),
                    }
                ),
                "ruff": Table(
                    {
                        "src": TEXTS,
                        "extend-exclude": TEXTS,
                        "exclude": TEXTS,
                        "target-version": TEXT,
                        "lint": Table(
                            {
                                "select": TEXTS,
                                "extend-select": TEXTS,
                                "ignore": TEXTS,
                                "per-file-ignores": Map(TEXTS),
                                "isort": TABLE,
                            }
                        ),
                    }
                ),
                "uv": Table(
                    {
                        "dev-dependencies": TEXTS,
                        "default-groups": TEXT_OR_TEXTS,
                        "sources": Map(ANY),
                    }
                ),
                "flit": Table(
                    {
                        "module": Table({"name": TEXT}),
                        "sdist": Table({"include": TEXTS, "exclude": TEXTS}),
                        "metadata": TABLE,
                        "scripts": Map(TEXT),
                        "entrypoints": Map(Map(TEXT)),
                    }
                ),
                "poetry": Table(
                    {
                        "name": TEXT,
                        "version": TEXT,
                        "dependencies": TABLE,
                        "dev-dependencies": TABLE,
                        "group": Map(Table({"dependencies": TABLE})),
                        "packages": List(TABLE),
                    }
                ),
                "pdm": Table({"dev-dependencies": Map(TEXTS)}),
                "rye": Table({"dev-dependencies": TEXTS}),
                "setuptools": Table({"dynamic": Map(TABLE)}),
                "gha-update": TABLE,
            },
            rest=TABLE,
        ),
    }
)

# GitHub workflows --------------------------------------------------------

_STRINGS = Map(TEXT)
_STEP = Table(
    {
        "uses": TEXT,
        "run": TEXT,
        "name": SCALAR,
        "id": TEXT,
        "if": SCALAR,
        "shell": TEXT,
        "working-directory": TEXT,
        "with": Map(SCALAR),
        "env": one_of(Map(ANY), TEXT),
    }
)
_PERMISSIONS = one_of(TEXT, _STRINGS)
_JOB = Table(
    {
        "name": SCALAR,
        "uses": TEXT,
        "if": SCALAR,
        "needs": TEXT_OR_TEXTS,
        "permissions": _PERMISSIONS,
        "environment": one_of(TEXT, Table({"name": TEXT, "url": TEXT})),
        "strategy": Table({"matrix": one_of(TEXT, Map(ANY))}),
        "steps": List(_STEP),
        "with": Map(ANY),
        "secrets": one_of(TEXT, _STRINGS),
        "services": Map(ANY),
        "container": one_of(TEXT, Map(ANY)),
        "env": one_of(Map(ANY), TEXT),
        "outputs": _STRINGS,
    }
)

WORKFLOW: Shape = Table(
    {
        "name": SCALAR,
        "on": one_of(TEXT, TEXTS, Map(ANY)),
        "permissions": _PERMISSIONS,
        "env": one_of(Map(ANY), TEXT),
        "jobs": Map(_JOB),
    }
)

# .pre-commit-config.yaml -------------------------------------------------

_HOOK = Table(
    {
        "id": TEXT,
        "name": SCALAR,
        "entry": SCALAR,
        "language": SCALAR,
        "files": SCALAR,
        "exclude": SCALAR,
        "args": TEXTS,
        "additional_dependencies": TEXTS,
        "types": TEXTS,
        "types_or": TEXTS,
        "stages": TEXTS,
    }
)

PRECOMMIT: Shape = Table(
    {
        "repos": List(Table({"repo": TEXT, "rev": TEXT, "hooks": List(_HOOK)})),
        "ci": TABLE,
        "default_language_version": Map(SCALAR),
        "exclude": TEXT,
        "files": TEXT,
        "minimum_pre_commit_version": TEXT,
    }
)

# .readthedocs.yaml -------------------------------------------------------

READTHEDOCS: Shape = Table(
    {
        "version": ANY,
        "build": Table({"os": TEXT, "tools": Map(SCALAR), "commands": TEXTS}),
        "sphinx": Table({"configuration": TEXT, "fail_on_warning": BOOL}),
        "python": Table({"install": List(TABLE)}),
    }
)


def answers_shape(questions: t.Mapping[str, t.Mapping[str, t.Any]]) -> Shape:
    """The shape of a Copier answers file for these questions."""
    kinds = {"str": TEXT, "bool": BOOL, "int": INT, "yaml": ANY}
    fields = {
        name: kinds.get(str(question.get("type", "str")), ANY)
        for name, question in questions.items()
    }
    return Table({**fields, "_commit": TEXT, "_src_path": TEXT})
