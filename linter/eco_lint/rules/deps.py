"""DEP: dependency groups, the uv lock and the files it replaced."""

from __future__ import annotations

import dataclasses
import fnmatch
import posixpath
import re
import typing as t

from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement
from packaging.specifiers import InvalidSpecifier
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from ..edits import Edit
from ..edits import FixConflict
from ..edits import keep_newlines
from ..edits import Template
from ..edits.text import DeleteFile
from ..edits.text import EditLines
from ..edits.toml import TomlRemove
from ..edits.toml import TomlSet
from ..fix import Fix
from ..registry import Fail
from ..registry import Outcome
from ..registry import Skip
from ..repo import Repo
from ..standard import Standard
from ..standard import standard_for
from ._base import Dependencies
from ._base import line_of_key
from ._base import lines_of
from ._edits import tidy as _tidy

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
    groups = standard_for(repo).toml(PYPROJECT).get("dependency-groups", {})
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
    Add the missing groups, and the template's entries that a group lacks
    or has with another marker, keeping the project's own. Safe; unsafe
    when it also moves `[tool.uv] dev-dependencies` into the `dev` group.
    Run `uv lock` afterwards.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        groups = repo.pyproject.get("dependency-groups")
        header = line_of_key(repo, PYPROJECT, "[dependency-groups]")

        if not isinstance(groups, dict):
            legacy = repo.tool("uv").get("dev-dependencies")
            note = " (only [tool.uv] dev-dependencies)" if legacy else ""
            return Fail(f"no [dependency-groups] table{note}", PYPROJECT)

        expected = _standard_groups(repo)
        missing = [name for name in expected if name not in groups]
        found: list[Fail] = []

        if missing:
            message = f"[dependency-groups] lacks {', '.join(missing)}"
            found.append(Fail(message, PYPROJECT, header))

        for name in expected:
            if name not in groups:
                continue

            problems = _lacking(repo, groups, name)
            lacking = [req.name for req, have in problems if have is None]

            if lacking:
                found.append(
                    Fail(
                        f"group {name!r} lacks {', '.join(lacking)}",
                        PYPROJECT,
                        line_of_key(repo, PYPROJECT, name) or header,
                    )
                )

            for req, have in problems:
                if have is not None:
                    marker = (
                        f"marker {str(have.marker)!r}" if have.marker else "no marker"
                    )
                    found.append(
                        Fail(
                            f"{req.name!r} in group {name!r} has {marker}, "
                            f"not {str(req.marker)!r}",
                            PYPROJECT,
                            repo.line_of(PYPROJECT, rf"^\s*\"{re.escape(have.name)}\b"),
                        )
                    )

        return found

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        groups = repo.pyproject.get("dependency-groups")
        edits: list[Edit] = []
        moved: dict[str, list[t.Any]] = {}

        if not isinstance(groups, dict):
            # uv's older spellings: [tool.uv] dev-dependencies, and groups
            # written under [tool.uv.dependency-groups].
            legacy = repo.tool("uv").get("dev-dependencies")
            misplaced = repo.tool("uv", "dependency-groups")

            if isinstance(legacy, list):
                moved["dev"] = legacy
                edits.append(TomlRemove(PYPROJECT, ("tool", "uv", "dev-dependencies")))

            if isinstance(misplaced, dict) and all(
                isinstance(v, list) for v in misplaced.values()
            ):
                moved.update(misplaced)
                edits.append(TomlRemove(PYPROJECT, ("tool", "uv", "dependency-groups")))

            groups = moved

        expected = _standard_groups(repo)
        add: list[tuple[str, tuple[str, ...]]] = [
            (name, tuple(str(e) for e in entries)) for name, entries in moved.items()
        ]

        for name, entries in expected.items():
            if name not in groups:
                add.append((name, tuple(e for e in entries if isinstance(e, str))))
                continue

            for req, have in _lacking(repo, groups, name):
                entry = _entry(expected, name, req)

                if have is not None:
                    # Only the marker differs: keep the project's extras and
                    # version specifier.
                    extras = f"[{','.join(sorted(have.extras))}]" if have.extras else ""
                    marker = entry.partition(";")[2].strip()
                    entry = f"{have.name}{extras}{have.specifier} ; {marker}"

                add.append((name, (entry,)))

        edits.insert(0, MergeGroups(PYPROJECT, tuple(add)))
        return Fix(
            "Add the standard dependency groups",
            "unsafe" if moved else "safe",
            tuple(edits),
        )


