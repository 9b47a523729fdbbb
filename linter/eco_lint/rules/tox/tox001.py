"""TOX001: tox configured in ``[tool.tox]``, and moving old configs there."""

from __future__ import annotations

import configparser
import dataclasses
import typing as t

from ...edits import Edit
from ...edits.ini import RemoveSections
from ...edits.text import DeleteFile
from ...edits.toml import new_table
from ...edits.toml import toml_template
from ...edits.toml import TomlChange
from ...fix import Fix
from ...parsers import ini_sections
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import setup_cfg_sections
from .._base import Tox
from .._edits import carrying
from .._pyproject import key_line
from .._pyproject import PYPROJECT
from .._tox import standard_tox
from .._tox import tox_table
from ._tox import extra_envs
from ._translate import Legacy
from ._translate import native
from ._translate import translate


class TOX001(Tox):
    """tox is configured in pyproject.toml

    ## What it does
    Checks that tox is configured in a native `[tool.tox]` table, and that
    there is no `tox.ini`, `tox.toml`, `[tox]` or `[tox:tox]` section in
    `setup.cfg`, or `legacy_tox_ini` string.

    ## Why
    tox 4.21 reads its config from `pyproject.toml`. One file holds the
    project, its groups and its envs, and the envs install those groups by
    name with tox-uv.

    ## Example
    A `tox.ini` with `[testenv]` and `deps = -r requirements/tests.txt`.

    Use instead: `[tool.tox]`, `[tool.tox.env_run_base]` and
    `[tool.tox.env.<name>]` tables.

    ## Fix
    Write the template's `[tool.tox]` tables and envs, keep the project's
    own envs where every setting translates (`{posargs}` becomes a
    `replace` table, `{envtmpdir}` `{env_tmp_dir}`, `-r
    requirements/<group>.txt` the group), then delete `tox.ini` or
    `tox.toml`, or the setup.cfg sections. The template's envs replace the
    old ones of the same name; the title names the envs it drops. Unsafe:
    the translation needs review.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found = [
            Fail(f"tox is configured in {name}", name)
            for name in ("tox.ini", "tox.toml")
            if repo.is_file(name)
        ]
        found += setup_cfg_sections(
            repo, ("tox", "tox:tox"), "tox is configured in setup.cfg [{}]"
        )
        tox = tox_table(repo)

        if (not isinstance(tox, dict) or not tox) and not found:
            found = [Fail("no [tool.tox] table", PYPROJECT)]
        elif isinstance(tox, dict) and "legacy_tox_ini" in tox:
            line = key_line(repo, PYPROJECT, "tool.tox", "legacy_tox_ini")
            message = "[tool.tox] holds a legacy_tox_ini string"
            found.append(Fail(message, PYPROJECT, line))

        if not found:
            return found

        # Only the fix reads the old configs it translates.
        return carrying(found, lambda: _fix(repo, std, tox))


def _fix(repo: Repo, std: Standard, tox: object) -> Fix | None:
    """Merge the template's tables and the project's own envs into
    ``[tool.tox]``, and delete the old configs; ``None`` when a
    ``legacy_tox_ini`` string cannot be read.
    """
    standard = standard_tox(std)
    tox = tox if isinstance(tox, dict) else {}
    edits, sources, legacy = _ini_configs(repo, standard)

    if isinstance(tox.get("legacy_tox_ini"), str):
        sections = _sections(tox["legacy_tox_ini"])

        if sections is None:
            return None

        legacy = legacy if legacy is not None else translate(standard, sections)
        sources.append("legacy_tox_ini")

    if repo.is_file("tox.toml"):
        legacy = legacy if legacy is not None else native(repo.toml("tox.toml"))
        edits.append(DeleteFile("tox.toml"))
        sources.append("tox.toml")

    legacy = legacy if legacy is not None else Legacy()
    merge = MergeTox(
        PYPROJECT,
        legacy.top,
        legacy.base,
        legacy.envs,
        extra_envs(legacy.env_list, standard.get("env_list", [])),
    )
    title = (
        f"Move the tox config from {' and '.join(sources)} to [tool.tox]"
        if sources
        else "Write the standard [tool.tox] tables"
    )

    if legacy.dropped:
        title += f", dropping {', '.join(legacy.dropped)}"

    return Fix(title, "unsafe", (merge, *edits))


def _ini_configs(
    repo: Repo, standard: dict[str, t.Any]
) -> tuple[list[Edit], list[str], Legacy | None]:
    """The removal of ``tox.ini`` and of the tox sections of ``setup.cfg``,
    the files removed, and the first one's config, translated.
    """
    edits: list[Edit] = []
    sources: list[str] = []
    legacy: Legacy | None = None

    # tox reads the first of these it finds; the others were unused.
    for path, sections in (
        ("tox.ini", repo.tox_ini),
        ("setup.cfg", repo.setup_cfg),
    ):
        if path == "setup.cfg" and not {"tox", "tox:tox"} & sections.keys():
            continue

        if path == "tox.ini" and not repo.is_file(path):
            continue

        legacy = legacy if legacy is not None else translate(standard, sections)
        sources.append(path)
        edits.append(
            DeleteFile(path)
            if path == "tox.ini"
            else RemoveSections(path, r"tox(:tox)?|testenv(:.*)?")
        )

    return edits, sources, legacy


def _sections(text: str) -> dict[str, dict[str, str]] | None:
    """The sections of a ``legacy_tox_ini`` string, or ``None`` when it
    cannot be read.
    """
    try:
        return ini_sections(text, strict=False)
    except configparser.Error:
        return None


@dataclasses.dataclass(frozen=True)
class MergeTox(TomlChange):
    """Fill ``[tool.tox]`` in, keeping what it has: first the project's
    own settings and envs, translated from its old config, then the
    template's env_list, env_run_base and envs where they are missing. A
    ``legacy_tox_ini`` string is removed.

    :param extras: The project's own envs for a new env_list, put before
        the template's last envs.
    """

    path: str
    top: tuple[tuple[str, t.Any], ...] = ()
    base: tuple[tuple[str, t.Any], ...] = ()
    envs: tuple[tuple[str, t.Any], ...] = ()
    extras: tuple[str, ...] = ()

    def change(self, doc: t.Any, repo: Repo) -> None:
        standard = toml_template(repo, self.path, ("tool", "tox"))

        if "tool" not in doc:
            doc["tool"] = new_table(super_table=True)

        if not isinstance(doc["tool"].get("tox"), dict):
            doc["tool"]["tox"] = new_table()

        tox = doc["tool"]["tox"]
        tox.pop("legacy_tox_ini", None)

        if "env_list" not in tox:
            tox["env_list"] = standard["env_list"]
            names = [str(name) for name in tox["env_list"]]
            at = len(names) - 3

            for offset, name in enumerate(n for n in self.extras if n not in names):
                tox["env_list"].insert(at + offset, name)

        for key, value in self.top:
            tox.setdefault(key, value)

        if "env_run_base" not in tox:
            tox["env_run_base"] = standard["env_run_base"]

        for key, value in self.base:
            tox["env_run_base"].setdefault(key, value)

        if "env" not in tox:
            tox["env"] = new_table(super_table=True)

        for name, value in [*self.envs, *standard.get("env", {}).items()]:
            tox["env"].setdefault(name, value)
