"""Report formats. Each function takes finished reports and returns text;
none of them prints.
"""

from __future__ import annotations

import json
import os
import re
import typing as t
from pathlib import Path

from .check import Report
from .check import Result
from .registry import FAMILIES
from .registry import Rule

#: Version of the JSON report's shape, see ``report.schema.json``.
JSON_VERSION = 1
_NAMES = {f.prefix: f.name for f in FAMILIES}
_DOCS_URL = "https://github.com/pallets-eco/eco-lint/blob/main/docs/rules.md"


def _version() -> str:
    from .template import installed_version

    return installed_version()


def _display_root(report: Report) -> str:
    try:
        relative = os.path.relpath(report.root)
    except ValueError:
        return report.root

    return report.root if relative.startswith("..") else relative


def _where(report: Report, result: Result) -> str:
    root = _display_root(report)
    path = result.path or ""
    where = os.path.join(root, path) if path else root
    where = os.path.normpath(where)
    return f"{where}:{result.line}" if result.line else where


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def to_text(reports: t.Sequence[Report]) -> str:
    """One line per failure, as ruff prints them, then the scores."""
    lines: list[str] = []

    for report in reports:
        for result in report.failures:
            mark = " [*]" if result.fix and result.fix.applicability == "safe" else ""
            lines.append(
                f"{_where(report, result)}: {result.code}{mark} {result.message}"
            )

        for path, error in report.errors.items():
            lines.append(f"{os.path.join(_display_root(report), path)}: {error}")

        count = len(report.failures)
        noun = "failure" if count == 1 else "failures"
        score = _score(report.score())
        lines.append(
            f"{_display_root(report)}: {count} {noun}, score {score}/100,"
            f" generation {report.generation}"
        )

        for prefix, value in report.family_scores().items():
            lines.append(f"  {_NAMES[prefix]:<24}{_score(value):>4}")

        safe, unsafe = len(report.fixes(["safe"])), len(report.fixes(["unsafe"]))

        if safe or unsafe:
            hint = f"  [*] {safe} fixable with --fix"
            hint += f", {unsafe} more with --unsafe-fixes." if unsafe else "."
            lines.append(hint)

        for status, label in (("n/a", "Not applicable"), ("skip", "Skipped")):
            listed = [r for r in report.results if r.status == status]

            if listed:
                items = ", ".join(
                    f"{r.code} ({r.message})" if r.message else r.code for r in listed
                )
                lines.append(f"  {label}: {items}")

        for code, reason in report.waivers.items():
            lines.append(f"  Ignored {code}: {reason}")

    return "\n".join(lines) + "\n"


def _result_dict(result: Result) -> dict[str, t.Any]:
    return {
        "code": result.code,
        "family": result.family,
        "title": result.title,
        "weight": result.weight,
        "status": result.status,
        "message": result.message,
        "path": result.path,
        "line": result.line,
        "fix": (
            {"title": result.fix.title, "applicability": result.fix.applicability}
            if result.fix
            else None
        ),
    }


def to_json(
    reports: t.Sequence[Report],
    extra: t.Sequence[t.Mapping[str, t.Any]] | None = None,
) -> str:
    """The documented JSON shape, ``report.schema.json``.

    :param extra: More fields for each report, in the same order, such as
        its ``patches``.
    """
    data = {
        "version": JSON_VERSION,
        "tool": {"name": "eco-lint", "version": _version()},
        "reports": [
            {
                "root": report.root,
                "generation": report.generation,
                "evidence": list(report.evidence),
                "score": report.score(),
                "families": {
                    prefix: {"name": _NAMES[prefix], "score": value}
                    for prefix, value in report.family_scores().items()
                },
                "results": [_result_dict(r) for r in report.results],
                "errors": report.errors,
                "waivers": report.waivers,
                **(extra[i] if extra else {}),
            }
            for i, report in enumerate(reports)
        ],
    }
    return json.dumps(data, indent=2) + "\n"


def _anchor(rule: type[Rule]) -> str:
    """The GitHub anchor of a rule's heading in ``docs/rules.md``."""
    heading = f"{rule.code()}: {rule.title()}".lower()
    return re.sub(r"[^\w\- ]", "", heading).replace(" ", "-")


def rule_url(rule: type[Rule]) -> str:
    """The address of a rule's docs: its heading in ``docs/rules.md``."""
    return f"{_DOCS_URL}#{_anchor(rule)}"


