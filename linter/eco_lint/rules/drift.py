"""DRF: how far a project made from the template, or adopted into it, has
drifted from the render of the template version eco-lint carries.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import re
import typing as t

from packaging.version import InvalidVersion
from packaging.version import Version

from ..answers import inferred
from ..edits import Edit
from ..edits import FixConflict
from ..edits import keep_newlines
from ..edits.text import WriteFile
from ..fix import Fix
from ..registry import Fail
from ..registry import Outcome
from ..registry import Skip
from ..repo import load_yaml
from ..repo import Repo
from ..standard import answers_text
from ..standard import Standard
from ..standard import standard_for
from ..template import ANSWERS_FILE
from ..template import template_root
from ..template import template_version
from ._base import Drift
from ._base import requirement_name


@functools.cache
def user_owned_patterns() -> tuple[str, ...]:
    """The template's ``_skip_if_exists`` patterns: files that belong to the
    project after the first copy.
    """
    settings = load_yaml((template_root() / "copier.yml").read_text())
    return tuple(settings.get("_skip_if_exists", ()))


def is_user_owned(path: str) -> bool:
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in user_owned_patterns())


def template_owned(repo: Repo) -> list[str]:
    """Files of the render that the template keeps owning: everything but
    the user-owned files and ``pyproject.toml``, whose tables are shared.
    """
    return [
        name
        for name in standard_for(repo).files()
        if not is_user_owned(name) and name != "pyproject.toml"
    ]


def _recorded(repo: Repo) -> Version | None:
    try:
        return Version(str(repo.answers.get("_commit", "")).lstrip("v"))
    except InvalidVersion:
        return None


class DRF001(Drift):
    """Project records its template answers

    ## What it does
    In a `pallets-eco` repository that was made from the template or
    adopted into it (it has `.copier-answers.yml`, or runs the eco-lint
    hook or action), checks for `.copier-answers.yml` with the template
    source (`_src_path`) and version (`_commit`). A repository that was
    never adopted is not judged on it: `eco-lint adopt` is its next step,
    not a fault.

    ## Why
    `copier update` reads the answers file to replay the template version
    the project was made from and merge the next one. Without it, template
    changes have to be copied by hand, and the project drifts.

    ## Example
    A project that runs the eco-lint hook but lost its answers file.

    Use instead: `eco-lint adopt`, which infers the answers, brings the
    template's files to the current render and writes the answers file.

    ## Fix
    Write the answers file from the inferred answers, at the template
    version eco-lint carries. Unsafe: check the answers with `eco-lint adopt`
    first.
    """

    weight = 2
    fixable = True

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        if inferred(repo).get("org") != "pallets-eco":
            return False

        marks = [repo.text(".pre-commit-config.yaml") or ""]
        marks += [repo.text(name) or "" for name in repo.workflows]
        return repo.is_file(ANSWERS_FILE) or any(
            "pallets-eco/eco-lint" in text for text in marks
        )

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        if not repo.is_file(ANSWERS_FILE):
            return Fail(f"no {ANSWERS_FILE}", ANSWERS_FILE)

        missing = [key for key in ("_src_path", "_commit") if not repo.answers.get(key)]

        if missing:
            return Fail(f"{ANSWERS_FILE} lacks {', '.join(missing)}", ANSWERS_FILE)

        return None

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        text = answers_text(std.answers, template_version(), None)
        return Fix(
            "Write the template answers", "unsafe", (WriteFile(ANSWERS_FILE, text),)
        )


class DRF002(Drift):
    """Template version is current

    ## What it does
    Checks that the template version recorded in `.copier-answers.yml` is not
    older than the version this eco-lint carries.

    ## Why
    Each template version brings the standard's latest changes: action pins,
    hook revisions, workflow hardening. A project behind it misses them.

    ## Example
    `_commit: 0.1.0` when eco-lint carries 0.2.0.

    Use instead: run `eco-lint update`.

    ## Fix
    None: the update merges the new version with the project's own changes,
    which `eco-lint update` (or `copier update`) does.
    """

    weight = 1

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return repo.is_file(ANSWERS_FILE)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        if not repo.answers.get("_commit"):
            return Skip(f"{ANSWERS_FILE} has no _commit")

        recorded = _recorded(repo)
        carried = Version(template_version())

        if recorded is None:
            return Fail(
                f"_commit {repo.answers.get('_commit')!r} is not a version",
                ANSWERS_FILE,
            )

        if recorded < carried:
            return Fail(
                f"template version {recorded} is behind {carried}", ANSWERS_FILE
            )

        return None


class DRF003(Drift):
    """Template-owned files match the template

    ## What it does
    Checks that every file the template owns (workflows, the pre-commit,
    editor, Git and Read the Docs configs, issue templates, docs config
    pages) is the template's render for the project's recorded answers.
    What the project adds to a file whose fix merges is its own: lines
    between or after the render's (its own jobs, matrix rows, hooks,
    `.gitignore` entries), pins moved past the template's, and a Read the
    Docs build made of its own `build.jobs` instead of the template's
    `build.commands`.

    ## Why
    `copier update` merges the next template version against this render.
    A file that differs is merged as a local change, and where the template
    changes the same lines the update stops with a conflict.

    ## Example
    A tests workflow with its own steps, edited after the project was made.

    Use instead: keep project-specific workflows in files of their own.

    ## Fix
    Merge the template's render into each differing file: `.gitignore`
    keeps the project's entries, the pre-commit config its own hooks, a
    workflow its own events, jobs, services and matrix rows, the Read the
    Docs config its own `build.jobs`, and pins the project moved past the
    template's stay. Other files take the render.
    Unsafe: the template's values replace the project's where both set
    one, and a merge that would still lose something the project owns is
    not applied.
    """

    weight = 2
    fixable = True
    requires = frozenset({"DRF002"})

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return repo.is_file(ANSWERS_FILE)

    @classmethod
    def _differ(cls, repo: Repo) -> list[str]:
        return [
            name
            for name in template_owned(repo)
            if repo.is_file(name)
            and repo.text(name) != standard_for(repo).text(name)
            and not keeps_render(name, standard_for(repo).text(name), repo.text(name))
        ]

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        recorded, carried = _recorded(repo), Version(template_version())

        if recorded != carried:
            return Skip(
                f"records template version {recorded}; eco-lint carries {carried}"
            )

        differ = cls._differ(repo)

        if differ:
            return Fail(f"differs from the template: {', '.join(differ)}", differ[0])

        return None

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        edits = tuple(MergeTemplate(name) for name in cls._differ(repo))
        return Fix("Merge the template's files into local changes", "unsafe", edits)


def _merged(path: str) -> bool:
    """Whether :class:`MergeTemplate` keeps the project's additions to a
    file, rather than writing the render over it.
    """
    return (
        path == ".gitignore"
        or (path.startswith(".github/") and path.endswith(".md"))
        or path.endswith((".yaml", ".yml"))
    )


def keeps_render(path: str, render: str | None, project: str | None) -> bool:
    """Whether a project's file is the render with only what the project
    adds on purpose and the merge keeps: its own lines between the
    render's, in the render's order, and pins moved past the render's.
    Read the Docs takes ``build.jobs`` or ``build.commands``, not both: a
    project that builds with its own jobs keeps them.
    """
    if render is None or project is None or not _merged(path):
        return False

    wanted = render.replace("\r\n", "\n").split("\n")

    if path == ".readthedocs.yaml" and _builds_with_jobs(project):
        wanted = _without_block(wanted, "  commands:")

    found = iter(project.replace("\r\n", "\n").split("\n"))
    return all(
        any(_same_line(line, mine) for mine in found) for line in wanted if line.strip()
    )


def _same_line(render: str, project: str) -> bool:
    """The same line, or the same pin at the render's version or newer."""
    render, project = render.rstrip(), project.rstrip()

    if render == project:
        return True

    theirs, mine = _PIN.search(render), _PIN.search(project)

    if theirs is None or mine is None:
        return False

    if render[: theirs.start("pin")] != project[: mine.start("pin")]:
        return False

    def key(match: re.Match[str]) -> str:
        return match.group("ref").partition("@")[0]

    def version(match: re.Match[str]) -> Version | None:
        return _version_of(match.group("comment") or match.group("ref"))

    old, new = version(theirs), version(mine)
    return (
        key(theirs) == key(mine) and old is not None and new is not None and new >= old
    )


