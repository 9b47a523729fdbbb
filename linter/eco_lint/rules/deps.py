"""DEP: dependency groups, the uv lock and the files it replaced."""

from __future__ import annotations

import fnmatch
import re
import typing as t

from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement
from packaging.specifiers import InvalidSpecifier
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from ..registry import Fail
from ..registry import Skip
from ..repo import Repo
from ._base import Dependencies
from ._base import line_of_key

PYPROJECT = "pyproject.toml"
LOCK = "uv.lock"

#: A requirement as uv's lock metadata records it: name, extras, specifier.
_Key = tuple[str, frozenset[str], str]


def _parse(entry: object) -> Requirement | None:
    if not isinstance(entry, str):
        return None

    try:
        return Requirement(entry)
    except InvalidRequirement:
        return None


def _group(
    groups: dict[str, t.Any], name: str, seen: frozenset[str] = frozenset()
) -> list[Requirement]:
    """The requirements of a dependency group, with ``include-group``
    entries expanded.
    """
    result: list[Requirement] = []
    entries = groups.get(name)

    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict):
            other = entry.get("include-group")

            if isinstance(other, str) and other not in seen:
                result.extend(_group(groups, other, seen | {name}))

            continue

        req = _parse(entry)

        if req is not None:
            result.append(req)

    return result


def _standard_groups(repo: Repo) -> dict[str, t.Any]:
    groups = repo.standard.toml(PYPROJECT).get("dependency-groups", {})
    return groups if isinstance(groups, dict) else {}


class DEP001(Dependencies):
    """Dependency groups are the standard ones

    ## What it does
    Checks that `[dependency-groups]` has every group the template has. The
    `dev`, `pre-commit`, `gha-update` and `docs-auto` groups, and the `tests`
    and `typing` groups, must hold the template's entries (by name; extras,
    version specifiers and extra entries are fine, markers must match).
    `docs` must install Sphinx; its theme and extensions may vary. Extra
    groups are fine.

    ## Why
    The tox envs, the workflows and the Read the Docs build install these
    groups by name: `uv run --group dev tox`, `--group pre-commit`,
    `--group docs`. A missing group or tool breaks them.

    ## Example
    A `dev` group without `tox-uv`, or no `gha-update` group.

    Use instead: the template's groups, plus the project's own entries.

    ## Fix
    Add the missing groups and entries, keeping the project's own. Safe.
    """

    weight = 3

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        groups = repo.pyproject.get("dependency-groups")
        header = line_of_key(repo, PYPROJECT, "[dependency-groups]")

        if not isinstance(groups, dict):
            legacy = repo.tool("uv").get("dev-dependencies")
            note = " (only [tool.uv] dev-dependencies)" if legacy else ""
            return Fail(f"no [dependency-groups] table{note}", PYPROJECT)

        expected = _standard_groups(repo)
        missing = [name for name in expected if name not in groups]

        if missing:
            return Fail(
                f"[dependency-groups] lacks {', '.join(missing)}", PYPROJECT, header
            )

        typing_env = repo.tool("tox", "env", "typing")
        typing_groups = (
            typing_env.get("dependency_groups", [])
            if isinstance(typing_env, dict)
            else []
        )

        for name in expected:
            found = {canonicalize_name(r.name): r for r in _group(groups, name)}

            if name == "typing" and "tests" in typing_groups:
                # The typing env may install the tests group beside it.
                for req in _group(groups, "tests"):
                    found.setdefault(canonicalize_name(req.name), req)

            want = _group(expected, name)

            if name == "docs":
                want = [r for r in want if canonicalize_name(r.name) == "sphinx"]

            lacking = [r.name for r in want if canonicalize_name(r.name) not in found]

            if lacking:
                return Fail(
                    f"group {name!r} lacks {', '.join(lacking)}",
                    PYPROJECT,
                    line_of_key(repo, PYPROJECT, name) or header,
                )

            for req in want:
                have = found[canonicalize_name(req.name)]

                if req.marker is not None and str(have.marker) != str(req.marker):
                    marker = (
                        f"marker {str(have.marker)!r}" if have.marker else "no marker"
                    )
                    return Fail(
                        f"{req.name!r} in group {name!r} has {marker}, "
                        f"not {str(req.marker)!r}",
                        PYPROJECT,
                        repo.line_of(PYPROJECT, rf"^\s*\"{re.escape(have.name)}\b"),
                    )

        return None


