"""PCO: the pre-commit hooks in `.pre-commit-config.yaml`."""

from __future__ import annotations

import copy
import dataclasses
import re
import typing as t

from ..edits import Edit
from ..edits import FixConflict
from ..edits import keep_newlines
from ..edits.text import DeleteFile
from ..edits.text import MoveFile
from ..edits.text import WriteFile
from ..edits.yaml import yaml_dump
from ..edits.yaml import yaml_load
from ..edits.yaml import YamlRemove
from ..fix import Fix
from ..registry import Fail
from ..registry import Outcome
from ..registry import Skip
from ..repo import Repo
from ..standard import Standard
from ..standard import standard_for
from ._base import lines_of
from ._base import nth
from ._base import PreCommit

PATH = ".pre-commit-config.yaml"

#: Hook repositories that run no remote code and carry no ``rev:``.
_LOCAL = frozenset({"local", "meta"})

#: The ruff hook id before ruff-pre-commit split it into ``ruff-check``.
_LEGACY_RUFF = "ruff"

#: Hooks of the tools ruff replaced, and of pip-compile-multi, which uv.lock
#: replaced, matched on the hook id or on the hook repository's name.
_REPLACED = re.compile(
    r"black(-jupyter|-pre-commit-mirror)?|flake8|isort|pyupgrade"
    r"|reorder[-_]python[-_]imports|autoflake|pip-compile-multi(-verify)?",
    re.I,
)

_SHA = re.compile(r"[0-9a-f]{40}")


def _url(entry: dict[str, t.Any]) -> str:
    """A hook repository's URL, compared without case, ``.git`` or a final
    slash.
    """
    url = str(entry.get("repo", "")).strip().lower().rstrip("/")
    return url.removesuffix(".git")


def _repos(config: t.Any) -> list[dict[str, t.Any]]:
    repos = config.get("repos") if isinstance(config, dict) else None
    return [r for r in repos if isinstance(r, dict)] if isinstance(repos, list) else []


def _hooks(entry: dict[str, t.Any]) -> list[dict[str, t.Any]]:
    hooks = entry.get("hooks")
    return [h for h in hooks if isinstance(h, dict)] if isinstance(hooks, list) else []


def _hook_ids(config: t.Any) -> set[str]:
    return {str(h.get("id")) for r in _repos(config) for h in _hooks(r)}


def _ruff_ids(repo: Repo) -> list[str]:
    """The template's ruff hook ids, which PCO002 checks."""
    return sorted(
        i
        for i in _hook_ids(standard_for(repo).yaml(PATH))
        if i.startswith(_LEGACY_RUFF)
    )


def _missing(repo: Repo) -> Skip | None:
    """Skip when PCO001 already reports that there is no config to read.
    Not ``requires``: a leftover ``ci:`` block fails PCO001 but must not
    hide the hooks' own problems.
    """
    if not repo.is_file(PATH) or PATH in repo.errors or not _repos(repo.precommit):
        return Skip(f"no {PATH} to read")

    return None


def _hook_line(repo: Repo, hook_id: str) -> int | None:
    return repo.line_of(PATH, rf"id:\s*['\"]?{re.escape(hook_id)}['\"]?\s*(#.*)?$")


def _config_path(repo: Repo) -> str:
    return PATH if repo.is_file(PATH) else ".pre-commit-config.yml"


def _frozen(repo: Repo) -> dict[str, tuple[str, str]]:
    """The template's frozen revision of each hook repository, by URL: the
    commit SHA and the tag of its ``  # frozen: <tag>`` comment.
    """
    found = re.finditer(
        r"repo:\s*+(\S++)[^\S\n]*+\n\s*+rev:\s*+([0-9a-f]{40})  # frozen: (\S+)",
        standard_for(repo).text(PATH) or "",
    )
    return {_url({"repo": m[1]}): (m[2], m[3]) for m in found}


