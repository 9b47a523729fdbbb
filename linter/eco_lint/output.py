"""Report formats. Each function takes finished reports and returns text;
none of them prints.

Every format is made from :func:`findings`: one failing rule at one
location, with a fingerprint that does not depend on the line, so that a
finding keeps its identity when unrelated lines move (code scanning,
GitLab and the baseline match findings by it).

Everything that comes from the checked repository (messages, paths,
waiver reasons, names) goes through the escaping here before it reaches a
report: :func:`clean` for every format, then the format's own escaping.

The JSON formats and the summaries are here; the terminal's formats are in
:mod:`eco_lint.terminal`, SARIF in :mod:`eco_lint.sarif`, and the formats
of CI services and pull requests in :mod:`eco_lint.ci`.
"""

from __future__ import annotations

import collections
import dataclasses
import json
import os
import re
import typing as t
from pathlib import Path

from .check import Report
from .check import Result
from .digests import sha256
from .registry import FAMILIES
from .registry import Rule

#: Version of the JSON report's shape, see ``report.schema.json``.
JSON_VERSION = 2
#: The ``partialFingerprints`` key of SARIF results, and the fingerprint's
#: version: it changes if the way fingerprints are made does.
FINGERPRINT_KEY = "ecoLint/v1"
FAMILY_NAMES = {f.prefix: f.name for f in FAMILIES}
_DOCS_URL = "https://github.com/pallets-eco/eco-lint/blob/main/docs/rules.md"

# Escaping -----------------------------------------------------------------

#: Terminal escape sequences (CSI, OSC, and two-character ones), and the
#: control, bidirectional and invisible characters that can hide or forge
#: text.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[@-Z\\-_]?"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e"
    r"\u2066-\u2069\ufeff]"
)
_BREAKS = re.compile(r"[\t\n\r\u2028\u2029]+")


def clean(text: str) -> str:
    """Text from the repository as one plain line: terminal escapes and
    control characters removed, line breaks turned into spaces.
    """
    return _BREAKS.sub(" ", _ESCAPES.sub("", text))


# Findings ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Finding:
    """One failing rule at one location."""

    report: Report
    result: Result
    #: What was found at this location.
    message: str
    #: POSIX path relative to the root; ``""`` for the repository itself.
    path: str
    line: int | None
    column: int | None
    #: Stable across line moves: made from the code, path and message.
    fingerprint: str
    #: Whether the project's baseline accepts it.
    baselined: bool

    @property
    def fixable(self) -> bool:
        """Whether ``--fix`` applies its fix."""
        fix = self.result.fix
        return fix is not None and fix.applicability == "safe"

    @property
    def shown(self) -> str:
        """The location's path as reports show it: relative to the current
        directory, the root itself ending in a slash.
        """
        return shown_path(self.report, self.path)


def _normal(path: str) -> str:
    path = Path(path).as_posix()
    return path[2:] if path.startswith("./") else path


#: One place a rule failed: message, path, line and column.
_Place = tuple[str, str, int | None, int | None]


def _locations(result: Result) -> list[_Place]:
    """Every place a failure is, each with its message: its file and line,
    else the file its fix would write, else the repository itself.
    """
    if result.locations:
        return [
            (f.message, _normal(f.path) if f.path else "", f.line, f.column)
            for f in result.locations
        ]

    if result.path:
        return [(result.message, _normal(result.path), result.line, None)]

    if result.fix is not None and result.fix.edits:
        return [(result.message, _normal(result.fix.edits[0].path), None, None)]

    return [(result.message, "", None, None)]


def fingerprint(code: str, path: str, message: str, occurrence: int = 0) -> str:
    """A finding's identity, without its line: the same failure keeps it
    when unrelated lines move. ``occurrence`` tells apart identical
    findings in one file.
    """
    key = "\0".join((FINGERPRINT_KEY, code, path, message, str(occurrence)))
    return sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def findings(report: Report) -> list[Finding]:
    """Every failure of a report, one per location, in report order."""
    found: list[Finding] = []
    seen: collections.Counter[tuple[str, str, str]] = collections.Counter()

    for result in report.failures:
        for message, path, line, column in _locations(result):
            key = (result.code, path, message)
            print_ = fingerprint(*key, seen[key])
            seen[key] += 1
            found.append(
                Finding(
                    report=report,
                    result=result,
                    message=message,
                    path=path,
                    line=line,
                    column=column,
                    fingerprint=print_,
                    baselined=print_ in report.baseline,
                )
            )

    return found


