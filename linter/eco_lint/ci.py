"""The formats of CI services and pull requests: GitHub workflow commands,
GitLab's code quality report, JUnit XML, and a Markdown summary.
"""

from __future__ import annotations

import collections
import json
import os
import re
import typing as t
from pathlib import Path

from .check import Report
from .output import clean
from .output import display_root
from .output import FAMILY_NAMES
from .output import Finding
from .output import findings
from .output import run_fingerprint
from .output import score_text
from .terminal import diagnostic
from .terminal import styler

if t.TYPE_CHECKING:
    from xml.etree import ElementTree

    from .check import Result

_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+!|~&@:$])")


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

            text = diagnostic(finding, styler(False))
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
                    "fingerprint": run_fingerprint(finding),
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
        totals.update(_suite(suites, report))

    for key in ("tests", "failures", "errors", "skipped"):
        suites.set(key, str(totals[key]))

    ElementTree.indent(suites)
    body = ElementTree.tostring(suites, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _suite(suites: ElementTree.Element, report: Report) -> collections.Counter[str]:
    """Add one repository's test suite; return its counts."""
    from xml.etree import ElementTree

    suite = ElementTree.SubElement(
        suites, "testsuite", name=clean(display_root(report))
    )
    properties = ElementTree.SubElement(suite, "properties")

    for key, value in (
        ("score", score_text(report.score())),
        ("generation", report.generation),
    ):
        ElementTree.SubElement(properties, "property", name=key, value=value)

    found = findings(report)
    counts = collections.Counter[str]()

    for result in report.results:
        cases: list[Finding | None] = [f for f in found if f.result is result]

        for finding in cases or [None]:
            counts[_case(suite, result, finding)] += 1
            counts["tests"] += 1

    for key in ("tests", "failures", "errors", "skipped"):
        suite.set(key, str(counts[key]))

    return counts


def _case(suite: ElementTree.Element, result: Result, finding: Finding | None) -> str:
    """Add the test case of a rule at one location; return how it counts
    besides as a test: ``failures``, ``skipped``, or ``passed``.
    """
    from xml.etree import ElementTree

    case = ElementTree.SubElement(
        suite,
        "testcase",
        name=f"{result.code}: {result.title}",
        classname=f"eco-lint.{FAMILY_NAMES[result.family]}",
    )

    if finding is not None and finding.path:
        case.set("file", clean(finding.shown))
        case.set("line", str(finding.line or 1))

    if finding is not None and not finding.baselined:
        failure = ElementTree.SubElement(
            case, "failure", message=clean(finding.message), type=result.code
        )
        failure.text = diagnostic(finding, styler(False))
        return "failures"

    if result.status == "pass":
        return "passed"

    why: str = result.status

    if finding is not None:
        why = "in the baseline"
    elif result.message:
        why += f": {clean(result.message)}"

    ElementTree.SubElement(case, "skipped", message=why)
    return "skipped"


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
            f"## eco-lint: {score_text(report.score())}/100",
            "",
            f"{_md_code(display_root(report))} is in generation {report.generation}.",
            "",
            "| Family | Score |",
            "| --- | ---: |",
        ]
        lines += [
            f"| {FAMILY_NAMES[prefix]} | {score_text(value)} |"
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
