"""PCO: the pre-commit hooks in `.pre-commit-config.yaml`."""

from __future__ import annotations

import re
import typing as t

from ..registry import Fail
from ..registry import Skip
from ..repo import Repo
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
        i for i in _hook_ids(repo.standard.yaml(PATH)) if i.startswith(_LEGACY_RUFF)
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
    Write the template's file when there is none, rename a `.yml` file, or
    delete the `ci:` block. Safe.
    """

    weight = 1

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if not repo.is_file(PATH):
            if repo.is_file(".pre-commit-config.yml"):
                return Fail(
                    "pre-commit config is .pre-commit-config.yml",
                    ".pre-commit-config.yml",
                )

            return Fail(f"{PATH} is missing")

        if PATH in repo.errors:
            return Fail(f"{PATH} {repo.errors[PATH]}", PATH)

        if not _repos(repo.precommit):
            return Fail("no hook repositories are configured", PATH)

        if "ci" in repo.precommit:
            return Fail(
                "has a pre-commit.ci `ci:` block", PATH, repo.line_of(PATH, r"^ci:")
            )

        return None


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
    Rename the `ruff` hook to `ruff-check` and add the missing hooks. Safe.
    """

    weight = 1

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if skipped := _missing(repo):
            return skipped

        found = _hook_ids(repo.precommit)

        if _LEGACY_RUFF in found:
            return Fail(
                f"legacy hook id {_LEGACY_RUFF!r}",
                PATH,
                _hook_line(repo, _LEGACY_RUFF),
            )

        missing = [i for i in _ruff_ids(repo) if i not in found]

        if missing:
            return Fail(f"no {', '.join(missing)} hook", PATH)

        return None


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
    Add the missing repositories, hooks and flags from the template. Safe.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if skipped := _missing(repo):
            return skipped

        skip = set(_ruff_ids(repo))
        found: dict[str, list[dict[str, t.Any]]] = {}

        for entry in _repos(repo.precommit):
            found.setdefault(_url(entry), []).extend(_hooks(entry))

        for entry in _repos(repo.standard.yaml(PATH)):
            expected = [h for h in _hooks(entry) if str(h.get("id")) not in skip]

            if not expected:
                continue

            url = _url(entry)

            if url not in found:
                return Fail(f"no hooks from {entry.get('repo')}", PATH)

            hooks = {str(h.get("id")): h for h in found[url]}

            for hook in expected:
                hook_id = str(hook.get("id"))

                if hook_id not in hooks:
                    return Fail(f"no {hook_id} hook from {entry.get('repo')}", PATH)

                flags = _flags(hook) - _flags(hooks[hook_id])

                if flags:
                    return Fail(
                        f"{hook_id} hook lacks {', '.join(sorted(flags))}",
                        PATH,
                        _hook_line(repo, hook_id),
                    )

        return None


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
    Run `tox run -e update-pre_commit` (`pre-commit autoupdate --freeze`).
    Safe, though it also moves each hook to its newest release.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if skipped := _missing(repo):
            return skipped

        for entry in _repos(repo.precommit):
            if _url(entry) in _LOCAL:
                continue

            rev = str(entry.get("rev", ""))
            name = entry.get("repo")

            if not rev:
                return Fail(f"{name} has no rev", PATH)

            line = repo.line_of(PATH, rf"rev:\s*['\"]?{re.escape(rev)}\b")

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
    Delete the hooks and the flake8 configuration, and move what they set to
    `[tool.ruff]`. Unsafe: reformatting with ruff changes code.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        path = PATH if repo.is_file(PATH) else ".pre-commit-config.yml"

        for entry in _repos(repo.precommit):
            name = _url(entry).rpartition("/")[2]

            for hook in _hooks(entry):
                hook_id = str(hook.get("id"))

                if _REPLACED.fullmatch(hook_id) or _REPLACED.fullmatch(name):
                    return Fail(
                        f"hook {hook_id} from {entry.get('repo')}",
                        path,
                        repo.line_of(path, rf"id:\s*['\"]?{re.escape(hook_id)}\b"),
                    )

        if repo.is_file(".flake8"):
            return Fail("flake8 configuration in .flake8", ".flake8")

        for name, sections in (
            ("setup.cfg", repo.setup_cfg),
            ("tox.ini", repo.tox_ini),
        ):
            if "flake8" in sections:
                return Fail(
                    f"[flake8] section in {name}",
                    name,
                    repo.line_of(name, r"^\[flake8\]"),
                )

        return None
