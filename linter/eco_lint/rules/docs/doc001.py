"""DOC001: Read the Docs builds with uv."""

from __future__ import annotations

import dataclasses
import typing as t

from ...edits import Edit
from ...edits import FixConflict
from ...edits import keep_newlines
from ...edits.text import DeleteFile
from ...edits.text import WriteFile
from ...edits.yaml import yaml_dump
from ...edits.yaml import yaml_load
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Docs
from .._edits import carrying
from ._paths import RTD
from ._paths import YML
from ._readthedocs import read_the_docs
from ._readthedocs import ReadTheDocs
from ._render import rendered
from ._sphinx import warns

#: uv options that only make a docs install stricter or smaller.
_UV_EXTRA = frozenset({"--locked", "--frozen", "--no-default-groups"})


class DOC001(Docs):
    """Read the Docs builds with uv

    ## What it does
    Checks `.readthedocs.yaml` against the template's: the same `version`
    and `build.os`, and the template's commands, which install uv with asdf
    and run `uv run --group docs sphinx-build ... $READTHEDOCS_OUTPUT/html`,
    in `build.commands` or in `build.jobs` (as click does). There must be no
    `python.install` and no `sphinx:` key. Whether the build has `-W` is
    DOC004's check.

    ## Why
    With its own commands, Read the Docs installs the docs group from
    `uv.lock`, the same versions as tox's `docs` env, instead of its own
    pip install of a requirements file that no longer exists.

    ## Example
    ```yaml
    python:
      install:
        - requirements: requirements/docs.txt
        - method: pip
          path: .
    sphinx:
      builder: dirhtml
    ```

    Use instead: the template's `.readthedocs.yaml`.

    ## Fix
    Write the template's `.readthedocs.yaml`, keeping the top-level keys
    the template does not have, other than `python`, `sphinx` and `conda`.
    Safe when it is missing; Unsafe when it replaces the project's config
    or `.readthedocs.yml`.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        fix = _fix(repo)

        if not repo.is_file(RTD):
            if repo.is_file(YML):
                return Fail(
                    "the config is .readthedocs.yml, not .readthedocs.yaml",
                    YML,
                    fix=fix,
                )

            return Fail(f"{RTD} is missing", RTD, fix=fix)

        data = read_the_docs(repo.readthedocs)

        if RTD in repo.errors:
            return Fail(f"{RTD} {repo.errors[RTD]}", RTD, fix=fix)

        standard = std.yaml(RTD)
        failed = [
            *_version_and_os(repo, data, standard),
            *_own_build(repo, data),
            *_commands(repo, data, standard["build"]["commands"]),
        ]
        return carrying(failed, fix)


def _version_and_os(
    repo: Repo, data: ReadTheDocs, standard: dict[str, t.Any]
) -> list[Fail]:
    """The config's ``version`` and ``build.os`` where not the template's."""
    failed: list[Fail] = []

    if data.version != standard["version"]:
        failed.append(
            Fail(
                f"version is {data.version!r}, not {standard['version']!r}",
                RTD,
                repo.line_of(RTD, r"^version\s*:"),
            )
        )

    if data.os != standard["build"]["os"]:
        failed.append(
            Fail(
                f"build.os is {data.os!r}, not {standard['build']['os']!r}",
                RTD,
                repo.line_of(RTD, r"^\s+os\s*:"),
            )
        )

    return failed


def _own_build(repo: Repo, data: ReadTheDocs) -> list[Fail]:
    """The keys that run Read the Docs' own install or build."""
    failed: list[Fail] = []
    if data.installs:
        failed.append(
            Fail(
                "installs with python.install",
                RTD,
                repo.line_of(RTD, r"^\s+install:"),
            )
        )

    if data.sphinx:
        failed.append(
            Fail(
                "has a sphinx: key, which runs Read the Docs' own build",
                RTD,
                repo.line_of(RTD, r"^sphinx\s*:"),
            )
        )

    return failed


def _commands(repo: Repo, data: ReadTheDocs, template: t.Sequence[str]) -> list[Fail]:
    """The template's commands the build does not run, in their order."""
    found = [_normal(c) for c in data.commands]
    failed: list[Fail] = []
    position = 0

    for command in template:
        want = _normal(command)

        try:
            position = found.index(want, position) + 1
        except ValueError:
            failed.append(
                Fail(
                    f"the build does not run {command!r}",
                    RTD,
                    repo.line_of(RTD, r"^\s+(commands|jobs)\s*:"),
                )
            )

    return failed


def _normal(command: str) -> str:
    """A command without ``-W`` (DOC004 checks it), and without uv
    options that only make the install stricter.
    """
    args = command.split()
    uv = args[:2] == ["uv", "run"]
    return " ".join(a for a in args if not warns([a]) and not (uv and a in _UV_EXTRA))


def _fix(repo: Repo) -> Fix | None:
    """Write the template's config over the project's, or in its place."""
    if RTD in repo.errors or YML in repo.errors:
        return None

    if repo.is_file(RTD):
        return Fix(
            "Write the template's .readthedocs.yaml",
            "unsafe",
            (_RtdWrite(RTD, RTD),),
        )

    if repo.is_file(YML):
        return Fix(
            "Replace .readthedocs.yml with the template's .readthedocs.yaml",
            "unsafe",
            (_RtdWrite(RTD, YML), DeleteFile(YML)),
        )

    return Fix("Write the template's .readthedocs.yaml", "safe", (WriteFile(RTD),))


@dataclasses.dataclass(frozen=True)
class _RtdWrite(Edit):
    """Write the template's Read the Docs config, keeping the top-level
    keys of ``source`` that the template does not have, other than the ones
    that run Read the Docs' own install or build.
    """

    path: str
    source: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        new = rendered(repo, self.path)

        if new is None:
            raise FixConflict(f"the template has no {self.path}")

        old = repo.text(self.source) if text is None else text

        if not old:
            return new

        _, data = yaml_load(old.replace("\r\n", "\n"))
        yaml, std = yaml_load(new)
        extra = [
            key
            for key in (data if isinstance(data, dict) else {})
            if key not in std and key not in ("python", "sphinx", "conda")
        ]

        if not extra:
            return keep_newlines(old, lambda _: new)

        for key in extra:
            std[key] = data[key]

        return keep_newlines(old, lambda _: yaml_dump(yaml, std))