class DEP002(Dependencies):
    """uv installs the standard default groups

    ## What it does
    Checks that `[tool.uv] default-groups` lists the template's groups.

    ## Why
    `uv sync` and `uv run` install the default groups, so a new contributor
    gets the linters, tox, pre-commit, pytest and the type checkers in one
    step, and nothing else.

    ## Example
    No `default-groups`, so only `dev` is installed; or `default-groups =
    "all"`, which also installs the docs.

    Use instead: `default-groups = ["dev", "pre-commit", "tests", "typing"]`.

    ## Fix
    Set the template's list. Safe.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        expected = repo.standard.toml(PYPROJECT)["tool"]["uv"]["default-groups"]
        found = repo.tool("uv").get("default-groups")

        if found is None:
            return Fail("[tool.uv] default-groups is not set", PYPROJECT)

        if not isinstance(found, list) or sorted(map(str, found)) != sorted(expected):
            return Fail(
                f"default-groups is {found!r}",
                PYPROJECT,
                line_of_key(repo, PYPROJECT, "default-groups"),
            )

        return None


def _ignored_by(text: str, name: str) -> int | None:
    """The line of the ``.gitignore``-style pattern that ignores a file at
    the top of the repository, or ``None`` if the file is not ignored.
    """
    line: int | None = None

    for number, raw in enumerate(text.splitlines(), 1):
        pattern = raw.strip()

        if not pattern or pattern.startswith("#") or pattern.endswith("/"):
            continue

        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").removeprefix("/").removeprefix("**/")

        if "/" in pattern.rstrip("/"):
            continue

        if fnmatch.fnmatchcase(name, pattern):
            line = None if negate else number

    return line


class DEP003(Dependencies):
    """uv.lock is committed

    ## What it does
    Checks that `uv.lock` exists at the top of the repository and that
    neither `.gitignore` nor `.git/info/exclude` ignores it.

    ## Why
    CI, tox and Read the Docs all install from the lock (`uv run --locked`,
    `uv-venv-lock-runner`), so every run uses the same versions, and the
    `update-requirements` env refreshes it in one reviewed commit. An
    ignored lock is never committed and every run resolves afresh.

    ## Example
    No `uv.lock`, or a `.gitignore` with a `*.lock` line.

    Use instead: run `uv lock` and commit `uv.lock`.

    ## Fix
    Run `uv lock` and drop the ignore pattern. Safe.
    """

    weight = 3

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if not repo.is_file(LOCK):
            return Fail("uv.lock is missing")

        for name in (".gitignore", ".git/info/exclude"):
            line = _ignored_by(repo.text(name) or "", LOCK)

            if line is not None:
                return Fail(f"uv.lock is ignored by {name}", name, line)

        return None


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

    return {_req_key(r) for e in entries if (r := _parse(e)) is not None}


def _expected_dev(repo: Repo) -> dict[str, set[_Key]]:
    groups = repo.pyproject.get("dependency-groups", {})
    groups = groups if isinstance(groups, dict) else {}
    result = {name: {_req_key(r) for r in _group(groups, name)} for name in groups}
    legacy = repo.tool("uv").get("dev-dependencies")

    if isinstance(legacy, list):
        result.setdefault("dev", set()).update(
            _req_key(r) for e in legacy if (r := _parse(e)) is not None
        )

    return {str(canonicalize_name(k)): v for k, v in result.items()}


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
    Run `uv lock`. Safe.
    """

    weight = 3
    requires = frozenset({"DEP003"})

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        lock = repo.toml(LOCK)

        if not lock:
            return Fail("uv.lock cannot be parsed or is empty", LOCK)

        if not repo.project:
            return Skip("pyproject.toml has no [project] table")

        wanted = repo.project.get("requires-python")
        found = lock.get("requires-python")

        if wanted is not None and _spec(found) != _spec(wanted):
            return Fail(
                f"uv.lock requires-python is {found!r}, pyproject.toml has {wanted!r}",
                LOCK,
                repo.line_of(LOCK, r"^requires-python\s*="),
            )

        package = _root_package(repo, lock)

        if package is None:
            return Fail(f"uv.lock has no entry for {repo.project.get('name')!r}", LOCK)

        line = repo.line_of(LOCK, rf"^name = \"{re.escape(str(package['name']))}\"$")
        metadata = package.get("metadata")

        if not isinstance(metadata, dict):
            return Fail("the project's entry in uv.lock has no metadata", LOCK, line)

        if "dependencies" not in repo.project.get("dynamic", []):
            locked = _lock_keys(metadata.get("requires-dist"))
            expected = _expected_dist(repo)

            if locked != expected:
                return Fail(
                    "uv.lock is stale: dependencies differ "
                    f"({_describe(expected ^ locked)})",
                    LOCK,
                    line,
                )

        dev = metadata.get("requires-dev", {})
        locked_dev: dict[str, set[_Key]] = {
            canonicalize_name(k): _lock_keys(v)
            for k, v in (dev.items() if isinstance(dev, dict) else [])
        }
        expected_dev = _expected_dev(repo)

        for name in sorted(locked_dev.keys() | expected_dev.keys()):
            have = locked_dev.get(name, set())
            want = expected_dev.get(name, set())

            if have != want:
                return Fail(
                    f"uv.lock is stale: group {name!r} differs "
                    f"({_describe(have ^ want) or 'group missing'})",
                    LOCK,
                    line,
                )

        return None