def _builds_with_jobs(project: str) -> bool:
    """Whether a Read the Docs config customises the build with
    ``build.jobs`` rather than replacing it with ``build.commands``.
    """
    data = load_yaml(project)
    build = data.get("build") if isinstance(data, dict) else None
    return isinstance(build, dict) and "jobs" in build and "commands" not in build


def _without_block(lines: list[str], head: str) -> list[str]:
    """The lines without the block that starts at ``head`` and the lines
    indented below it.
    """
    if head not in lines:
        return lines

    start = lines.index(head)
    end = start + 1
    indent = len(head) - len(head.lstrip())

    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1

    return lines[:start] + lines[end:]


@dataclasses.dataclass(frozen=True)
class MergeTemplate(Edit):
    """Bring a template-owned file to the template's render and keep what
    the project adds: the lines of ``.gitignore`` and of the issue and pull
    request templates; the repositories and hooks of the pre-commit config;
    the events, branches, jobs, services, matrix rows and other keys of a
    workflow or other YAML file. Pins of actions and hook revisions the
    project moved past the template's stay as they are. A Read the Docs
    config that builds with its own ``build.jobs`` keeps them instead of
    the template's ``build.commands``: it cannot have both. Other files
    take the render.
    """

    path: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        render = standard_for(repo).text(self.path)

        if render is None:
            raise FixConflict(f"the template has no {self.path}")

        if text is None:
            return render

        if self.path == ".gitignore" or (
            self.path.startswith(".github/") and self.path.endswith(".md")
        ):
            return merge_lines(render, text)

        if self.path == ".readthedocs.yaml" and _builds_with_jobs(text):
            render = "\n".join(_without_block(render.split("\n"), "  commands:"))

        if self.path.endswith((".yaml", ".yml")):
            return keep_newlines(text, lambda source: _merge_yaml(render, source))

        return render