def _freeze(source: str, urls: t.Collection[str], frozen: dict[str, t.Any]) -> str:
    """Set the ``rev:`` of these hook repositories to the template's frozen
    SHA and comment, editing only the text of each ``rev:`` line.
    """
    _, data = yaml_load(source)
    lines = source.splitlines(keepends=True)

    entry: t.Any

    for entry in _repos(data):
        url = _url(entry)

        if url not in urls or "rev" not in entry:
            continue

        sha, tag = frozen[url]
        number, column = entry.lc.value("rev")
        line = lines[number]
        rest = line[column:].rstrip("\n")
        value = re.escape(str(entry["rev"]))

        if not re.fullmatch(rf"(['\"]?){value}\1\s*(#.*)?", rest):
            raise FixConflict(f"the rev of {url} is not on a line of its own")

        lines[number] = f"{line[:column]}{sha}  # frozen: {tag}\n"

    return "".join(lines)


@dataclasses.dataclass(frozen=True)
class _FreezeRevs(Edit):
    """Pin hook repositories to the template's frozen revisions."""

    path: str
    urls: tuple[str, ...]

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        frozen = _frozen(repo)
        return keep_newlines(text, lambda s: _freeze(s, self.urls, frozen))


@dataclasses.dataclass(frozen=True)
class _SyncHooks(Edit):
    """Bring hooks from the template's config into the project's.

    Renames hook ids, drops the hooks of replaced tools (and repositories
    left without hooks), then adds each template hook of ``ids`` that is
    missing, with its repository entry if that is missing too, and the
    flags the template gives it. The project's other hooks, arguments and
    comments stay. With ``freeze``, a repository that gets a hook renamed
    or added moves to the template's revision, which has that hook.
    """

    path: str
    ids: tuple[str, ...]
    renames: tuple[tuple[str, str], ...] = ()
    drop: bool = False
    freeze: bool = False

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        template = standard_for(repo).text(PATH)

        if template is None:
            raise FixConflict(f"the template has no {PATH}")

        frozen = _frozen(repo)

        def change(source: str) -> str:
            yaml, data = yaml_load(source)
            repos = data.get("repos") if isinstance(data, dict) else None

            if not isinstance(repos, list):
                raise FixConflict(f"{self.path} has no list of repos")

            moved = self._change(repos, yaml_load(template)[1], frozen)
            result = yaml_dump(yaml, data)
            return _freeze(result, moved, frozen) if moved else result

        return keep_newlines(text, change)

    def _change(
        self, repos: list[t.Any], expected: t.Any, frozen: dict[str, t.Any]
    ) -> set[str]:
        renames = dict(self.renames)
        moved: set[str] = set()

        for entry in repos:
            for hook in _hooks(entry) if isinstance(entry, dict) else ():
                if hook.get("id") in renames:
                    hook["id"] = renames[str(hook["id"])]
                    moved.add(_url(entry))

        if self.drop:
            for index in reversed(range(len(repos))):
                entry = repos[index]

                if not isinstance(entry, dict) or not isinstance(
                    entry.get("hooks"), list
                ):
                    continue

                hooks = entry["hooks"]

                for number in reversed(range(len(hooks))):
                    if _replaced(entry, hooks[number]):
                        del hooks[number]

                if not hooks:
                    del repos[index]

        position = 0

        for template_entry in _repos(expected):
            wanted = [h for h in _hooks(template_entry) if h.get("id") in self.ids]
            url = _url(template_entry)
            found = next(
                (
                    i
                    for i, e in enumerate(repos)
                    if isinstance(e, dict) and _url(e) == url
                ),
                None,
            )

            if found is not None:
                position = found + 1

                if wanted and _add_hooks(repos[found], wanted):
                    moved.add(url)
            elif wanted:
                entry = copy.deepcopy(template_entry)
                hooks = entry["hooks"]

                for number in reversed(range(len(hooks))):
                    if hooks[number].get("id") not in self.ids:
                        del hooks[number]

                repos.insert(position, entry)
                position += 1

        return {
            _url(e)
            for e in repos
            if isinstance(e, dict)
            and self.freeze
            and _url(e) in moved
            and _needs_freeze(e, frozen)
        }