def _lacking(
    repo: Repo, groups: dict[str, t.Any], name: str
) -> list[tuple[Requirement, Requirement | None]]:
    """The template's requirements of a group that the project's group
    lacks (``None``) or has with another marker.
    """
    expected = _standard_groups(repo)
    found = {canonicalize_name(r.name): r for r in _group(groups, name)}
    typing_env = repo.tool("tox", "env", "typing")
    typing_groups = (
        typing_env.get("dependency_groups", []) if isinstance(typing_env, dict) else []
    )

    if name == "typing" and "tests" in typing_groups:
        # The typing env may install the tests group beside it.
        for req in _group(groups, "tests"):
            found.setdefault(canonicalize_name(req.name), req)

    want = _group(expected, name)

    if name == "docs":
        want = [r for r in want if canonicalize_name(r.name) == "sphinx"]

    result: list[tuple[Requirement, Requirement | None]] = []

    for req in want:
        have = found.get(canonicalize_name(req.name))

        if have is None or (
            req.marker is not None and str(have.marker) != str(req.marker)
        ):
            result.append((req, have))

    return result


def _entry(groups: dict[str, t.Any], name: str, req: Requirement) -> str:
    """The template's own text of a requirement in a group."""
    for entry in groups.get(name, []):
        parsed = _parse(entry)

        if parsed is not None and canonicalize_name(parsed.name) == canonicalize_name(
            req.name
        ):
            return str(entry)

    return str(req)


@dataclasses.dataclass(frozen=True)
class MergeGroups(Edit):
    """Add requirements to dependency groups, creating the table and the
    groups that are missing. A requirement replaces the group's entry for
    the same project when ``replace`` is set, or when only their markers
    differ; otherwise the group's own entry is kept.
    """

    path: str
    groups: tuple[tuple[str, tuple[str, ...]], ...]
    replace: bool = True

    def apply(self, text: str | None, repo: Repo) -> str | None:
        import tomlkit

        def change(source: str) -> str:
            doc = tomlkit.parse(source)
            found = doc.get("dependency-groups")
            new = not isinstance(found, dict)
            table: t.Any = tomlkit.table() if new else found

            for name, entries in self.groups:
                if name not in table:
                    array = tomlkit.array()
                    array.multiline(True)
                    table[name] = array

                array = table[name]

                if not isinstance(array, list):
                    raise FixConflict(f"group {name} in {self.path} is not a list")

                for entry in entries:
                    _merge_entry(array, entry, self.replace)

            if new:
                table.add(tomlkit.nl())
                _insert_table(doc, "dependency-groups", table)

            return _tidy(tomlkit.dumps(doc), source)

        return keep_newlines(text or "", change)


def _merge_entry(array: t.Any, entry: str, replace: bool) -> None:
    req = _parse(entry)
    name = canonicalize_name(req.name) if req is not None else None

    for index, have in enumerate(array):
        other = _parse(str(have)) if isinstance(have, str) else None

        if other is None or canonicalize_name(other.name) != name:
            continue

        if replace and str(have) != entry:
            array[index] = entry

        return

    array.append(entry)


