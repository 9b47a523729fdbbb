"""CFG005: ruff's settings, without its legacy keys or a ``ruff.toml``."""

from __future__ import annotations

import functools
import typing as t

from ...edits import Edit
from ...edits import Template
from ...edits.tables import TomlList
from ...edits.text import DeleteFile
from ...edits.toml import TomlRemove
from ...edits.toml import TomlSet
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import ToolConfig
from .._edits import carrying
from .._pyproject import key_line
from .._pyproject import PYPROJECT
from ._tables import at
from ._tables import differences
from ._tables import missing
from ._tables import standard_tool
from ._tables import table

_PATH = ("tool", "ruff")
#: Settings ruff removed.
_REMOVED = ("show-source", "ignore-init-module-imports")
#: Keys that ruff moved from ``[tool.ruff]`` to ``[tool.ruff.lint]``.
_LINT_KEYS = ("select", "extend-select", "ignore", "extend-ignore")
#: The generator whose tag-only entry is stale.
_SLSA = "slsa-github-generator"

_Found: t.TypeAlias = tuple[list[Fail], list[Edit]]


class CFG005(ToolConfig):
    """ruff has the standard settings and no legacy keys

    ## What it does
    Checks that `[tool.ruff]` sets `src`, `fix`, `show-fixes` and
    `output-format` as the template does, and that no legacy setting is
    left: `show-source`, `ignore-init-module-imports`, lint selections at
    the top of `[tool.ruff]`, a `line-length` other than 88, the stale
    `UP038` ignore, or the SLSA generator in `[tool.gha-update] tag-only`.
    A `ruff.toml` that would override the table also fails.

    ## Why
    `show-source` and `ignore-init-module-imports` were removed from ruff,
    and top-level selections are deprecated. `.editorconfig` sets 88
    columns. UP038 was removed from ruff, and the SLSA generator is no
    longer used.

    ## Example
    `show-source = true` and `ignore = ["UP038"]`.

    Use instead: `output-format = "full"` and no `ignore`.

    ## Fix
    Set the template's keys, move top-level selections to
    `[tool.ruff.lint]`, and delete the legacy keys and stale entries. Safe;
    unsafe when it drops a `line-length`, which reformats the code, or
    moves a `ruff.toml` into `[tool.ruff]`.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found = table(repo, "ruff")
        # ruff.toml wins over [tool.ruff]: the fix moves it whole.
        others = [n for n in ("ruff.toml", ".ruff.toml") if repo.is_file(n)]

        if others:
            overrides = [Fail(f"{n} overrides [tool.ruff]", n) for n in others]
            # Only the fix reads the file it moves.
            return carrying(
                overrides, functools.partial(_moved, repo, std, found, others)
            )

        if found is None:
            return carrying([missing("ruff")], lambda: _added(repo, std))

        expected = standard_tool(std, "ruff")
        lint = found.get("lint", {})
        lint = lint if isinstance(lint, dict) else {}
        failed: list[Fail] = []
        edits: list[Edit] = []

        for part in (
            _removed(repo, found, lint),
            _top_level(repo, found, lint),
            _line_length(repo, found),
            _standard(repo, found, expected),
            _up038(repo, lint),
        ):
            failed += part[0]
            edits += part[1]

        if _stale_tag_only(repo):
            line = repo.line_of(PYPROJECT, _SLSA)
            message = "stale [tool.gha-update] tag-only for the SLSA generator"
            failed.append(Fail(message, PYPROJECT, line))

        unsafe = found.get("line-length", 88) != 88
        fix = Fix(
            "Set the standard ruff settings and drop the legacy ones",
            "unsafe" if unsafe else "safe",
            (*edits, *_stale_tag_only(repo)),
        )
        return carrying(failed, fix)


def _added(repo: Repo, std: Standard) -> Fix | None:
    """Add the template's ``[tool.ruff]``, read from the render, which the
    check of a missing table does not need.
    """
    if not standard_tool(std, "ruff"):
        return None

    edit = TomlSet(PYPROJECT, _PATH, Template(_PATH))
    return Fix("Add the ruff settings", "safe", (edit, *_stale_tag_only(repo)))


def _ruff_line(repo: Repo, key: str) -> int | None:
    """The line of a key of ``[tool.ruff]``, or of its lint table."""
    tables = (("tool", "ruff"), ("tool", "ruff", "lint"))
    return next(
        filter(None, (key_line(repo, PYPROJECT, table, key) for table in tables)), None
    )


def _removed(repo: Repo, found: dict[str, t.Any], lint: dict[str, t.Any]) -> _Found:
    """Settings ruff removed, in ``[tool.ruff]`` or its lint table."""
    failed = [
        Fail(f"legacy ruff setting {key}", PYPROJECT, _ruff_line(repo, key))
        for key in _REMOVED
        if key in found or key in lint
    ]
    edits: list[Edit] = [
        TomlRemove(PYPROJECT, (*keys, key))
        for key in _REMOVED
        for keys in (_PATH, (*_PATH, "lint"))
        if key in (found if keys == _PATH else lint)
    ]
    return failed, edits


def _top_level(repo: Repo, found: dict[str, t.Any], lint: dict[str, t.Any]) -> _Found:
    """Lint selections at the top of ``[tool.ruff]``, moved to its lint
    table unless that has its own.
    """
    failed: list[Fail] = []
    edits: list[Edit] = []

    for key in _LINT_KEYS:
        if key not in found:
            continue

        message = f"{key} is in [tool.ruff], not [tool.ruff.lint]"
        failed.append(Fail(message, PYPROJECT, at(repo, ("ruff",), key)))
        edits.append(TomlRemove(PYPROJECT, (*_PATH, key)))
        value = _no_up038(found[key]) if key == "ignore" else found[key]

        if key not in lint and value:
            edits.append(TomlSet(PYPROJECT, (*_PATH, "lint", key), value))

    return failed, edits


def _line_length(repo: Repo, found: dict[str, t.Any]) -> _Found:
    """A line length other than ``.editorconfig``'s 88 columns."""
    if found.get("line-length", 88) == 88:
        return [], []

    message = f"line-length is {found['line-length']!r}"
    fail = Fail(message, PYPROJECT, at(repo, ("ruff",), "line-length"))
    return [fail], [TomlRemove(PYPROJECT, (*_PATH, "line-length"))]