def _needs_freeze(entry: dict[str, t.Any], frozen: dict[str, tuple[str, str]]) -> bool:
    """Whether a hook repository the template knows is at another revision."""
    url = _url(entry)
    return url in frozen and str(entry.get("rev")) != frozen[url][0]


def _add_hooks(entry: t.Any, wanted: list[t.Any]) -> bool:
    """Add the missing hooks and flags of a template entry; return whether a
    hook was added.
    """
    if not isinstance(entry.get("hooks"), list):
        raise FixConflict(f"{entry.get('repo')} has no list of hooks")

    hooks = entry["hooks"]
    added = False
    position = 0

    for hook in wanted:
        found = next((h for h in _hooks(entry) if h.get("id") == hook.get("id")), None)

        if found is None:
            hooks.insert(position, copy.deepcopy(hook))
            added = True
            position += 1
            continue

        position = hooks.index(found) + 1
        flags = sorted(_flags(hook) - _flags(found))

        if not flags:
            continue

        if isinstance(found.get("args"), list):
            found["args"].extend(flags)
        else:
            found["args"] = copy.deepcopy(hook["args"])

    return added


def _replaced(entry: dict[str, t.Any], hook: t.Any) -> bool:
    """Whether a hook runs a tool that ruff or uv replaced."""
    name = _url(entry).rpartition("/")[2]
    return isinstance(hook, dict) and bool(
        _REPLACED.fullmatch(str(hook.get("id"))) or _REPLACED.fullmatch(name)
    )


class PCO001(PreCommit):
    """pre-commit is configured in .pre-commit-config.yaml

    ## What it does
    Checks that the hooks are configured in `.pre-commit-config.yaml`, with
    the `.yaml` spelling, and that the file has no top-level `ci:` block.

    ## Why
    The hooks run in the pre-commit workflow and in the `style` tox env, not
    on pre-commit.ci: Pallets dropped pre-commit.ci in 2024 and refreshes
    the hook pins with `tox run -m update`. A `ci:` block is a leftover that
    configures a service the project no longer uses. The zizmor workflow's
    `**/*.yaml?` paths filter only sees the `.yaml` spelling.

    ## Example
    ```yaml
    ci:
      autoupdate_schedule: monthly
    repos:
      ...
    ```

    Use instead: the same file without the `ci:` block.

    ## Fix
    Write the template's file when there is none, or delete the `ci:` block:
    Safe. Rename a `.yml` file, or replace a config without hook
    repositories with the template's: Unsafe.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        if not repo.is_file(PATH):
            if repo.is_file(".pre-commit-config.yml"):
                return Fail(
                    "pre-commit config is .pre-commit-config.yml",
                    ".pre-commit-config.yml",
                )

            return Fail(f"{PATH} is missing", PATH)

        if PATH in repo.errors:
            return Fail(f"{PATH} {repo.errors[PATH]}", PATH)

        if not _repos(repo.precommit):
            return Fail("no hook repositories are configured", PATH)

        if "ci" in repo.precommit:
            return Fail(
                "has a pre-commit.ci `ci:` block", PATH, repo.line_of(PATH, r"^ci:")
            )

        return None

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if not repo.is_file(PATH):
            if repo.is_file(".pre-commit-config.yml"):
                return Fix(
                    f"Rename .pre-commit-config.yml to {PATH}",
                    "unsafe",
                    (MoveFile(".pre-commit-config.yml", PATH),),
                )

            return Fix(f"Write the standard {PATH}", "safe", (WriteFile(PATH),))

        if PATH in repo.errors:
            return None

        if not _repos(repo.precommit):
            return Fix(
                f"Replace {PATH} with the standard one", "unsafe", (WriteFile(PATH),)
            )

        return Fix(
            "Remove the pre-commit.ci `ci:` block", "safe", (YamlRemove(PATH, ("ci",)),)
        )


class PCO002(PreCommit):
    """ruff runs as the ruff-check and ruff-format hooks

    ## What it does
    Checks that the config has the template's ruff hooks, `ruff-check` and
    `ruff-format`, and not the legacy hook id `ruff`.

    ## Why
    ruff replaced black, flake8, isort and pyupgrade in every Pallets
    project. `ruff` is the old alias of `ruff-check` that ruff-pre-commit
    keeps for compatibility; the current generation names the hook for what
    it does, next to `ruff-format`.

    ## Example
    ```yaml
      - repo: https://github.com/astral-sh/ruff-pre-commit
        hooks:
          - id: ruff
          - id: ruff-format
    ```

    Use instead: `- id: ruff-check` and `- id: ruff-format`.

    ## Fix
    Rename the `ruff` hook to `ruff-check` and add the missing hooks, with
    the template's repository entry if there is none. Safe when the ruff
    repository is at the template's revision; otherwise the fix also moves
    it there, since older revisions have no `ruff-check` hook: Unsafe.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if skipped := _missing(repo):
            return skipped

        found = _hook_ids(repo.precommit)
        failed: list[Fail] = []

        if _LEGACY_RUFF in found:
            failed.append(
                Fail(
                    f"legacy hook id {_LEGACY_RUFF!r}",
                    PATH,
                    _hook_line(repo, _LEGACY_RUFF),
                )
            )

        # The legacy id is the ruff-check hook under its old name.
        missing = [
            i
            for i in _ruff_ids(repo)
            if i not in found and not (failed and i == "ruff-check")
        ]

        if missing:
            failed.append(Fail(f"no {', '.join(missing)} hook", PATH))

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        ids = tuple(_ruff_ids(repo))
        homes = {
            _url(e)
            for e in _repos(std.yaml(PATH))
            if any(h.get("id") in ids for h in _hooks(e))
        }
        touched = [
            e
            for e in _repos(repo.precommit)
            if any(h.get("id") == _LEGACY_RUFF for h in _hooks(e))
            or (_url(e) in homes and not set(ids) <= {h.get("id") for h in _hooks(e)})
        ]
        frozen = _frozen(repo)
        moves = any(_needs_freeze(e, frozen) for e in touched)
        edit = _SyncHooks(PATH, ids, ((_LEGACY_RUFF, "ruff-check"),), freeze=True)
        return Fix(
            "Use the ruff-check and ruff-format hooks"
            + (" at the standard revision" if moves else ""),
            "unsafe" if moves else "safe",
            (edit,),
        )


