"""Report formats. Each function takes finished reports and returns text;
none of them prints.

Every format is made from :func:`findings`: one failing rule at one
location, with a fingerprint that does not depend on the line, so that a
finding keeps its identity when unrelated lines move (code scanning,
GitLab and the baseline match findings by it).

Everything that comes from the checked repository (messages, paths,
waiver reasons, names) goes through the escaping here before it reaches a
report: :func:`clean` for every format, then the format's own escaping.
"""

from __future__ import annotations

import collections
import dataclasses
import hashlib
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
JSON_VERSION = 2
#: The ``partialFingerprints`` key of SARIF results, and the fingerprint's
#: version: it changes if the way fingerprints are made does.
FINGERPRINT_KEY = "ecoLint/v1"
_NAMES = {f.prefix: f.name for f in FAMILIES}
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
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+!|~&@:$])")


def clean(text: str) -> str:
    """Text from the repository as one plain line: terminal escapes and
    control characters removed, line breaks turned into spaces.
    """
    return _BREAKS.sub(" ", _ESCAPES.sub("", text))


def _md(text: str) -> str:
    """Repository text for Markdown, with every character that could
    start markup, a link, a mention or HTML escaped.
    """
    return _MARKDOWN.sub(r"\\\1", clean(text))


def _md_code(text: str) -> str:
    """Repository text as a Markdown code span, safe in a table cell."""
    text = clean(text)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}".replace("|", "\\|")