def _insert_table(doc: t.Any, key: str, table: t.Any) -> None:
    """Add a top-level table before ``[build-system]`` or ``[tool]``, or
    last.
    """
    for anchor in ("build-system", "tool"):
        index = getattr(doc, "_map", {}).get(anchor)

        if isinstance(index, int):
            try:
                doc._insert_at(index, key, table)
            except Exception:  # noqa: BLE001 -- tomlkit's private API changed
                break

            return

    doc[key] = table


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
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        expected = std.toml(PYPROJECT)["tool"]["uv"]["default-groups"]
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

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        keys = ("tool", "uv", "default-groups")
        edit = TomlSet(PYPROJECT, keys, Template(keys))
        return Fix("Set the standard default groups", "safe", (edit,))


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
    Drop the line that ignores `uv.lock`, or add `!/uv.lock` after a wider
    pattern such as `*.lock`. Safe. A missing lock has no fix: run
    `uv lock`, which the linter never runs.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if not repo.is_file(LOCK):
            return Fail("uv.lock is missing", "uv.lock")

        return [
            Fail(f"uv.lock is ignored by {name}", name, line)
            for name in (".gitignore", ".git/info/exclude")
            if (line := _ignored_by(repo.text(name) or "", LOCK)) is not None
        ]

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if not repo.is_file(LOCK):
            return None

        edits: list[Edit] = []

        for name in (".gitignore", ".git/info/exclude"):
            text = repo.text(name) or ""

            if _ignored_by(text, LOCK) is None:
                continue

            exact = {"uv.lock", "/uv.lock", "**/uv.lock"}
            remove = tuple(
                line.strip() for line in text.splitlines() if line.strip() in exact
            )
            rest = "\n".join(
                line for line in text.splitlines() if line.strip() not in exact
            )
            add = ("!/uv.lock",) if _ignored_by(rest, LOCK) is not None else ()
            edits.append(EditLines(name, add=add, remove=remove))

        return Fix("Stop ignoring uv.lock", "safe", tuple(edits))


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

        wanted = repo.project.get("requires-python")
        python = lock.get("requires-python")
        found: list[Fail] = []

        if wanted is not None and _spec(python) != _spec(wanted):
            found.append(
                Fail(
                    f"uv.lock requires-python is {python!r},"
                    f" pyproject.toml has {wanted!r}",
                    LOCK,
                    repo.line_of(LOCK, r"^requires-python\s*="),
                )
            )

        package = _root_package(repo, lock)

        if package is None:
            name = repo.project.get("name")
            return [*found, Fail(f"uv.lock has no entry for {name!r}", LOCK)]

        line = repo.line_of(LOCK, rf"^name = \"{re.escape(str(package['name']))}\"$")
        metadata = package.get("metadata")

        def after(pattern: str, start: int | None) -> int | None:
            """The first line after another that matches a pattern, else the
            project's entry.
            """
            lines = lines_of(repo, LOCK, pattern)
            return next((n for n in lines if start is not None and n > start), line)

        if not isinstance(metadata, dict):
            message = "the project's entry in uv.lock has no metadata"
            return [*found, Fail(message, LOCK, line)]

        if "dependencies" not in repo.project.get("dynamic", []):
            locked = _lock_keys(metadata.get("requires-dist"))
            expected = _expected_dist(repo)

            if locked != expected:
                found.append(
                    Fail(
                        "uv.lock is stale: dependencies differ "
                        f"({_describe(expected ^ locked)})",
                        LOCK,
                        after(r"^requires-dist\s*=", line),
                    )
                )

        dev = metadata.get("requires-dev", {})
        locked_dev: dict[str, set[_Key]] = {
            canonicalize_name(k): _lock_keys(v)
            for k, v in (dev.items() if isinstance(dev, dict) else [])
        }
        expected_dev = _expected_dev(repo)
        groups = after(r"^\[package\.metadata\.requires-dev\]", line)

        for name in sorted(locked_dev.keys() | expected_dev.keys()):
            have = locked_dev.get(name, set())
            want = expected_dev.get(name, set())

            if have != want:
                found.append(
                    Fail(
                        f"uv.lock is stale: group {name!r} differs "
                        f"({_describe(have ^ want) or 'group missing'})",
                        LOCK,
                        after(rf"^{re.escape(name)}\s*=", groups),
                    )
                )

        return found