class PCO003(PreCommit):
    """The standard hooks are all configured

    ## What it does
    Checks that every hook repository and every hook id of the template's
    `.pre-commit-config.yaml` is present: uv-pre-commit's `uv-lock`,
    codespell, and pre-commit-hooks' `check-merge-conflict`,
    `debug-statements`, `fix-byte-order-marker`, `trailing-whitespace` and
    `end-of-file-fixer`. Hook arguments are the project's own, except the
    flags the template sets, such as codespell's `--write-changes`. The ruff
    hooks are PCO002's.

    ## Why
    `uv-lock` keeps `uv.lock` in step with `pyproject.toml`, which CI
    requires with `--locked`. The other hooks catch merge markers, stray
    breakpoints, typos and whitespace before review does.

    ## Example
    ```yaml
      - repo: https://github.com/codespell-project/codespell
        hooks:
          - id: codespell
    ```

    Use instead: `args: ['--write-changes']` on the codespell hook, so that
    it fixes the typos it finds.

    ## Fix
    Add the missing repositories (with the template's frozen revision),
    hooks and flags from the template, keeping the project's own hooks and
    arguments. Safe.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if skipped := _missing(repo):
            return skipped

        skip = set(_ruff_ids(repo))
        found: dict[str, list[dict[str, t.Any]]] = {}
        failed: list[Fail] = []

        for entry in _repos(repo.precommit):
            found.setdefault(_url(entry), []).extend(_hooks(entry))

        for entry in _repos(std.yaml(PATH)):
            expected = [h for h in _hooks(entry) if str(h.get("id")) not in skip]

            if not expected:
                continue

            url = _url(entry)

            if url not in found:
                failed.append(Fail(f"no hooks from {entry.get('repo')}", PATH))
                continue

            hooks = {str(h.get("id")): h for h in found[url]}
            # A missing hook is pointed at the repository that should hold it.
            line = repo.line_of(
                PATH, rf"(?i)repo:\s*['\"]?{re.escape(url)}(\.git)?/?['\"]?\s*(#|$)"
            )

            for hook in expected:
                hook_id = str(hook.get("id"))

                if hook_id not in hooks:
                    message = f"no {hook_id} hook from {entry.get('repo')}"
                    failed.append(Fail(message, PATH, line))
                    continue

                flags = _flags(hook) - _flags(hooks[hook_id])

                if flags:
                    failed.append(
                        Fail(
                            f"{hook_id} hook lacks {', '.join(sorted(flags))}",
                            PATH,
                            _hook_line(repo, hook_id),
                        )
                    )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        skip = set(_ruff_ids(repo))
        ids = tuple(sorted(_hook_ids(std.yaml(PATH)) - skip))
        return Fix("Add the missing standard hooks", "safe", (_SyncHooks(PATH, ids),))


def _flags(hook: dict[str, t.Any]) -> set[str]:
    """A hook's arguments that are flags without a value: those are the
    standard's; valued arguments such as word lists are per project.
    """
    args = hook.get("args")

    if not isinstance(args, list):
        return set()

    return {a for a in map(str, args) if a.startswith("-") and "=" not in a}


class PCO004(PreCommit):
    """Hook revisions are frozen commit SHAs

    ## What it does
    Checks that every remote hook repository's `rev:` is a full 40-character
    commit SHA followed by `  # frozen: <tag>`, as
    `pre-commit autoupdate --freeze` writes it. `local` and `meta` hooks
    have no revision and are exempt.

    ## Why
    A tag can be moved to other code after review; a commit SHA cannot. The
    comment keeps the pin readable and lets the `update-pre_commit` tox env
    refresh it.

    ## Example
    ```yaml
        rev: v0.15.9
    ```

    Use instead:
    `rev: c60c980e561ed3e73101667fe8365c609d19a438  # frozen: v0.15.9`.

    ## Fix
    Set the `rev:` of each repository the template knows to the template's
    frozen SHA and `  # frozen: <tag>`; a repository the template does not
    know is left to `tox run -e update-pre_commit`. Unsafe: it changes the
    hooks' versions.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        if skipped := _missing(repo):
            return skipped

        return [f for e in _repos(repo.precommit) if (f := _rev_failure(repo, e))]

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        frozen = _frozen(repo)
        urls = tuple(
            _url(e)
            for e in _repos(repo.precommit)
            if _url(e) in frozen and "rev" in e and _rev_failure(repo, e)
        )

        if not urls:
            return None

        return Fix(
            "Pin the hook repositories to the standard frozen revisions",
            "unsafe",
            (_FreezeRevs(PATH, urls),),
        )


