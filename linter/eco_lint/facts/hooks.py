"""pre-commit hooks, and the versions hooks and actions are pinned to."""

from __future__ import annotations

import re
import typing as t

if t.TYPE_CHECKING:
    from .tree import Tree


#: Hooks of the tools ruff replaced, which removing loses nothing.
_REPLACED = re.compile(
    r"black(-jupyter)?|flake8|isort|pyupgrade|autoflake|reorder-python-imports"
    r"|pycln|pydocstyle|bandit"
)


#: Hook ids their tool renamed: the same hook.
_RENAMED = {"ruff": "ruff-check"}


def precommit_hooks(tree: Tree) -> frozenset[str]:
    found = set()

    for name in (".pre-commit-config.yaml", ".pre-commit-config.yml"):
        data = tree.yaml(name)
        repos = data.get("repos") if isinstance(data, dict) else None

        for repo in repos if isinstance(repos, list) else []:
            if not isinstance(repo, dict):
                continue

            url = str(repo.get("repo", "")).removesuffix(".git").rstrip("/")

            listed = repo.get("hooks")

            for hook in listed if isinstance(listed, list) else []:
                if isinstance(hook, dict) and not _REPLACED.fullmatch(
                    str(hook.get("id"))
                ):
                    hook_id = _RENAMED.get(str(hook.get("id")), str(hook.get("id")))
                    found.add(f"{url.rsplit('/', 1)[-1]}: {hook_id}")

    return frozenset(found)


_HOOK_PIN = re.compile(
    r"repo:\s*+['\"]?(\S+?)['\"]?[^\S\n]*+\n\s*+rev:\s*+['\"]?([^\s'\"]++)['\"]?"
    r"(?:[ \t]*+#\s*+frozen:\s*+(\S+))?"
)
_ACTION_PIN = re.compile(
    r"uses:\s*['\"]?([\w.-]+/[\w.-]+)(?:/[\w./-]*)?@([^\s'\"#]+)['\"]?"
    r"(?:[ \t]*#\s*(\S+))?"
)


def as_version(text: str) -> t.Any:
    from packaging.version import InvalidVersion
    from packaging.version import Version

    try:
        return Version(text.lstrip("v"))
    except InvalidVersion:
        return None


def pins(tree: Tree) -> dict[str, str]:
    """The newest version each repository is pinned to: the ``frozen``
    or trailing comment of a SHA pin, or the tag itself.
    """
    found: dict[str, str] = {}
    sources = [
        (".pre-commit-config.yaml", _HOOK_PIN),
        (".pre-commit-config.yml", _HOOK_PIN),
    ]
    sources += [(n, _ACTION_PIN) for n in tree.glob(r"\.github/workflows/[^/]+\.ya?ml")]

    for name, regex in sources:
        for match in regex.finditer(tree.text(name) or ""):
            repo, ref, comment = match.groups()
            version = comment or ref

            if as_version(version) is None:
                continue

            key = repo.removesuffix(".git").rstrip("/").lower()

            if key not in found or as_version(version) > as_version(found[key]):
                found[key] = version

    return found