_REQUIREMENTS = re.compile(
    r"(?:[^/]*[-_.])?requirements(?:[-_.][^/]*)?\.(?:txt|in|lock)|"
    r"Pipfile(?:\.lock)?|poetry\.lock|pdm\.lock",
    re.I,
)
_COMPILED = re.compile(r"autogenerated by pip-compile|pip-compile-multi", re.I)


class DEP005(Dependencies):
    """No requirements files

    ## What it does
    Checks for `requirements/` and `requirements-skip/` folders, and for
    requirements files, pip-compile output and other tools' lock files
    (`Pipfile`, `poetry.lock`, `pdm.lock`) outside `examples/` and
    `tests/`.

    ## Why
    `[dependency-groups]` and `uv.lock` replaced the pip-compile(-multi)
    requirements files in 2025. Files left behind go stale, and the dev
    container, docs or contributors that still read them install the
    wrong versions.

    ## Example
    `requirements/dev.in` and `requirements/dev.txt`, or a
    `docs/requirements.txt` for Read the Docs.

    Use instead: a dependency group in `pyproject.toml` for each `.in`
    file, locked in `uv.lock`.

    ## Fix
    Move each `.in` file's entries into a group and delete the files.
    Unsafe: it deletes files.
    """

    weight = 3

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        for folder in ("requirements", "requirements-skip"):
            if repo.is_dir(folder):
                return Fail(f"{folder}/ folder", folder)

        for name in repo.files:
            if name.startswith(("examples/", "tests/")):
                continue

            base = name.rpartition("/")[2]

            if _REQUIREMENTS.fullmatch(base):
                return Fail(f"requirements file {name}", name)

            if base.endswith((".txt", ".in")) and _COMPILED.search(
                (repo.text(name) or "")[:1000]
            ):
                return Fail(
                    f"pip-compile output {name}",
                    name,
                    repo.line_of(name, _COMPILED.pattern),
                )

        return None
