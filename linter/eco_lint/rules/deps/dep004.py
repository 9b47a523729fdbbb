"""DEP004: ``uv.lock`` matches ``pyproject.toml``."""

from __future__ import annotations

import re
import typing as t

from packaging.requirements import Requirement
from packaging.specifiers import InvalidSpecifier
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from ...registry import Fail
from ...registry import Outcome
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Dependencies
from .._base import lines_of
from ._groups import group
from ._groups import parse
from .dep003 import LOCK

#: A requirement as uv's lock metadata records it: name, extras, specifier.
_Key = tuple[str, frozenset[str], str]


class DEP004(Dependencies):
    """uv.lock matches pyproject.toml

    ## What it does
    Reads `uv.lock` and checks that its `requires-python` equals
    `[project] requires-python`, and that the project's own entry records
    the same dependencies, extras and dependency groups as `pyproject.toml`
    (names, extras and version specifiers). It does not run uv.

    ## Why
    CI runs `uv run --locked`, which fails when the lock is stale, and tox's
    lock runner installs what the lock says rather than what
    `pyproject.toml` asks for.

    ## Example
    A dependency added to `[project] dependencies` without running
    `uv lock`.

    Use instead: run `uv lock` after every change to the requirements; the
    `uv-lock` pre-commit hook does it.

    ## Fix
    None: run `uv lock`, which the linter never runs.
    """

    weight = 3
    requires = frozenset({"DEP003"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        lock = repo.uv_lock

        if not lock:
            return Fail("uv.lock cannot be parsed or is empty", LOCK)

        if not repo.project:
            return Skip("pyproject.toml has no [project] table")

        found = _python(repo, lock)
        package = _root_package(repo, lock)

        if package is None:
            name = repo.project.get("name")
            return [*found, Fail(f"uv.lock has no entry for {name!r}", LOCK)]

        line = repo.line_of(LOCK, rf"^name = \"{re.escape(str(package['name']))}\"$")
        metadata = package.get("metadata")

        if not isinstance(metadata, dict):
            message = "the project's entry in uv.lock has no metadata"
            return [*found, Fail(message, LOCK, line)]

        if "dependencies" not in repo.project.get("dynamic", []):
            found += _stale_dist(repo, metadata, line)

        return [*found, *_stale_groups(repo, metadata, line)]


def _python(repo: Repo, lock: dict[str, t.Any]) -> list[Fail]:
    """A finding when the lock's ``requires-python`` is not the project's."""
    wanted = repo.project.get("requires-python")
    python = lock.get("requires-python")

    if wanted is None or _spec(python) == _spec(wanted):
        return []

    message = f"uv.lock requires-python is {python!r}, pyproject.toml has {wanted!r}"
    return [Fail(message, LOCK, repo.line_of(LOCK, r"^requires-python\s*="))]


def _after(
    repo: Repo, pattern: str, start: int | None, entry: int | None
) -> int | None:
    """The first line of the lock after ``start`` that matches a pattern,
    else the project's ``entry``.
    """
    lines = lines_of(repo, LOCK, pattern)
    return next((n for n in lines if start is not None and n > start), entry)


def _stale_dist(repo: Repo, metadata: dict[str, t.Any], line: int | None) -> list[Fail]:
    """A finding when the locked dependencies and extras are not the
    project's.
    """
    locked = _lock_keys(metadata.get("requires-dist"))
    expected = _expected_dist(repo)

    if locked == expected:
        return []

    message = f"uv.lock is stale: dependencies differ ({_describe(expected ^ locked)})"
    return [Fail(message, LOCK, _after(repo, r"^requires-dist\s*=", line, line))]


def _stale_groups(
    repo: Repo, metadata: dict[str, t.Any], line: int | None
) -> list[Fail]:
    """A finding for each dependency group the lock records otherwise than
    the project.
    """
    dev = metadata.get("requires-dev", {})
    locked_dev: dict[str, set[_Key]] = {
        canonicalize_name(k): _lock_keys(v)
        for k, v in (dev.items() if isinstance(dev, dict) else [])
    }
    expected_dev = _expected_dev(repo)
    groups = _after(repo, r"^\[package\.metadata\.requires-dev\]", line, line)
    found: list[Fail] = []

    for name in sorted(locked_dev.keys() | expected_dev.keys()):
        have = locked_dev.get(name, set())
        want = expected_dev.get(name, set())

        if have != want:
            message = (
                f"uv.lock is stale: group {name!r} differs "
                f"({_describe(have ^ want) or 'group missing'})"
            )
            place = _after(repo, rf"^{re.escape(name)}\s*=", groups, line)
            found.append(Fail(message, LOCK, place))

    return found


def _spec(value: object) -> SpecifierSet | str:
    try:
        return SpecifierSet(str(value or ""))
    except InvalidSpecifier:
        return str(value)


def _key(name: str, extras: t.Iterable[str], specifier: object) -> _Key:
    spec = _spec(specifier)
    text = ",".join(sorted(map(str, spec))) if isinstance(spec, SpecifierSet) else spec
    return canonicalize_name(name), frozenset(map(canonicalize_name, extras)), text


def _req_key(req: Requirement) -> _Key:
    return _key(req.name, req.extras, req.specifier)


def _lock_keys(entries: object) -> set[_Key]:
    return {
        _key(str(e.get("name", "")), e.get("extras", []), e.get("specifier"))
        for e in (entries if isinstance(entries, list) else [])
        if isinstance(e, dict)
    }


def _describe(keys: t.Iterable[_Key]) -> str:
    """Requirements for a message, such as ``flask[async]>=3.1``."""
    result = []

    for name, extras, spec in keys:
        extra = f"[{','.join(sorted(extras))}]" if extras else ""
        result.append(f"{name}{extra}{spec}")

    return ", ".join(sorted(result))


def _root_package(repo: Repo, lock: dict[str, t.Any]) -> dict[str, t.Any] | None:
    name = canonicalize_name(str(repo.project.get("name", "")))
    packages = [p for p in lock.get("package", []) if isinstance(p, dict)]

    for package in packages:
        source = package.get("source", {})

        if isinstance(source, dict) and (
            source.get("editable") == "." or source.get("virtual") == "."
        ):
            return package

    for package in packages:
        if canonicalize_name(str(package.get("name", ""))) == name:
            return package

    return None


def _expected_dist(repo: Repo) -> set[_Key]:
    entries = list(repo.project.get("dependencies", []))
    extras = repo.project.get("optional-dependencies", {})

    for values in extras.values() if isinstance(extras, dict) else []:
        entries.extend(values if isinstance(values, list) else [])

    return {_req_key(r) for e in entries if (r := parse(e)) is not None}


def _expected_dev(repo: Repo) -> dict[str, set[_Key]]:
    groups = repo.pyproject.get("dependency-groups", {})
    groups = groups if isinstance(groups, dict) else {}
    result = {name: {_req_key(r) for r in group(groups, name)} for name in groups}
    legacy = repo.tool("uv").get("dev-dependencies")

    if isinstance(legacy, list):
        result.setdefault("dev", set()).update(
            _req_key(r) for e in legacy if (r := parse(e)) is not None
        )

    return {str(canonicalize_name(k)): v for k, v in result.items()}