def merge_lines(render: str, project: str) -> str:
    """The render's lines, then the project's lines it lacks."""
    present = {line.strip() for line in render.splitlines()}
    extra = [
        line
        for line in project.replace("\r\n", "\n").splitlines()
        if line.strip() and line.strip() not in present
    ]

    if not extra:
        return render

    return render.rstrip("\n") + "\n" + "\n".join(extra) + "\n"


def _merge_yaml(render: str, project: str) -> str:
    from ..edits.yaml import yaml_dump
    from ..edits.yaml import yaml_load

    yaml, ours = yaml_load(render)
    _, theirs = yaml_load(project)

    if not isinstance(ours, dict) or not isinstance(theirs, dict):
        raise FixConflict("not a YAML mapping")

    if "repos" in ours:
        _merge_repos(ours["repos"], theirs.get("repos") or [])
    else:
        _merge_mapping(ours, theirs, ())

    return keep_newer_pins(yaml_dump(yaml, ours), project)


def _merge_mapping(ours: t.Any, theirs: t.Any, path: tuple[str, ...]) -> None:
    """Add what the project's workflow mapping has and the template's
    lacks: keys, list items and ``include`` rows; merge mappings below.
    Scalar values the template sets are the template's.
    """
    for key, value in theirs.items():
        if key not in ours:
            ours[key] = value
        elif isinstance(value, dict) and isinstance(ours[key], dict):
            _merge_mapping(ours[key], value, (*path, str(key)))
        elif isinstance(value, list) and isinstance(ours[key], list):
            if path[:1] == ("jobs",) and key == "steps":
                # The template's steps, unless the project's run something
                # the template's do not: then the project's, pins and all.
                if not {_step(i) for i in value} <= {_step(i) for i in ours[key]}:
                    ours[key] = value

                continue

            for item in value:
                if item not in ours[key]:
                    ours[key].append(item)
        elif path[:1] == ("on",) and ours[key] is None and value is not None:
            ours[key] = value