def run_fingerprint(finding: Finding) -> str:
    """The fingerprint across every path of one run: the repository's own
    when it is the current directory, else mixed with where it is, so that
    two repositories checked together never share one.
    """
    root = display_root(finding.report)

    if root == ".":
        return finding.fingerprint

    key = f"{FINGERPRINT_KEY}\0{root}\0{finding.fingerprint}"
    return sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def new_findings(reports: t.Iterable[Report]) -> list[Finding]:
    """The findings of every report that the baseline does not accept."""
    return [f for report in reports for f in findings(report) if not f.baselined]


def display_root(report: Report) -> str:
    """The root relative to the current directory, or absolute outside it."""
    try:
        relative = os.path.relpath(report.root)
    except ValueError:
        return Path(report.root).as_posix()

    if relative.startswith(".."):
        return Path(report.root).as_posix()

    return Path(relative).as_posix()


def shown_path(report: Report, path: str) -> str:
    root = display_root(report)

    if not path:
        return root.rstrip("/") + "/"

    return path if root == "." else f"{root.rstrip('/')}/{path}"


def score_text(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


# JSON -------------------------------------------------------------------


def _location_dict(finding: Finding) -> dict[str, t.Any]:
    return {
        "message": clean(finding.message),
        "path": clean(finding.path),
        "line": finding.line,
        "column": finding.column,
        "fingerprint": finding.fingerprint,
        "baselined": finding.baselined,
    }


def _result_dict(result: Result, found: t.Sequence[Finding]) -> dict[str, t.Any]:
    return {
        "code": result.code,
        "family": result.family,
        "title": result.title,
        "weight": result.weight,
        "status": result.status,
        "message": clean(result.message),
        "path": clean(result.path) if result.path is not None else None,
        "line": result.line,
        "locations": [_location_dict(f) for f in found if f.result is result],
        "fix": _fix_dict(result),
    }


def tool_version() -> str:
    from .template import installed_version

    return installed_version()


def _fix_dict(result: Result) -> dict[str, str] | None:
    if result.fix is None:
        return None

    return {"title": clean(result.fix.title), "applicability": result.fix.applicability}


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
        "tool": {"name": "eco-lint", "version": tool_version()},
        "reports": [
            {**_report_dict(report), **(extra[i] if extra else {})}
            for i, report in enumerate(reports)
        ],
    }
    return json.dumps(data, indent=2) + "\n"


def _report_dict(report: Report) -> dict[str, t.Any]:
    found = findings(report)
    return {
        "root": clean(report.root),
        "generation": report.generation,
        "evidence": [clean(e) for e in report.evidence],
        "score": report.score(),
        "families": {
            prefix: {"name": FAMILY_NAMES[prefix], "score": value}
            for prefix, value in report.family_scores().items()
        },
        "results": [_result_dict(r, found) for r in report.results],
        "errors": {clean(k): clean(v) for k, v in report.errors.items()},
        "waivers": {clean(k): clean(v) for k, v in report.waivers.items()},
    }


def to_json_lines(reports: t.Sequence[Report]) -> str:
    """One JSON object per failure and location, baselined ones marked."""
    lines = []

    for report in reports:
        for finding in findings(report):
            result = finding.result
            item = {
                "root": clean(report.root),
                "code": result.code,
                "weight": result.weight,
                **_location_dict(finding),
                "fix": _fix_dict(result),
            }
            lines.append(json.dumps(item, separators=(",", ":")))

    return "".join(f"{line}\n" for line in lines)


