"""tox's configuration as the rules read it: the ``[tool.tox]`` table of
``pyproject.toml``, the project's and the template's, its envs with typed
accessors, and the envs of a legacy ``tox.ini``.
"""

from __future__ import annotations

import dataclasses
import re
import typing as t

from ._ini import sections
from ._ini import TOX_INI
from ._pyproject import key_line
from ._pyproject import PYPROJECT
from ._pyproject import standard_table

if t.TYPE_CHECKING:
    from ..repo import Repo
    from ..standard import Standard

#: The keys of the ``[tool.tox]`` table.
TOX = ("tool", "tox")


@dataclasses.dataclass(frozen=True)
class ToxEnv:
    """A tox env as it is written: its name and its table. The accessors
    read the keys tox reads, and give ``()`` or ``None`` for a key that is
    missing or not of the type tox wants.

    :param section: The ``tox.ini`` section it is read from; ``""`` for
        an env of ``[tool.tox]``.
    """

    name: str
    table: dict[str, t.Any] = dataclasses.field(hash=False)
    section: str = ""

    @property
    def commands(self) -> tuple[tuple[str, ...], ...]:
        """Each command, as its string arguments (tox's ``{replace = ...}``
        tables left out); a command that is not a list is ``()``, so that
        the commands keep their places.
        """
        return _commands(self.table.get("commands"))

    @property
    def commands_pre(self) -> tuple[tuple[str, ...], ...]:
        """The commands run before ``commands``, as :attr:`commands`."""
        return _commands(self.table.get("commands_pre"))

    @property
    def deps(self) -> tuple[str, ...]:
        """The requirements tox installs."""
        return _strings(self.table.get("deps"))

    @property
    def extras(self) -> tuple[str, ...]:
        """The package's extras tox installs."""
        return _strings(self.table.get("extras"))

    @property
    def dependency_groups(self) -> tuple[str, ...]:
        """The dependency groups tox installs."""
        return _strings(self.table.get("dependency_groups"))

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels that run the env with others (``tox run -m``)."""
        return _strings(self.table.get("labels"))

    @property
    def runner(self) -> str | None:
        """The env's runner, such as ``uv-venv-lock-runner``."""
        value = self.table.get("runner")
        return value if isinstance(value, str) else None


def _strings(value: object) -> tuple[str, ...]:
    return (
        tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()
    )


def _commands(value: object) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list):
        return ()

    return tuple(_strings(command) for command in value)


def _table(value: object) -> dict[str, t.Any]:
    return value if isinstance(value, dict) else {}


def tox_table(repo: Repo) -> dict[str, t.Any]:
    """The project's ``[tool.tox]`` table, ``{}`` when it has none."""
    return _table(repo.tool("tox"))


def env(repo: Repo, name: str) -> ToxEnv | None:
    """An env of the project, or ``None`` when it is missing or empty."""
    table = _table(_table(tox_table(repo).get("env")).get(name))
    return ToxEnv(name, table) if table else None


def envs(repo: Repo) -> list[ToxEnv]:
    """The project's ``[tool.tox.env.*]`` envs, in their order."""
    return table_envs(tox_table(repo))


def table_envs(tox: object) -> list[ToxEnv]:
    """The envs of a parsed ``[tool.tox]`` table, in their order."""
    found = _table(_table(tox).get("env"))
    return [ToxEnv(n, v) for n, v in found.items() if isinstance(v, dict)]


def env_list(repo: Repo) -> list[str] | None:
    """The project's ``[tool.tox] env_list``, or ``None`` when it has no
    list there.
    """
    value = tox_table(repo).get("env_list")
    return [str(name) for name in value] if isinstance(value, list) else None


def env_list_line(repo: Repo) -> int | None:
    """The line of ``env_list`` in ``[tool.tox]``."""
    return key_line(repo, PYPROJECT, TOX, "env_list")


def ini_envs(repo: Repo) -> list[ToxEnv]:
    """The ``[testenv]`` and ``[testenv:*]`` envs of ``tox.ini``, with
    each command read as its words (the base env's name is ``testenv``).
    """
    found: list[ToxEnv] = []

    for section, values in sections(repo, TOX_INI).items():
        if not re.fullmatch(r"testenv(:.*)?", section):
            continue

        table: dict[str, t.Any] = dict(values)
        lines = values.get("commands", "").splitlines()
        table["commands"] = [line.split() for line in lines if line.split()]
        found.append(ToxEnv(section.partition(":")[2] or section, table, section))

    return found


def standard_tox(std: Standard) -> dict[str, t.Any]:
    """The template's ``[tool.tox]`` table."""
    return standard_table(std, *TOX)


def standard_env(std: Standard, name: str) -> dict[str, t.Any]:
    """An env of the template, or ``{}`` when it has none of that name."""
    return _table(_table(standard_tox(std).get("env")).get(name))


def standard_env_list(std: Standard) -> list[str]:
    """The template's ``env_list``."""
    value = standard_tox(std).get("env_list")
    return [str(name) for name in value] if isinstance(value, list) else []