def _step(step: t.Any) -> str:
    """What a workflow step does: the action it uses, or its script."""
    if not isinstance(step, dict):
        return str(step)

    if "uses" in step:
        return str(step["uses"]).split("@")[0]

    return " ".join(str(step.get("run", "")).split())


def _repo_url(entry: t.Any) -> str:
    return str(entry.get("repo", "")) if isinstance(entry, dict) else ""


def _merge_repos(ours: list[t.Any], theirs: list[t.Any]) -> None:
    """Add the project's repositories and hooks to the template's."""
    by_url = {_repo_url(entry): entry for entry in ours}

    for entry in theirs:
        mine = by_url.get(_repo_url(entry))

        if mine is None:
            ours.append(entry)
            continue

        ids = {str(h.get("id")) for h in mine.get("hooks") or [] if isinstance(h, dict)}

        for hook in entry.get("hooks") or []:
            if isinstance(hook, dict) and str(hook.get("id")) not in ids:
                mine.setdefault("hooks", []).append(hook)


_PIN = re.compile(
    r"(?P<head>(?:rev|uses):\s*)(?P<pin>['\"]?(?P<ref>[^\s'\"#]+)['\"]?"
    r"(?:[ \t]*#\s*(?:frozen:\s*)?(?P<comment>\S+))?)"
)


def _pin_lines(lines: list[str]) -> t.Iterator[tuple[int, re.Match[str], str, t.Any]]:
    """Each pin in the lines: its line index, the match, the action or hook
    repository it pins, and its version (``None`` when it has none).
    """
    current_repo = None

    for index, line in enumerate(lines):
        repo_match = re.match(r"\s*+-?\s*+repo:\s*+['\"]?(\S+?)['\"]?\s*$", line)

        if repo_match:
            current_repo = repo_match.group(1)
            continue

        match = _PIN.search(line)

        if match is None:
            continue

        ref = match.group("ref")
        key = ref.split("@")[0] if "@" in ref else current_repo

        if key is not None:
            comment = match.group("comment") or ref.rpartition("@")[2]
            yield index, match, key, _version_of(comment)


def _pins(text: str) -> dict[str, tuple[t.Any, str]]:
    """For each action or hook repository, its newest version and the
    text of that pin (``rev: ...`` or ``uses: ...``).
    """
    found: dict[str, tuple[t.Any, str]] = {}

    for _, match, key, version in _pin_lines(text.splitlines()):
        if version is not None and (key not in found or version > found[key][0]):
            found[key] = (version, match.group("pin"))

    return found


def _version_of(text: str) -> Version | None:
    try:
        return Version(text.lstrip("v"))
    except InvalidVersion:
        return None


def keep_newer_pins(merged: str, project: str) -> str:
    """Put back each pin the project has at a newer version than the
    merged text: a fix never moves a pin or a hook revision backwards.
    """
    theirs = _pins(project)
    lines = merged.split("\n")

    for index, match, key, version in _pin_lines(lines):
        if key in theirs and version is not None and theirs[key][0] > version:
            lines[index] = lines[index][: match.start("pin")] + theirs[key][1]

    return "\n".join(lines)


class DRF004(Drift):
    """Project has every template file

    ## What it does
    Checks that every file the template owns exists in the project. Files
    that belong to the project after the first copy (its package, tests,
    README, changelog and docs pages) are its own to keep or remove.

    ## Why
    A file the project lacks is one the standard expects, such as a
    workflow or the docs' licence page. Copier recreates it on update, where
    it arrives unreviewed; diffs against the template do not show it at all.

    ## Example
    A project without `.github/workflows/zizmor.yaml`.

    Use instead: the template's file.

    ## Fix
    Write the template's render of each missing file. Safe: only new files.
    """

    weight = 2
    fixable = True

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return repo.is_file(ANSWERS_FILE)

    @classmethod
    def _missing(cls, repo: Repo) -> list[str]:
        from .publish import other_publishers
        from .publish import PATH as PUBLISH

        owned = [*template_owned(repo), "pyproject.toml"]
        # One publish pipeline: PUB001 says what to do by hand.
        skip = {PUBLISH} if other_publishers(repo) else set()

        if repo.is_file("setup.py") or repo.is_file("setup.cfg"):
            # The migration to [project] writes it from their metadata.
            skip.add("pyproject.toml")
        return [n for n in owned if not repo.exists(n) and n not in skip]

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        return [Fail(f"missing template file: {n}", n) for n in cls._missing(repo)]

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        edits = tuple(WriteFile(name) for name in cls._missing(repo))
        return Fix("Write the missing template files", "safe", edits)