def _anchor(rule: type[Rule]) -> str:
    """The GitHub anchor of a rule's heading in ``docs/rules.md``."""
    heading = f"{rule.code()}: {rule.title()}".lower()
    return re.sub(r"[^\w\- ]", "", heading).replace(" ", "-")


def rule_url(rule: type[Rule]) -> str:
    """The address of a rule's docs: its heading in ``docs/rules.md``."""
    return f"{_DOCS_URL}#{_anchor(rule)}"


# Summaries ---------------------------------------------------------------


def statistics(reports: t.Sequence[Report], as_json: bool = False) -> str:
    """How many new failures each rule has, most first, as ruff's
    ``--statistics``: ``[*]`` marks rules whose fix ``--fix`` applies.
    """
    counts: collections.Counter[str] = collections.Counter()
    titles: dict[str, str] = {}
    fixable: dict[str, bool] = {}

    for finding in new_findings(reports):
        code = finding.result.code
        counts[code] += 1
        titles[code] = finding.result.title
        fixable[code] = fixable.get(code, False) or finding.fixable

    ordered = sorted(counts, key=lambda c: (-counts[c], c))

    if as_json:
        data = [
            {
                "code": code,
                "title": titles[code],
                "count": counts[code],
                "fixable": fixable[code],
            }
            for code in ordered
        ]
        return json.dumps(data, indent=2) + "\n"

    if not ordered:
        return ""

    width = max(len(str(counts[c])) for c in ordered)
    code_width = max(len(c) for c in ordered)
    lines = [
        f"{counts[c]:>{width}}\t{c:<{code_width}}\t"
        f"{'[*]' if fixable[c] else '[ ]'} {titles[c]}"
        for c in ordered
    ]

    if any(fixable.values()):
        lines.append("[*] fixable with `eco-lint check --fix`")

    return "\n".join(lines) + "\n"


def not_applied(title: str, reason: str) -> str:
    """Why a fix was left out: refused (it would lose something the
    project owns, and says what to do by hand) or not applicable.
    """
    from .fix import Refusal

    if isinstance(reason, Refusal):
        return f"refused '{title}': {reason}"

    return f"could not apply '{title}': {reason}"


def fixed_summary(before: t.Sequence[Report], after: t.Sequence[Report]) -> str:
    """What ``--fix`` fixed, by repository and rule, for ``--show-fixes``."""
    lines: list[str] = []
    total = 0

    for old, new in zip(before, after, strict=True):
        remaining = {f.fingerprint for f in findings(new)}
        gone = [f for f in findings(old) if f.fingerprint not in remaining]

        if not gone:
            continue

        counts = collections.Counter(f.result.code for f in gone)
        titles = {f.result.code: f.result.title for f in gone}
        lines.append(f"- {clean(display_root(old))}:")
        lines += [f"    {n} × {code} ({titles[code]})" for code, n in counts.items()]
        total += len(gone)

    if not total:
        return "No failures fixed.\n"

    noun = "failure" if total == 1 else "failures"
    return "\n".join([f"Fixed {total} {noun}:", *lines]) + "\n"


def render(
    output_format: str,
    reports: t.Sequence[Report],
    rules: t.Mapping[str, type[Rule]],
    color: bool = False,
    quiet: bool = False,
    show_fixes: bool = False,
    extra: t.Sequence[t.Mapping[str, t.Any]] | None = None,
) -> str:
    """The report in one of the formats of ``eco-lint check``.

    :param extra: More fields for each report in the JSON format.
    """
    from . import ci
    from . import sarif
    from . import terminal

    if output_format == "json":
        return to_json(reports, extra)

    if output_format == "full":
        return terminal.to_full(reports, color, quiet)

    if output_format == "concise":
        return terminal.to_concise(reports, color, quiet, show_fixes)

    if output_format == "sarif":
        return sarif.to_sarif(reports, rules)

    formats: dict[str, t.Callable[[t.Sequence[Report]], str]] = {
        "json": to_json,
        "json-lines": to_json_lines,
        "github": ci.to_github,
        "gitlab": ci.to_gitlab,
        "junit": ci.to_junit,
        "markdown": ci.to_markdown,
    }
    return formats[output_format](reports)


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
