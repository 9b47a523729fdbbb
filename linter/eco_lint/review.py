"""eco-lint's rules as a repo-review plugin, so that they run beside other
repo-review checks (such as sp-repo-review's) for those who use it.

repo-review reads a check's docstring as its description, through
``str.format`` and then as Rich markup in its terminal report, and a failure
message as Markdown; titles and messages are escaped for each, so that
``[project]`` and ``flit_core`` show as written.
"""

from __future__ import annotations

import re
import typing as t
from pathlib import Path

from .errors import EcoLintError
from .output import rule_url
from .registry import collect_rules
from .registry import failures
from .registry import FAMILIES
from .registry import Rule
from .registry import Skip
from .repo import Repo
from .settings import load_settings
from .settings import Settings
from .standard import standard_for

if t.TYPE_CHECKING:
    from importlib.abc import Traversable

#: What Rich reads as a markup tag: ``[`` then a letter, ``#``, ``/`` or
#: ``@``, up to the next ``]``, with any backslashes before it.
_RICH_TAG = re.compile(r"(?<!\\)(\\*+)(\[[a-z#/@][^[\]]*+])")
#: Characters with a meaning in Markdown inline text.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#|!])")


def rich_text(text: str) -> str:
    """``text`` as a repo-review description: literal under ``str.format``
    and under Rich markup.
    """
    text = text.replace("{", "{{").replace("}", "}}")
    return _RICH_TAG.sub(lambda m: f"{m[1]}{m[1]}\\{m[2]}", text)


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown inline text."""
    return _MARKDOWN.sub(r"\\\1", text)


def eco_repo(root: Traversable) -> Repo | None:
    """Fixture: the repository as eco-lint reads it, or ``None`` when it is
    not on the local file system (eco-lint's rules then skip).
    """
    return Repo(root) if isinstance(root, Path) else None


def eco_settings(eco_repo: Repo | None) -> Settings | str:
    """Fixture: the repository's ``[tool.eco-lint]`` selections and
    waivers, or the reason they cannot be used.
    """
    if eco_repo is None:
        return Settings()

    try:
        return load_settings(eco_repo)
    except EcoLintError as e:
        return e.message


class _Check:
    rule: t.ClassVar[type[Rule]]
    family: t.ClassVar[str]
    requires: t.ClassVar[set[str]]
    url: t.ClassVar[str]

    def check(
        self, eco_repo: Repo | None, eco_settings: Settings | str
    ) -> bool | str | None:
        """Pass, fail with a Markdown message, or skip (``None``): a rule
        that is waived or not selected in ``[tool.eco-lint]`` skips, as it
        does in eco-lint's own reports.
        """
        code = self.rule.code()

        if isinstance(eco_settings, str):
            return markdown_text(eco_settings)

        if eco_repo is None or eco_settings.waiver(code) is not None:
            return None

        std = standard_for(eco_repo)

        if not eco_settings.selected(code) or not self.rule.applies(eco_repo, std):
            return None

        outcome = self.rule.check(eco_repo, std)

        if isinstance(outcome, Skip):
            return None

        found = failures(outcome)

        if not found:
            return True

        messages = []

        for fail in found:
            message = markdown_text(fail.message)

            if fail.path:
                where = fail.path.replace("`", "")
                line = f":{fail.line}" if fail.line else ""
                message += f" (`{where}{line}`)"

            messages.append(message)

        return "; ".join(messages)


def repo_review_checks() -> dict[str, _Check]:
    """Every eco-lint rule as a repo-review check, with its title and the
    address of its docs.
    """
    checks: dict[str, _Check] = {}

    for code, rule in collect_rules().items():
        cls = type(
            code,
            (_Check,),
            {
                "__doc__": rich_text(rule.title()),
                "rule": rule,
                "family": f"eco-{rule.family.prefix.lower()}",
                "requires": set(rule.requires),
                "url": rule_url(rule).replace("{", "{{").replace("}", "}}"),
            },
        )
        checks[code] = cls()

    return checks


def repo_review_families() -> dict[str, dict[str, t.Any]]:
    """Names and order of eco-lint's families in repo-review reports."""
    return {
        f"eco-{family.prefix.lower()}": {
            "name": f"Pallets: {family.name}",
            "order": 50 + i,
        }
        for i, family in enumerate(FAMILIES)
    }