def _in_order(expected: list[t.Any], found: list[t.Any]) -> bool:
    """Whether every expected item is in ``found``, in the same order, with
    the project's own items anywhere between them.
    """
    items = iter(found)
    return all(any(item == wanted for item in items) for wanted in expected)


def _ident(item: t.Any) -> str:
    """A dependency group entry's identity: its project name, or the
    group it includes.
    """
    if isinstance(item, str):
        return requirement_name(item)

    return str(dict(item))


# One way to match each line (the name is stripped after), so that a long
# line cannot make it backtrack.
_HEADER = re.compile(r"^\[\[?([^\]]*)\]\]?[ \t]*(#.*)?$")


def _tables(text: str) -> dict[str, list[str]]:
    """The lines of each table of a TOML file, by header, in file order,
    without the blank lines that end them. Lines before the first header
    are under ``""``.
    """
    tables: dict[str, list[str]] = {"": []}
    current = ""

    for line in text.replace("\r\n", "\n").split("\n"):
        match = _HEADER.match(line)

        if match and match.group(1).strip():
            current = match.group(1).strip()
            tables[current] = []
        else:
            tables[current].append(line)

    return {
        name: "\n".join(lines).rstrip("\n").split("\n")
        for name, lines in tables.items()
    }


def _layout_difference(render: str, project: str) -> str | None:
    """Where the project's ``pyproject.toml`` leaves the template's text:
    a table it lacks or has elsewhere, or a table whose values do not keep
    the template's (see :func:`_keeps`). The ``[project]`` tables are the
    project's own.
    """
    expected = {
        name: lines
        for name, lines in _tables(render).items()
        if name and name != "project" and not name.startswith("project.")
    }
    found = _tables(project)
    # pytest 9's native [tool.pytest] table stands for the template's
    # [tool.pytest.ini_options]: pytest reads one of them.
    pytest, native = "tool.pytest.ini_options", "tool.pytest"
    aliased = native in found and pytest not in found
    found = {(pytest if n == native and aliased else n): v for n, v in found.items()}
    missing = [name for name in expected if name not in found]

    if missing:
        return f"lacks [{missing[0]}]"

    if [name for name in found if name in expected] != list(expected):
        return "has the template's tables in another order"

    import tomllib

    try:
        ours, theirs = tomllib.loads(render), tomllib.loads(project)
    except tomllib.TOMLDecodeError:
        return "is not valid TOML"

    for name in expected:
        wanted = _table(ours, name)
        value = _table(theirs, native if name == pytest and aliased else name)

        if not _keeps(wanted, value, name == "dependency-groups"):
            return f"[{name}] differs from the template's"

    return None


def _table(document: dict[str, t.Any], header: str) -> t.Any:
    """The value under a table header such as ``tool.tox.env.docs``."""
    node: t.Any = document

    for part in header.split("."):
        node = node.get(part.strip().strip("\"'")) if isinstance(node, dict) else None

    return node


def _keeps(expected: t.Any, found: t.Any, groups: bool = False) -> bool:
    """Whether a project's value keeps the template's, as the rebuild of
    ``pyproject.toml`` keeps it: every key of a table, each kept; the
    template's items of an array in its order, with the project's own
    between or after them (a requirement the project pins, ``"sphinx<9"``,
    is the template's ``"sphinx"``); any other value the same.
    """
    if isinstance(expected, dict):
        return isinstance(found, dict) and all(
            key in found and _keeps(value, found[key], groups)
            for key, value in expected.items()
        )

    if isinstance(expected, list):
        ident = _ident if groups else repr
        return isinstance(found, list) and _in_order(
            [ident(item) for item in expected], [ident(item) for item in found]
        )

    return bool(expected == found)