_REQUIREMENTS = re.compile(
    r"(?:[^/]*[-_.])?requirements(?:[-_.][^/]*)?\.(?:txt|in|lock)|"
    r"Pipfile(?:\.lock)?|poetry\.lock|pdm\.lock",
    re.I,
)
_COMPILED = re.compile(r"autogenerated by pip-compile|pip-compile-multi", re.I)
_FOLDERS = ("requirements", "requirements-skip")
#: The tools the requirements files were compiled with, not kept in groups.
_COMPILERS = frozenset({"pip-compile-multi", "pip-tools"})


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
    Make each `.in` file (or hand-written requirements file) a group of
    its name, `requirements/dev.in` the `dev` group, with the files it
    includes (`-r`) read in place and pip-compile-multi and pip-tools left
    out; then delete every file the rule found. Compiled pins and the pins
    of min and dev envs are dropped: the lock and the `tests-min` env
    replace them. Unsafe: it deletes files. Run `uv lock` afterwards. No
    fix when a file has index options or bare URLs.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        # git keeps no empty folder, so one left empty does not count.
        found = [
            Fail(f"{folder}/ folder", folder)
            for folder in _FOLDERS
            if any(name.startswith(f"{folder}/") for name in repo.files)
        ]

        for name in repo.files:
            if name.startswith(("examples/", "tests/", *(f"{f}/" for f in _FOLDERS))):
                continue

            base = name.rpartition("/")[2]

            if _REQUIREMENTS.fullmatch(base):
                found.append(Fail(f"requirements file {name}", name))
            elif base.endswith((".txt", ".in")) and _COMPILED.search(
                (repo.text(name) or "")[:1000]
            ):
                found.append(
                    Fail(
                        f"pip-compile output {name}",
                        name,
                        repo.line_of(name, _COMPILED.pattern),
                    )
                )

        return found

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        flagged = _flagged(repo)
        groups: dict[str, list[str]] = {}

        for path in flagged:
            base = path.rpartition("/")[2]
            found = _file_groups(repo, path, base)

            if found is None:
                return None

            for name, entries in found.items():
                group = groups.setdefault(name, [])
                names = {canonicalize_name(r.name) for r in map(_parse, group) if r}

                for entry in entries:
                    req = _parse(entry)

                    if req is not None and canonicalize_name(req.name) not in names:
                        group.append(entry)
                        names.add(canonicalize_name(req.name))

        edits: list[Edit] = [DeleteFile(path) for path in flagged]

        if any(groups.values()):
            add = tuple((n, tuple(e)) for n, e in groups.items() if e)
            edits.insert(0, MergeGroups(PYPROJECT, add, replace=False))

        return Fix(
            "Move the requirements files into dependency groups", "unsafe", tuple(edits)
        )


def _flagged(repo: Repo) -> list[str]:
    """Every file DEP005 finds: requirements files, their folders, pip-compile
    output and other tools' lock files.
    """
    result: list[str] = []

    for name in repo.files:
        base = name.rpartition("/")[2]

        if name.startswith(tuple(f"{folder}/" for folder in _FOLDERS)):
            result.append(name)
        elif name.startswith(("examples/", "tests/")):
            continue
        elif _REQUIREMENTS.fullmatch(base) or (
            base.endswith((".txt", ".in")) and _compiled(repo, name)
        ):
            result.append(name)

    return result


def _compiled(repo: Repo, path: str) -> bool:
    return _COMPILED.search((repo.text(path) or "")[:1000]) is not None


