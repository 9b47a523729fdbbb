"""SARIF 2.1.0, for code scanning: one run per report, each finding with
its location and a fingerprint that survives unrelated edits.
"""

from __future__ import annotations

import json
import re
import typing as t
from pathlib import Path

from .check import Report
from .output import clean
from .output import display_root
from .output import Finding
from .output import findings
from .output import FINGERPRINT_KEY
from .output import rule_url
from .output import run_fingerprint
from .output import tool_version
from .registry import Rule


def _section(docs: str, name: str) -> str:
    """The text of one ``## name`` section of a rule's docs."""
    match = re.search(rf"^## {re.escape(name)}\n(.*?)(?=^## |\Z)", docs, re.M | re.S)
    return " ".join(match.group(1).split()) if match else ""


def _level(weight: int) -> str:
    return "error" if weight >= 4 else "warning" if weight >= 2 else "note"


def _artifact(finding: Finding) -> dict[str, t.Any]:
    """A path relative to the current directory, resolved by code
    scanning against the checkout; an absolute ``file:`` URI outside it.
    """
    import urllib.parse

    shown = clean(finding.shown)

    if Path(shown).is_absolute():
        return {"uri": Path(shown).as_uri() + ("/" if shown.endswith("/") else "")}

    return {"uri": urllib.parse.quote(shown), "uriBaseId": "%SRCROOT%"}


def to_sarif(reports: t.Sequence[Report], rules: t.Mapping[str, type[Rule]]) -> str:
    """SARIF 2.1.0 for code scanning: one run for every checked path, each
    result with a location and a fingerprint.
    """
    ran = {r.code for report in reports for r in report.results}
    codes = [code for code in rules if code in ran]
    index = {code: i for i, code in enumerate(codes)}
    has_baseline = any(report.baseline for report in reports)
    results: list[dict[str, t.Any]] = []

    for report in reports:
        results += [_result(f, index, has_baseline) for f in findings(report)]

    run = {
        "tool": {
            "driver": {
                "name": "eco-lint",
                "version": tool_version(),
                "informationUri": "https://github.com/pallets-eco/eco-lint",
                "rules": [_sarif_rule(rules[code]) for code in codes],
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
        "results": results,
        "properties": {
            "reports": [
                {
                    "root": clean(display_root(report)),
                    "score": report.score(),
                    "generation": report.generation,
                }
                for report in reports
            ]
        },
    }
    data = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }
    return json.dumps(data, indent=2) + "\n"


def _result(
    finding: Finding, index: t.Mapping[str, int], has_baseline: bool
) -> dict[str, t.Any]:
    """One finding as a SARIF result."""
    result = finding.result
    location: dict[str, t.Any] = {"artifactLocation": _artifact(finding)}

    if finding.line:
        region: dict[str, int] = {"startLine": finding.line}

        if finding.column:
            region["startColumn"] = finding.column

        location["region"] = region

    item: dict[str, t.Any] = {
        "ruleId": result.code,
        "level": _level(result.weight),
        "message": {"text": clean(finding.message)},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {FINGERPRINT_KEY: run_fingerprint(finding)},
    }

    if result.code in index:
        item["ruleIndex"] = index[result.code]

    if has_baseline:
        item["baselineState"] = "unchanged" if finding.baselined else "new"

    return item


def _sarif_rule(rule: type[Rule]) -> dict[str, t.Any]:
    docs = rule.docs()
    return {
        "id": rule.code(),
        "name": rule.code(),
        "shortDescription": {"text": rule.title()},
        "fullDescription": {"text": _section(docs, "What it does") or rule.title()},
        "help": {"text": docs, "markdown": docs},
        "helpUri": rule_url(rule),
        "defaultConfiguration": {"level": _level(rule.weight)},
        "properties": {
            "weight": rule.weight,
            "family": rule.family.name,
            "tags": ["eco-lint", rule.family.name],
        },
    }