def _level(weight: int) -> str:
    return "error" if weight >= 4 else "warning" if weight >= 2 else "note"


def to_sarif(reports: t.Sequence[Report], rules: t.Mapping[str, type[Rule]]) -> str:
    """SARIF 2.1.0, one run per repository, for code scanning."""
    runs = []

    for report in reports:
        codes = sorted({r.code for r in report.results})
        index = {code: i for i, code in enumerate(codes)}
        results = []

        for result in report.failures:
            item: dict[str, t.Any] = {
                "ruleId": result.code,
                "ruleIndex": index[result.code],
                "level": _level(result.weight),
                "message": {"text": result.message},
            }

            if result.path:
                location: dict[str, t.Any] = {
                    "artifactLocation": {"uri": result.path, "uriBaseId": "SRCROOT"}
                }

                if result.line:
                    location["region"] = {"startLine": result.line}

                item["locations"] = [{"physicalLocation": location}]

            results.append(item)

        runs.append(
            {
                "tool": {
                    "driver": {
                        "name": "eco-lint",
                        "version": _version(),
                        "informationUri": "https://github.com/pallets-eco/eco-lint",
                        "rules": [
                            {
                                "id": code,
                                "name": code,
                                "shortDescription": {"text": rules[code].title()},
                                "help": {
                                    "text": rules[code].docs(),
                                    "markdown": rules[code].docs(),
                                },
                                "helpUri": rule_url(rules[code]),
                                "defaultConfiguration": {
                                    "level": _level(rules[code].weight)
                                },
                                "properties": {
                                    "weight": rules[code].weight,
                                    "family": rules[code].family.name,
                                },
                            }
                            for code in codes
                        ],
                    }
                },
                "originalUriBaseIds": {
                    "SRCROOT": {"uri": Path(report.root).as_uri() + "/"}
                },
                "results": results,
                "properties": {
                    "score": report.score(),
                    "generation": report.generation,
                },
            }
        )

    data = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": runs,
    }
    return json.dumps(data, indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(reports: t.Sequence[Report]) -> str:
    """A summary for a pull request or ``$GITHUB_STEP_SUMMARY``."""
    lines: list[str] = []

    for report in reports:
        lines += [
            f"## eco-lint: {_score(report.score())}/100",
            "",
            f"`{_display_root(report)}` is in generation {report.generation}.",
            "",
            "| Family | Score |",
            "| --- | ---: |",
        ]
        lines += [
            f"| {_NAMES[prefix]} | {_score(value)} |"
            for prefix, value in report.family_scores().items()
        ]
        lines.append("")

        if report.failures:
            lines += ["| Rule | Where | Finding |", "| --- | --- | --- |"]
            lines += [
                f"| {r.code} | `{r.path or '.'}{f':{r.line}' if r.line else ''}` "
                f"| {_cell(r.message)} |"
                for r in report.failures
            ]
        else:
            lines.append("No failing rule.")

        if report.waivers:
            lines += ["", "Ignored:", ""]
            lines += [f"- {code}: {reason}" for code, reason in report.waivers.items()]

        lines.append("")

    return "\n".join(lines)


def rules_table(rules: t.Mapping[str, type[Rule]]) -> str:
    """The Markdown table of every rule, as the README shows it."""
    lines = ["| Code | Family | Weight | Rule |", "| --- | --- | ---: | --- |"]
    lines += [
        f"| {code} | {rule.family.name} | {rule.weight} | {rule.title()} |"
        for code, rule in rules.items()
    ]
    return "\n".join(lines) + "\n"


def rules_docs(rules: t.Mapping[str, type[Rule]]) -> str:
    """The docs page of every rule, ``docs/rules.md``."""
    lines = [
        "# Rules",
        "",
        "Generated by `eco-lint rules --format docs`; do not edit by hand.",
        "",
    ]

    for family in FAMILIES:
        members = [rule for rule in rules.values() if rule.family == family]

        if not members:
            continue

        lines += [f"## {family.name}", ""]

        for rule in members:
            facts = f"Weight {rule.weight}."

            if rule.requires:
                facts += f" Checked when {', '.join(sorted(rule.requires))} pass."

            docs = re.sub(r"^## ", "#### ", rule.docs(), flags=re.M)
            lines += [f"### {rule.code()}: {rule.title()}", "", facts, "", docs, ""]

    return "\n".join(lines)