def _standard(
    repo: Repo, found: dict[str, t.Any], expected: dict[str, t.Any]
) -> _Found:
    """The template's keys of ``[tool.ruff]`` that differ."""
    keys = {k: v for k, v in expected.items() if k != "lint"}
    edits: list[Edit] = [
        TomlSet(PYPROJECT, (*_PATH, key), Template((*_PATH, key)))
        for key, value in keys.items()
        if found.get(key) != value
    ]
    return differences(repo, found, keys, "ruff"), edits


def _up038(repo: Repo, lint: dict[str, t.Any]) -> _Found:
    """An ignore of UP038, which ruff removed."""
    if "UP038" not in lint.get("ignore", []):
        return [], []

    fail = Fail("stale ignore of UP038", PYPROJECT, repo.line_of(PYPROJECT, "UP038"))
    keys = (*_PATH, "lint", "ignore")
    return [fail], [TomlList(PYPROJECT, keys, remove=("UP038",), prune=True)]


def _moved(
    repo: Repo, std: Standard, found: dict[str, t.Any] | None, others: list[str]
) -> Fix:
    """Move ``ruff.toml``, whose settings are the ones in use, into
    ``[tool.ruff]``, cleaned of the legacy keys.
    """
    merged = _merge(found or {}, repo.toml(others[0]))
    ruff = _clean_ruff(merged, standard_tool(std, "ruff"))
    edits = [TomlSet(PYPROJECT, _PATH, ruff), *(DeleteFile(n) for n in others)]
    title = f"Move the ruff settings from {others[0]} to pyproject.toml"
    return Fix(title, "unsafe", (*edits, *_stale_tag_only(repo)))


def _merge(base: dict[str, t.Any], over: dict[str, t.Any]) -> dict[str, t.Any]:
    """Tables merged key by key; ``over`` wins."""
    result = dict(base)

    for key, value in over.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merge(result[key], value)
        else:
            result[key] = value

    return result


def _no_up038(value: object) -> list[t.Any]:
    return [v for v in value if v != "UP038"] if isinstance(value, list) else []


def _clean_ruff(
    found: dict[str, t.Any], expected: dict[str, t.Any]
) -> dict[str, t.Any]:
    """ruff settings without the legacy keys, with the template's."""
    ruff = {k: v for k, v in found.items() if k not in {*_REMOVED, "line-length"}}
    lint = ruff.pop("lint", {})
    lint = {k: v for k, v in lint.items() if k != "ignore-init-module-imports"}

    for key in _LINT_KEYS:
        if key in ruff:
            lint.setdefault(key, ruff.pop(key))

    if "ignore" in lint:
        lint["ignore"] = _no_up038(lint["ignore"])

        if not lint["ignore"]:
            del lint["ignore"]

    ruff.update({k: v for k, v in expected.items() if k != "lint"})

    if lint:
        ruff["lint"] = lint

    return ruff


def _stale_tag_only(repo: Repo) -> tuple[Edit, ...]:
    """The removal of the SLSA generator from ``[tool.gha-update]
    tag-only``, where it is listed.
    """
    tag_only = repo.tool("gha-update").get("tag-only", [])
    stale = tuple(v for v in tag_only if _SLSA in str(v))

    if not stale:
        return ()

    keys = ("tool", "gha-update", "tag-only")
    return (TomlList(PYPROJECT, keys, remove=stale, prune=True),)