def _gh_data(text: str) -> str:
    """The message of a GitHub workflow command."""
    return clean(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    """A property value of a GitHub workflow command."""
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


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
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


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


def _run_fingerprint(finding: Finding) -> str:
    """The fingerprint across every path of one run: the repository's own
    when it is the current directory, else mixed with where it is, so that
    two repositories checked together never share one.
    """
    root = display_root(finding.report)

    if root == ".":
        return finding.fingerprint

    key = f"{FINGERPRINT_KEY}\0{root}\0{finding.fingerprint}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


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


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


# Terminal formats -------------------------------------------------------

_Style = t.Callable[..., str]


def _styler(color: bool) -> _Style:
    def style(text: str, **kwargs: t.Any) -> str:
        if not color:
            return text

        import click

        return click.style(text, **kwargs)

    return style


def _diagnostic(finding: Finding, style: _Style) -> str:
    """``path:line:col: CODE [*] message``, as ruff prints a finding."""
    where = style(clean(finding.shown), bold=True)

    if finding.path:
        colon = style(":", fg="cyan")
        where += f"{colon}{finding.line or 1}{colon}{finding.column or 1}"

    mark = f" {style('[*]', fg='cyan')}" if finding.fixable else ""
    code = style(finding.result.code, fg="red", bold=True)
    message = clean(finding.message)
    return f"{where}{style(':', fg='cyan')} {code}{mark} {message}"


def _help(finding: Finding, style: _Style) -> str | None:
    fix = finding.result.fix

    if fix is None:
        return None

    label = style("help", bold=True)
    kind = "" if fix.applicability == "safe" else f" ({fix.applicability} fix)"
    return f"  = {label}: {clean(fix.title)}{kind}"


def _fix_hint(reports: t.Sequence[Report]) -> str | None:
    kinds = collections.Counter(
        f.result.fix.applicability for f in new_findings(reports) if f.result.fix
    )
    safe, unsafe = kinds["safe"], kinds["unsafe"]

    if not safe and not unsafe:
        return None

    hint = f"[*] {safe} fixable with --fix"
    return hint + (f", {unsafe} more with --unsafe-fixes." if unsafe else ".")


def to_full(
    reports: t.Sequence[Report], color: bool = False, quiet: bool = False
) -> str:
    """One line per new failure with the help of its fix, then per
    repository the score, the families, what was not counted, the waivers
    and the baselined failures.
    """
    style = _styler(color)
    lines: list[str] = []

    for report in reports:
        found = findings(report)

        for finding in found:
            if finding.baselined:
                continue

            lines.append(_diagnostic(finding, style))
            help_line = _help(finding, style)

            if help_line:
                lines.append(help_line)

        for path, error in report.errors.items():
            shown = clean(shown_path(report, path))
            lines.append(f"{style(shown, bold=True)}: {clean(error)}")

        if quiet:
            continue

        new = sum(1 for f in found if not f.baselined)
        noun = "failure" if new == 1 else "failures"
        summary = (
            f"{clean(shown_path(report, ''))}: {new} {noun}{_errors([report])}, score"
            f" {_score(report.score())}/100, generation {report.generation}"
        )
        lines.append(style(summary, bold=True))

        for prefix, value in report.family_scores().items():
            lines.append(f"  {_NAMES[prefix]:<24}{_score(value):>4}")

        hint = _fix_hint([report])

        if hint:
            lines.append(f"  {hint}")

        for status, label in (("n/a", "Not applicable"), ("skip", "Skipped")):
            listed = [r for r in report.results if r.status == status]

            if listed:
                items = ", ".join(
                    f"{r.code} ({clean(r.message)})" if r.message else r.code
                    for r in listed
                )
                lines.append(f"  {label}: {items}")

        for code, reason in report.waivers.items():
            lines.append(f"  Ignored {clean(code)}: {clean(reason)}")

        baselined = [f for f in found if f.baselined]
        stale = len(report.baseline - {f.fingerprint for f in found})

        if stale:
            lines.append(
                f"  {stale} baselined failures no longer fail:"
                " run `eco-lint check --add-baseline` to drop them."
            )

        if baselined:
            lines.append(f"  Baselined, not failing ({len(baselined)}):")
            lines += [
                style(f"    {_diagnostic(f, _styler(False))}", dim=True)
                for f in baselined
            ]

    return "\n".join(lines) + "\n" if lines else ""


def _errors(reports: t.Sequence[Report]) -> str:
    """How many files could not be read or used, listed above the summary:
    each fails the run as a failure does, so the summary counts them too.
    """
    count = sum(len(r.errors) for r in reports)

    if not count:
        return ""

    return f", {count} {'error' if count == 1 else 'errors'}"


def to_concise(
    reports: t.Sequence[Report],
    color: bool = False,
    quiet: bool = False,
    show_fixes: bool = False,
) -> str:
    """One line per new failure, then how many were found."""
    style = _styler(color)
    found = new_findings(reports)
    lines: list[str] = []

    for finding in found:
        lines.append(_diagnostic(finding, style))
        help_line = _help(finding, style) if show_fixes else None

        if help_line:
            lines.append(help_line)

    for report in reports:
        for path, error in report.errors.items():
            lines.append(f"{clean(shown_path(report, path))}: {clean(error)}")

    if not quiet:
        baselined = sum(1 for r in reports for f in findings(r) if f.baselined)
        noun = "failure" if len(found) == 1 else "failures"
        line = f"Found {len(found)} {noun}{_errors(reports)}"
        line += f" ({baselined} more in the baseline)." if baselined else "."
        lines.append(line)
        hint = _fix_hint(reports)

        if hint:
            lines.append(hint)

    return "\n".join(lines) + "\n"


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


def _version() -> str:
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
        "tool": {"name": "eco-lint", "version": _version()},
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
            prefix: {"name": _NAMES[prefix], "score": value}
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


# SARIF ------------------------------------------------------------------


def _anchor(rule: type[Rule]) -> str:
    """The GitHub anchor of a rule's heading in ``docs/rules.md``."""
    heading = f"{rule.code()}: {rule.title()}".lower()
    return re.sub(r"[^\w\- ]", "", heading).replace(" ", "-")


def rule_url(rule: type[Rule]) -> str:
    """The address of a rule's docs: its heading in ``docs/rules.md``."""
    return f"{_DOCS_URL}#{_anchor(rule)}"


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
    results = []

    for report in reports:
        for finding in findings(report):
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
                "partialFingerprints": {FINGERPRINT_KEY: _run_fingerprint(finding)},
            }

            if result.code in index:
                item["ruleIndex"] = index[result.code]

            if has_baseline:
                item["baselineState"] = "unchanged" if finding.baselined else "new"

            results.append(item)

    run = {
        "tool": {
            "driver": {
                "name": "eco-lint",
                "version": _version(),
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


# CI formats -------------------------------------------------------------


def to_github(reports: t.Sequence[Report]) -> str:
    """GitHub workflow commands: an error annotation per new failure, a
    notice per baselined one.
    """
    lines = []

    for report in reports:
        for finding in findings(report):
            code = finding.result.code
            kind = "notice" if finding.baselined else "error"
            title = f"eco-lint ({code}{', baselined' if finding.baselined else ''})"
            props = [f"title={_gh_property(title)}"]

            if finding.path:
                props.append(f"file={_gh_property(finding.shown)}")
                props.append(f"line={finding.line or 1}")
                props.append(f"col={finding.column or 1}")

            text = _diagnostic(finding, _styler(False))
            lines.append(f"::{kind} {','.join(props)}::{_gh_data(text)}")

    return "".join(f"{line}\n" for line in lines)


_GITLAB_SEVERITY = {1: "info", 2: "minor", 3: "major", 4: "critical", 5: "critical"}


def _gitlab_path(finding: Finding) -> str:
    """Relative to ``CI_PROJECT_DIR`` when GitLab CI sets it."""
    base = os.environ.get("CI_PROJECT_DIR")

    if base and finding.path:
        full = Path(finding.report.root, finding.path)

        try:
            return clean(full.relative_to(Path(base).resolve()).as_posix())
        except ValueError:
            pass

    return clean(finding.shown)


def to_gitlab(reports: t.Sequence[Report]) -> str:
    """A GitLab code quality report."""
    issues = []

    for report in reports:
        for finding in findings(report):
            result = finding.result
            line = finding.line or 1
            prefix = "(baselined) " if finding.baselined else ""
            issues.append(
                {
                    "check_name": result.code,
                    "description": f"{prefix}{result.code}: {clean(finding.message)}",
                    "fingerprint": _run_fingerprint(finding),
                    "severity": (
                        "info"
                        if finding.baselined
                        else _GITLAB_SEVERITY.get(result.weight, "major")
                    ),
                    "location": {
                        "path": _gitlab_path(finding),
                        "lines": {"begin": line, "end": line},
                    },
                }
            )

    return json.dumps(issues, indent=2) + "\n"


def to_junit(reports: t.Sequence[Report]) -> str:
    """JUnit XML: a test suite per repository, a test case per rule
    checked and per failure location; rules not counted and baselined
    failures are skipped tests.
    """
    from xml.etree import ElementTree

    suites = ElementTree.Element("testsuites", name="eco-lint")
    totals = collections.Counter[str]()

    for report in reports:
        suite = ElementTree.SubElement(
            suites, "testsuite", name=clean(display_root(report))
        )
        properties = ElementTree.SubElement(suite, "properties")

        for name, value in (
            ("score", _score(report.score())),
            ("generation", report.generation),
        ):
            ElementTree.SubElement(properties, "property", name=name, value=value)

        found = findings(report)
        counts = collections.Counter[str]()

        for result in report.results:
            cases: list[Finding | None] = [f for f in found if f.result is result]
            cases = cases or [None]

            for finding in cases:
                case = ElementTree.SubElement(
                    suite,
                    "testcase",
                    name=f"{result.code}: {result.title}",
                    classname=f"eco-lint.{_NAMES[result.family]}",
                )
                counts["tests"] += 1

                if finding is not None and finding.path:
                    case.set("file", clean(finding.shown))
                    case.set("line", str(finding.line or 1))

                if finding is not None and not finding.baselined:
                    failure = ElementTree.SubElement(
                        case,
                        "failure",
                        message=clean(finding.message),
                        type=result.code,
                    )
                    failure.text = _diagnostic(finding, _styler(False))
                    counts["failures"] += 1
                elif result.status != "pass":
                    why: str = result.status

                    if finding is not None:
                        why = "in the baseline"
                    elif result.message:
                        why += f": {clean(result.message)}"

                    ElementTree.SubElement(case, "skipped", message=why)
                    counts["skipped"] += 1

        for key in ("tests", "failures", "errors", "skipped"):
            suite.set(key, str(counts[key]))

        totals.update(counts)

    for key in ("tests", "failures", "errors", "skipped"):
        suites.set(key, str(totals[key]))

    ElementTree.indent(suites)
    body = ElementTree.tostring(suites, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


# Markdown ---------------------------------------------------------------


def _md_where(finding: Finding) -> str:
    """The location relative to the root, which the summary names."""
    where = finding.path or "./"

    if finding.path and finding.line:
        where += f":{finding.line}"

    return _md_code(where)


def to_markdown(reports: t.Sequence[Report]) -> str:
    """A summary for a pull request or ``$GITHUB_STEP_SUMMARY``."""
    lines: list[str] = []

    for report in reports:
        found = findings(report)
        new = [f for f in found if not f.baselined]
        baselined = [f for f in found if f.baselined]
        lines += [
            f"## eco-lint: {_score(report.score())}/100",
            "",
            f"{_md_code(display_root(report))} is in generation {report.generation}.",
            "",
            "| Family | Score |",
            "| --- | ---: |",
        ]
        lines += [
            f"| {_NAMES[prefix]} | {_score(value)} |"
            for prefix, value in report.family_scores().items()
        ]
        lines.append("")

        if new:
            lines += ["| Rule | Where | Finding |", "| --- | --- | --- |"]
            lines += [
                f"| {f.result.code} | {_md_where(f)} | {_md(f.message)} |" for f in new
            ]
        else:
            lines.append("No failing rule.")

        if baselined:
            lines += ["", f"In the baseline, not failing ({len(baselined)}):", ""]
            lines += [
                f"- {f.result.code} {_md_where(f)}: {_md(f.message)}" for f in baselined
            ]

        if report.waivers:
            lines += ["", "Ignored:", ""]
            lines += [
                f"- {_md(code)}: {_md(reason)}"
                for code, reason in report.waivers.items()
            ]

        lines.append("")

    return "\n".join(lines)


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
    if output_format == "json":
        return to_json(reports, extra)

    if output_format == "full":
        return to_full(reports, color, quiet)

    if output_format == "concise":
        return to_concise(reports, color, quiet, show_fixes)

    if output_format == "sarif":
        return to_sarif(reports, rules)

    formats: dict[str, t.Callable[[t.Sequence[Report]], str]] = {
        "json": to_json,
        "json-lines": to_json_lines,
        "github": to_github,
        "gitlab": to_gitlab,
        "junit": to_junit,
        "markdown": to_markdown,
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
