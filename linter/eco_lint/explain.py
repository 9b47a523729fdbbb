"""What eco-lint says about its rules: the listing of ``eco-lint rules``
and the page of ``eco-lint explain``, in each format.
"""

from __future__ import annotations

import json
import typing as t

from .output import rules_docs
from .output import rules_table

if t.TYPE_CHECKING:
    from .registry import Rule


def rule_dict(rule: type[Rule]) -> dict[str, t.Any]:
    """A rule as JSON reads it."""
    return {
        "code": rule.code(),
        "title": rule.title(),
        "family": rule.family.name,
        "weight": rule.weight,
        "requires": sorted(rule.requires),
        "docs": rule.docs(),
    }


def rules_listing(registry: t.Mapping[str, type[Rule]], format_: str) -> str:
    """Every rule: ``docs`` is the full page, ``markdown`` the README
    table, ``json`` a list, and ``text`` a line for each.
    """
    if format_ == "docs":
        return rules_docs(registry)

    if format_ == "markdown":
        return rules_table(registry)

    if format_ == "json":
        return json.dumps([rule_dict(r) for r in registry.values()], indent=2) + "\n"

    return "".join(
        f"{code:<8} {rule.weight}  {rule.family.name:<22} {rule.title()}\n"
        for code, rule in registry.items()
    )


def explanation(rule: type[Rule], format_: str) -> str:
    """A rule's docs, with its family, weight and the rules it needs."""
    if format_ == "json":
        return json.dumps(rule_dict(rule), indent=2) + "\n"

    lines = [
        f"# {rule.code()}: {rule.title()}\n",
        f"Family: {rule.family.name}. Weight: {rule.weight}.",
    ]

    if rule.requires:
        lines.append(f"Checked when these pass: {', '.join(sorted(rule.requires))}.")

    lines.append(f"\n{rule.docs()}")
    return "".join(f"{line}\n" for line in lines)