def _file_groups(repo: Repo, path: str, base: str) -> dict[str, list[str]] | None:
    """The groups a file's requirements go to (none for compiled output,
    lock files and the pins of min and dev envs), or ``None`` if they
    cannot be told.
    """
    if base == "Pipfile":
        return _pipfile(repo)

    stem, _, ext = base.rpartition(".")

    if (
        path.startswith("requirements-skip/")
        or ext not in {"in", "txt"}
        or (ext == "txt" and (_compiled(repo, path) or repo.is_file(f"{path[:-4]}.in")))
    ):
        return {}

    if path.startswith("requirements/"):
        name = stem
    else:
        name = re.sub(r"(^|[-_.])requirements([-_.]|$)", "", stem, flags=re.I)
        name = name or posixpath.basename(posixpath.dirname(path))

    entries = _read_requirements(repo, path, frozenset())

    if entries is None:
        return None

    if re.search(r".-(min|dev)$", name):
        # tests-min pins belong to the tests-min env's install command.
        return {}

    if not name:
        # A top-level requirements.txt repeats [project] dependencies.
        deps = {
            canonicalize_name(r.name) for r in map(_parse, _dependencies(repo)) if r
        }
        names = {canonicalize_name(r.name) for r in map(_parse, entries) if r}
        return {} if names <= deps else None

    return {str(canonicalize_name(name)): entries}


def _dependencies(repo: Repo) -> list[t.Any]:
    deps = repo.project.get("dependencies", [])
    return deps if isinstance(deps, list) else []


def _read_requirements(repo: Repo, path: str, seen: frozenset[str]) -> list[str] | None:
    """The requirements of a pip requirements file, with the files it
    includes (``-r``) read in their place, or ``None`` if a line is not a
    requirement: an index option, a bare URL, an include of compiled pins.
    """
    text = repo.text(path)

    if text is None or path in seen:
        return None if text is None else []

    result: list[str] = []
    folder = posixpath.dirname(path)

    for line in _requirement_lines(text):
        include = re.fullmatch(r"(?:-r|--requirement)[\s=]*+(\S+)", line)

        if include:
            target = posixpath.normpath(posixpath.join(folder, include.group(1)))

            if target.endswith(".txt") and repo.is_file(f"{target[:-4]}.in"):
                target = f"{target[:-4]}.in"
            elif _compiled(repo, target):
                return None

            entries = _read_requirements(repo, target, seen | {path})

            if entries is None:
                return None

            result += entries
            continue

        if re.match(r"(?:-c|--constraint)\b", line) or re.fullmatch(
            r"(?:(?:-e|--editable)\s*)?\.(?:\[.*\])?/?", line
        ):
            # Constraints, and the project itself, which uv installs.
            continue

        req = _parse(line)

        if req is None or line.startswith("-"):
            return None

        if canonicalize_name(req.name) not in _COMPILERS:
            result.append(line)

    return result


def _requirement_lines(text: str) -> list[str]:
    """Lines of a requirements file, without comments, continuations
    joined.
    """
    joined = re.sub(r"\\\n", " ", text)
    lines = (re.sub(r"(^|\s)#.*", "", line).strip() for line in joined.splitlines())
    return [line for line in lines if line]


def _pipfile(repo: Repo) -> dict[str, list[str]] | None:
    """Pipfile's dev packages as the dev group. Its packages must already
    be [project] dependencies.
    """
    data = repo.toml("Pipfile")
    deps = {canonicalize_name(r.name) for r in map(_parse, _dependencies(repo)) if r}
    packages = data.get("packages", {})

    if any(canonicalize_name(name) not in deps for name in packages):
        return None

    dev: list[str] = []

    for name, spec in data.get("dev-packages", {}).items():
        if isinstance(spec, dict) and set(spec) <= {"version", "extras"}:
            extras = ",".join(spec.get("extras", []))
            name = f"{name}[{extras}]" if extras else name
            spec = spec.get("version", "*")

        if not isinstance(spec, str):
            return None

        entry = name if spec.strip() in {"", "*"} else f"{name}{spec.strip()}"

        if _parse(entry) is None:
            return None

        dev.append(entry)

    return {"dev": dev} if dev else {}
