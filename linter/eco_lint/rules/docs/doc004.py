"""DOC004: the docs build with warnings as errors."""

from __future__ import annotations

import dataclasses
import functools
import re
import typing as t

from ...edits import Edit
from ...edits import FixConflict
from ...edits import keep_newlines
from ...edits.tables import RewriteArrays
from ...edits.yaml import YamlChange
from ...edits.yaml import YamlSet
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Docs
from .._edits import carrying
from .._tox import table_envs
from ._paths import first_file
from ._paths import RTD
from ._paths import YML
from ._readthedocs import fails_on_warning
from ._readthedocs import read_the_docs
from ._readthedocs import replaces_build
from ._render import rendered_toml
from ._sphinx import sphinx_args
from ._sphinx import SphinxRun
from ._sphinx import tox_runs
from ._sphinx import warns

#: The template's sphinx commands of each tox env: env name, commands.
_EnvCommands: t.TypeAlias = dict[str, list[list[str]]]


class DOC004(Docs):
    """Docs build with warnings as errors

    ## What it does
    Checks that every `sphinx-build` and `sphinx-autobuild` command in tox
    (`[tool.tox.env.*]` or `tox.ini`) and on Read the Docs has `-W`; with
    the old Read the Docs `sphinx:` key, `fail_on_warning: true`.

    ## Why
    A warning is usually a broken reference or a directive that did not
    render. With `-W` the docs env in CI and the Read the Docs build fail on
    it instead of publishing broken pages. A `TODO ... -W` comment is a
    known gap, still reported.

    ## Example
    ```toml
    # TODO fix warnings and add -W
    commands = [["sphinx-build", "-E", "-b", "dirhtml", "docs", "docs/_build"]]
    ```

    Use instead:
    ```toml
    commands = [["sphinx-build", "-E", "-W", "-b", "dirhtml", "docs", "docs/_build"]]
    ```

    ## Fix
    Add `-W` to each sphinx command (where the template's same command has
    it), or set `fail_on_warning: true` for Read the Docs' own build.
    Unsafe: the warnings it turns into errors may need fixing before the
    docs build again.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        tox = tox_runs(repo)
        found = list(tox)
        rtd = first_file(repo, RTD, YML)

        if rtd is not None:
            data = read_the_docs(repo.readthedocs)

            for args in (a for c in data.commands if (a := sphinx_args(c.split()))):
                line = repo.line_of(rtd, re.escape(args[0]))
                found.append(SphinxRun("Read the Docs", tuple(args), rtd, line))

            # Without its own commands, Read the Docs runs Sphinx itself.
            if not data.replaced and not data.fails_on_warning:
                return Fail(
                    "Read the Docs builds without fail_on_warning: true",
                    rtd,
                    repo.line_of(rtd, r"^sphinx\s*:"),
                    fix=_fix(tox, rtd),
                )

        if not found:
            return Skip("no sphinx-build command in tox or Read the Docs")

        failed = [_failure(repo, run) for run in found if not warns(run.args)]
        return carrying(failed, _fix(tox, rtd) if failed else None)


def _failure(repo: Repo, run: SphinxRun) -> Fail:
    """A sphinx command without ``-W``, noting a TODO that says to add it."""
    todo = repo.line_of(run.path, r"^[^#]*+#(?:(?!TODO).)*+TODO.*(?:-W|warning)")
    note = " (a TODO says to add it)" if todo else ""
    return Fail(f"{run.where} runs {run.args[0]} without -W{note}", run.path, run.line)


def _fix(tox: list[SphinxRun], rtd: str | None) -> Fix | None:
    """Add ``-W`` in each file that runs sphinx."""
    edits: list[Edit] = []

    if any(run.path == "pyproject.toml" for run in tox):
        edits.append(_TomlWarnings("pyproject.toml"))

    if any(run.path == "tox.ini" for run in tox):
        edits.append(_IniWarnings("tox.ini"))

    if rtd is not None:
        edits.append(_RtdWarnings(rtd))

    if not edits:
        return None

    return Fix("Build the docs with warnings as errors", "unsafe", tuple(edits))


def _template_commands(pyproject: dict[str, t.Any]) -> _EnvCommands:
    """The sphinx arguments of each command of the template's tox envs."""
    envs = table_envs(pyproject.get("tool", {}).get("tox", {}))
    return {env.name: [sphinx_args(c) or [] for c in env.commands] for env in envs}


def _add_w(args: list[str], template: t.Sequence[t.Sequence[str]] = ()) -> list[str]:
    """Sphinx arguments with ``-W``: where the template's same command has
    it, else right after the program.
    """
    for command in template:
        if "-W" in command and [a for a in command if a != "-W"] == args:
            return list(command)

    start = next(
        i
        for i, a in enumerate(args)
        if a in ("sphinx-build", "sphinx-autobuild", "sphinx")
    )
    return [*args[: start + 1], "-W", *args[start + 1 :]]


def _with_w(command: str) -> str:
    """A shell command with ``-W`` after its sphinx program, where it runs
    one without.
    """
    found = sphinx_args(command.split())

    if not found or warns(found):
        return command

    return re.sub(
        rf"(?<!\S){re.escape(found[0])}(?=\s|$)", r"\g<0> -W", command, count=1
    )


@dataclasses.dataclass(frozen=True)
class _TomlWarnings(Edit):
    """Add ``-W`` to the sphinx commands of ``[tool.tox.env.*]``."""

    path: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        template = _template_commands(rendered_toml(repo, self.path))
        keys = ("tool", "tox", "env", "*", "commands", "*")
        rewrite = RewriteArrays(self.path, keys, functools.partial(_insert_w, template))
        return rewrite.apply(text, repo)


def _insert_w(
    template: _EnvCommands, keys: tuple[str | int, ...], command: list[t.Any]
) -> list[t.Any]:
    """A tox command (at ``tool.tox.env.<name>.commands.<index>``) with
    ``-W`` where it runs sphinx without it.
    """
    found = sphinx_args([a for a in command if isinstance(a, str)])

    if not found or warns(found):
        return command

    new = _add_w(found, template.get(str(keys[3]), []))
    offset = next(i for i in range(len(new)) if i == len(found) or found[i] != new[i])
    at = command.index(found[0]) + offset
    return [*command[:at], "-W", *command[at:]]


@dataclasses.dataclass(frozen=True)
class _IniWarnings(Edit):
    """Add ``-W`` to the sphinx commands of ``tox.ini``."""

    path: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        def change(source: str) -> str:
            return "\n".join(
                line if line.lstrip().startswith(("#", ";")) else _with_w(line)
                for line in source.split("\n")
            )

        return keep_newlines(text, change)


@dataclasses.dataclass(frozen=True)
class _RtdWarnings(YamlChange):
    """Make Read the Docs fail on warnings: ``-W`` in its own sphinx
    commands, else ``sphinx.fail_on_warning: true``.
    """

    def change(self, data: t.Any, repo: Repo) -> bool:
        if replaces_build(data):
            return _commands(data.get("build"))

        if fails_on_warning(data):
            return False

        return YamlSet(self.path, ("sphinx", "fail_on_warning"), True).change(
            data, repo
        )


def _commands(node: t.Any) -> bool:
    """Add ``-W`` to the sphinx commands in a parsed ``build``; whether
    any changed.
    """
    changed = False

    if isinstance(node, dict):
        items: t.Iterable[tuple[t.Any, t.Any]] = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        return False

    for key, value in items:
        if isinstance(value, str):
            new = _with_w(value)

            if new != value:
                node[key] = new
                changed = True
        else:
            changed |= _commands(value)

    return changed
