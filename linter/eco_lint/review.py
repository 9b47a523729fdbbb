"""eco-lint's rules as a repo-review plugin, so that they run beside other
repo-review checks (such as sp-repo-review's) for those who use it.
"""

from __future__ import annotations

import typing as t
from pathlib import Path

from .registry import collect_rules
from .registry import FAMILIES
from .registry import Rule
from .registry import Skip
from .repo import Repo

if t.TYPE_CHECKING:
    from importlib.abc import Traversable

_URL = "https://github.com/pallets-eco/eco-lint/blob/main/README.md#rules"


def eco_repo(root: Traversable) -> Repo | None:
    """Fixture: the repository as eco-lint reads it, or ``None`` when it is
    not on the local file system (eco-lint's rules then skip).
    """
    return Repo(root) if isinstance(root, Path) else None


class _Check:
    rule: t.ClassVar[type[Rule]]
    family: t.ClassVar[str]
    requires: t.ClassVar[set[str]]
    url: t.ClassVar[str]

    def check(self, eco_repo: Repo | None) -> bool | str | None:
        if eco_repo is None or not self.rule.applies(eco_repo):
            return None

        outcome = self.rule.check(eco_repo)

        if outcome is None:
            return True

        if isinstance(outcome, Skip):
            return None

        where = f" ({outcome.path})" if outcome.path else ""
        return f"{outcome.message}{where}"


def repo_review_checks() -> dict[str, _Check]:
    """Every eco-lint rule as a repo-review check."""
    checks: dict[str, _Check] = {}

    for code, rule in collect_rules().items():
        cls = type(
            code,
            (_Check,),
            {
                "__doc__": rule.title(),
                "rule": rule,
                "family": f"eco-{rule.family.prefix.lower()}",
                "requires": set(rule.requires),
                "url": f"{_URL}",
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
