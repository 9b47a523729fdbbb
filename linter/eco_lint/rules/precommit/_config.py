"""Reading ``.pre-commit-config.yaml``: hook repositories, their hooks and
the template's frozen revisions.
"""

from __future__ import annotations

import dataclasses
import re
import typing as t

from ...registry import Skip
from ...repo import Repo
from ...standard import Standard

PATH = ".pre-commit-config.yaml"

#: The spelling pre-commit also reads, which PCO001 renames.
OTHER_PATH = ".pre-commit-config.yml"

#: Hook repositories that run no remote code and carry no ``rev:``.
LOCAL = frozenset({"local", "meta"})

#: The ruff hook id before ruff-pre-commit split it into ``ruff-check``.
LEGACY_RUFF = "ruff"

#: Hooks of the tools ruff replaced, and of pip-compile-multi, which uv.lock
#: replaced, matched on the hook id or on the hook repository's name.
REPLACED = re.compile(
    r"black(-jupyter|-pre-commit-mirror)?|flake8|isort|pyupgrade"
    r"|reorder[-_]python[-_]imports|autoflake|pip-compile-multi(-verify)?",
    re.I,
)


@dataclasses.dataclass(frozen=True)
class Frozen:
    """A hook repository's revision as ``pre-commit autoupdate --freeze``
    writes it: the commit SHA and the tag of its ``# frozen:`` comment.
    """

    sha: str
    tag: str


@dataclasses.dataclass(frozen=True)
class Hook:
    """A hook: its id and its arguments, as strings."""

    id: str
    args: tuple[str, ...] = ()

    @property
    def flags(self) -> set[str]:
        """The arguments that are flags without a value: those are the
        standard's; valued arguments such as word lists are per project.
        """
        return {a for a in self.args if a.startswith("-") and "=" not in a}


@dataclasses.dataclass(frozen=True)
class HookRepo:
    """A hook repository entry of a config.

    :param repo: Its ``repo:`` as written, for messages.
    :param url: Its ``repo:`` as compared (see :func:`url`).
    :param rev: Its ``rev:``, or ``None`` when it has none.
    """

    repo: str
    url: str
    rev: str | None
    hooks: tuple[Hook, ...]

    @property
    def ids(self) -> set[str]:
        """The ids of its hooks."""
        return {hook.id for hook in self.hooks}


def hook_repos(config: t.Any) -> list[HookRepo]:
    """The hook repositories of a parsed config, read for checks."""
    return [
        HookRepo(
            str(entry.get("repo")),
            url(entry),
            str(entry["rev"]) if "rev" in entry else None,
            tuple(_hook(h) for h in hooks(entry)),
        )
        for entry in repos(config)
    ]


def _hook(hook: dict[str, t.Any]) -> Hook:
    args = hook.get("args")
    return Hook(
        str(hook.get("id")), tuple(map(str, args)) if isinstance(args, list) else ()
    )


def url(entry: dict[str, t.Any]) -> str:
    """A hook repository's URL, compared without case, ``.git`` or a final
    slash.
    """
    found = str(entry.get("repo", "")).strip().lower().rstrip("/")
    return found.removesuffix(".git")


def repos(config: t.Any) -> list[dict[str, t.Any]]:
    """The hook repository entries of a parsed config."""
    found = config.get("repos") if isinstance(config, dict) else None
    return [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []


def hooks(entry: dict[str, t.Any]) -> list[dict[str, t.Any]]:
    """The hooks of a hook repository entry."""
    found = entry.get("hooks")
    return [h for h in found if isinstance(h, dict)] if isinstance(found, list) else []


def hook_ids(config: t.Any) -> set[str]:
    """Every hook id of a parsed config."""
    return {str(h.get("id")) for r in repos(config) for h in hooks(r)}


def ruff_ids(std: Standard) -> list[str]:
    """The template's ruff hook ids, which PCO002 checks."""
    return sorted(i for i in hook_ids(std.yaml(PATH)) if i.startswith(LEGACY_RUFF))


def flags(hook: dict[str, t.Any]) -> set[str]:
    """A parsed hook's flags (see :attr:`Hook.flags`)."""
    return _hook(hook).flags


def replaced(entry: dict[str, t.Any], hook: t.Any) -> bool:
    """Whether a hook runs a tool that ruff or uv replaced."""
    name = url(entry).rpartition("/")[2]
    return isinstance(hook, dict) and bool(
        REPLACED.fullmatch(str(hook.get("id"))) or REPLACED.fullmatch(name)
    )


def missing(repo: Repo) -> Skip | None:
    """Skip when PCO001 already reports that there is no config to read.
    Not ``requires``: a leftover ``ci:`` block fails PCO001 but must not
    hide the hooks' own problems.
    """
    if not repo.is_file(PATH) or PATH in repo.errors or not repos(repo.precommit):
        return Skip(f"no {PATH} to read")

    return None


def hook_line(repo: Repo, hook_id: str) -> int | None:
    """The line of a hook's ``id:``."""
    return repo.line_of(PATH, rf"id:\s*['\"]?{re.escape(hook_id)}['\"]?\s*(#.*)?$")


def config_path(repo: Repo) -> str:
    """The config's file name: the standard one unless only the other exists."""
    return PATH if repo.is_file(PATH) else OTHER_PATH


def frozen_revs(std: Standard) -> dict[str, Frozen]:
    """The template's frozen revision of each hook repository, by URL."""
    found = re.finditer(
        r"repo:\s*+(\S++)[^\S\n]*+\n\s*+rev:\s*+([0-9a-f]{40})  # frozen: (\S+)",
        std.text(PATH) or "",
    )
    return {url({"repo": m[1]}): Frozen(m[2], m[3]) for m in found}


def needs_freeze(home: str, rev: object, frozen: t.Mapping[str, Frozen]) -> bool:
    """Whether a hook repository the template knows (by its URL, as
    :func:`url` gives it) is at another revision.
    """
    return home in frozen and str(rev) != frozen[home].sha