def _rev_failure(repo: Repo, entry: dict[str, t.Any]) -> Fail | None:
    """Why a hook repository's revision is not a frozen commit SHA."""
    if _url(entry) in _LOCAL:
        return None

    rev = str(entry.get("rev", ""))
    name = entry.get("repo")

    if not rev:
        return Fail(f"{name} has no rev", PATH)

    # Two repositories may share a rev: the line is the one after the entry's.
    start = repo.line_of(PATH, rf"repo:\s*['\"]?{re.escape(str(name))}['\"]?\s*(#|$)")
    lines = lines_of(repo, PATH, rf"rev:\s*['\"]?{re.escape(rev)}\b")
    line = next((n for n in lines if start is not None and n > start), nth(lines, 0))

    if not _SHA.fullmatch(rev):
        return Fail(f"{name} is pinned to {rev}, not a commit SHA", PATH, line)

    frozen = repo.line_of(PATH, rf"rev:\s*['\"]?{rev}['\"]?  # frozen: \S+\s*$")

    if frozen is None:
        return Fail(f"the rev of {name} has no `  # frozen: <tag>`", PATH, line)

    return None


class PCO005(PreCommit):
    """No tools that ruff and uv replaced

    ## What it does
    Checks that no hook runs black, flake8, isort, pyupgrade,
    reorder-python-imports, autoflake or pip-compile-multi, and that flake8
    has no configuration left: no `.flake8` and no `[flake8]` section in
    `setup.cfg` or `tox.ini`.

    ## Why
    ruff does the work of the first six with one configuration in
    `pyproject.toml`; `uv.lock` replaced the pip-compile-multi requirements.
    Running both ruff and the old tools gives two formatters that disagree,
    and a leftover config misleads contributors.

    ## Example
    ```yaml
      - repo: https://github.com/psf/black
        hooks:
          - id: black
    ```

    Use instead: the `ruff-check` and `ruff-format` hooks of
    `astral-sh/ruff-pre-commit`.

    ## Fix
    Delete the hooks (and the repositories left without hooks), add the
    template's ruff hooks, delete `.flake8`, and remove the `[flake8]`
    section of `setup.cfg` and `tox.ini`, keeping the rest of those files.
    The ruff settings themselves are CFG005's and CFG006's fixes. Unsafe:
    reformatting with ruff changes code.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        path = PATH if repo.is_file(PATH) else ".pre-commit-config.yml"
        found: list[Fail] = []
        seen: dict[str, int] = {}

        for entry in _repos(repo.precommit):
            name = _url(entry).rpartition("/")[2]

            for hook in _hooks(entry):
                hook_id = str(hook.get("id"))

                if _REPLACED.fullmatch(hook_id) or _REPLACED.fullmatch(name):
                    pattern = rf"id:\s*['\"]?{re.escape(hook_id)}\b"
                    line = nth(lines_of(repo, path, pattern), seen.get(hook_id, 0))
                    seen[hook_id] = seen.get(hook_id, 0) + 1
                    message = f"hook {hook_id} from {entry.get('repo')}"
                    found.append(Fail(message, path, line))

        if repo.is_file(".flake8"):
            found.append(Fail("flake8 configuration in .flake8", ".flake8"))

        for name, sections in (
            ("setup.cfg", repo.setup_cfg),
            ("tox.ini", repo.tox_ini),
        ):
            if "flake8" in sections:
                found.append(
                    Fail(
                        f"[flake8] section in {name}",
                        name,
                        repo.line_of(name, r"^\[flake8\]"),
                    )
                )

        return found

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        edits: list[Edit] = []

        if any(_replaced(e, h) for e in _repos(repo.precommit) for h in _hooks(e)):
            ids = tuple(_ruff_ids(repo))
            edits.append(_SyncHooks(_config_path(repo), ids, drop=True, freeze=True))

        if repo.is_file(".flake8"):
            edits.append(DeleteFile(".flake8"))

        for name, sections in (
            ("setup.cfg", repo.setup_cfg),
            ("tox.ini", repo.tox_ini),
        ):
            if "flake8" in sections:
                edits.append(_RemoveSection(name, "flake8"))

        if not edits:
            return None

        return Fix(
            "Replace the old linters and formatters with ruff", "unsafe", tuple(edits)
        )


@dataclasses.dataclass(frozen=True)
class _RemoveSection(Edit):
    """Remove one ``[section]`` of an INI file, from its header to the next
    header, keeping the rest byte for byte. A file left empty is deleted.
    """

    path: str
    section: str

    def apply(self, text: str | None, repo: Repo) -> str | None:
        if text is None:
            raise FixConflict(f"{self.path} does not exist")

        def change(source: str) -> str:
            header = re.search(
                rf"(?m)^\[{re.escape(self.section)}\][ \t]*(\n|$)", source
            )

            if header is None:
                raise FixConflict(f"{self.path} has no [{self.section}] section")

            following = re.compile(r"(?m)^\[").search(source, header.end())
            before = source[: header.start()]

            if following is None:
                kept = before.rstrip("\n")
                return f"{kept}\n" if kept else ""

            return before + source[following.start() :]

        result = keep_newlines(text, change)
        return result if result.strip() else None