@dataclasses.dataclass(frozen=True)
class MergePyproject(Edit):
    """Rebuild ``pyproject.toml`` on the template's render: the template's
    tables, keys and values in its order, with the project's ``[project]``
    values and everything the project adds kept: extra keys and tables at
    the end of their table, extra list entries after the template's.
    """

    path: str = "pyproject.toml"

    def apply(self, text: str | None, repo: Repo) -> str | None:
        import tomlkit

        source = standard_for(repo).text(self.path)

        if source is None or text is None:
            raise FixConflict(f"no {self.path} to rebuild")

        def merge(into: t.Any, ours: t.Any, path: tuple[str, ...]) -> None:
            for key, value in ours.items():
                if key not in into:
                    into[key] = value
                elif isinstance(value, dict) and isinstance(into[key], dict):
                    merge(into[key], value, (*path, key))
                elif path[:1] == ("project",):
                    into[key] = value
                elif isinstance(value, list) and isinstance(into[key], list):
                    if list(value) == list(into[key]):
                        continue

                    # A requirement the project pins ("sphinx<9") is the
                    # template's entry ("sphinx"), not another one.
                    ident = _ident if path[:1] == ("dependency-groups",) else str
                    ours = [ident(item) for item in value]

                    if _in_order([ident(item) for item in into[key]], ours):
                        into[key] = value
                    else:
                        known = {ident(item) for item in into[key]}
                        into[key].extend(i for i in value if ident(i) not in known)

        from .build import migration_blocker

        # A build that cannot move to flit_core keeps its backend.
        keep_build = migration_blocker(repo) is not None

        def change(current: str) -> str:
            doc = tomlkit.parse(source)
            ours = tomlkit.parse(current)
            merge(doc, ours, ())

            if keep_build and "build-system" in ours:
                doc["build-system"] = ours["build-system"]

            # pytest reads one table: a project on pytest 9's native
            # [tool.pytest] keeps it, without the template's ini_options.
            native = (ours.get("tool") or {}).get("pytest") or {}

            if set(native) - {"ini_options"} and "ini_options" not in native:
                del doc["tool"]["pytest"]["ini_options"]
                doc["tool"]["pytest"].add(tomlkit.nl())

            # What the build computes is not written as a value beside it.
            project, theirs = doc.get("project") or {}, ours.get("project") or {}

            for key in theirs.get("dynamic", []):
                if key not in theirs and key in project:
                    del project[key]

            return tomlkit.dumps(doc)

        return keep_newlines(text, change)


class DRF005(Drift):
    """pyproject keeps the template's tables in the template's layout

    ## What it does
    Checks that `pyproject.toml` has every table of the template's render,
    in its order, each with the template's keys and values. The `[project]`
    tables, and the keys, tables and array items the project adds (after or
    between the template's, such as `files = ["src", "tests/typing"]` for
    mypy), are its own, as is a pin on a template requirement (`"sphinx<9"`
    for `"sphinx"`).

    ## Why
    `copier update` merges the next template version into `pyproject.toml`
    line by line. Where the project's tables are elsewhere or hold other
    values than the render they came from, the template's next change to
    them lands on lines the project changed, and the update stops with a
    conflict.

    ## Example
    `[tool.mypy]` before `[tool.pytest.ini_options]`, or `strict = false`.

    Use instead: the template's tables in its order, with the project's own
    keys after them.

    ## Fix
    Rebuild `pyproject.toml` on the template's render, keeping `[project]`
    and everything the project adds. Unsafe: comments between tables are
    not kept.
    """

    weight = 2
    fixable = True
    requires = frozenset({"DRF002"})

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return repo.is_file(ANSWERS_FILE) and repo.is_file("pyproject.toml")

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        recorded, carried = _recorded(repo), Version(template_version())

        if recorded != carried:
            return Skip(
                f"records template version {recorded}; eco-lint carries {carried}"
            )

        render = std.text("pyproject.toml") or ""
        difference = _layout_difference(render, repo.text("pyproject.toml") or "")

        if difference:
            return Fail(difference, "pyproject.toml")

        return None

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        return Fix(
            "Rebuild pyproject.toml on the template's tables",
            "unsafe",
            (MergePyproject(),),
        )
