"""The formats for a terminal: ``full``, with each finding's context and
fix, and ``concise``, one line per finding, as ruff prints them.
"""

from __future__ import annotations

import collections
import typing as t

from .check import Report
from .output import clean
from .output import FAMILY_NAMES
from .output import Finding
from .output import findings
from .output import new_findings
from .output import score_text
from .output import shown_path

Style = t.Callable[..., str]


def styler(color: bool) -> Style:
    def style(text: str, **kwargs: t.Any) -> str:
        if not color:
            return text

        import click

        return click.style(text, **kwargs)

    return style


def diagnostic(finding: Finding, style: Style) -> str:
    """``path:line:col: CODE [*] message``, as ruff prints a finding."""
    where = style(clean(finding.shown), bold=True)

    if finding.path:
        colon = style(":", fg="cyan")
        where += f"{colon}{finding.line or 1}{colon}{finding.column or 1}"

    mark = f" {style('[*]', fg='cyan')}" if finding.fixable else ""
    code = style(finding.result.code, fg="red", bold=True)
    message = clean(finding.message)
    return f"{where}{style(':', fg='cyan')} {code}{mark} {message}"


def _help(finding: Finding, style: Style) -> str | None:
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
    style = styler(color)
    lines: list[str] = []

    for report in reports:
        found = findings(report)
        lines += _failures(report, found, style)

        if not quiet:
            lines += _summary(report, found, style)

    return "\n".join(lines) + "\n" if lines else ""


def _failures(report: Report, found: list[Finding], style: Style) -> list[str]:
    """Each new failure with the help of its fix, then each file that
    could not be read.
    """
    lines: list[str] = []

    for finding in found:
        if finding.baselined:
            continue

        lines.append(diagnostic(finding, style))
        help_line = _help(finding, style)

        if help_line:
            lines.append(help_line)

    for path, error in report.errors.items():
        shown = clean(shown_path(report, path))
        lines.append(f"{style(shown, bold=True)}: {clean(error)}")

    return lines


def _summary(report: Report, found: list[Finding], style: Style) -> list[str]:
    """A repository's score, families, what was not counted, its waivers
    and its baselined failures.
    """
    new = sum(1 for f in found if not f.baselined)
    noun = "failure" if new == 1 else "failures"
    summary = (
        f"{clean(shown_path(report, ''))}: {new} {noun}{_errors([report])}, score"
        f" {score_text(report.score())}/100, generation {report.generation}"
    )
    lines = [style(summary, bold=True)]

    for prefix, value in report.family_scores().items():
        lines.append(f"  {FAMILY_NAMES[prefix]:<24}{score_text(value):>4}")

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

    lines += [
        f"  Ignored {clean(code)}: {clean(reason)}"
        for code, reason in report.waivers.items()
    ]
    return lines + _baselined(report, found, style)


def _baselined(report: Report, found: list[Finding], style: Style) -> list[str]:
    """The baselined failures, and how many of the baseline no longer fail."""
    lines = []
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
            style(f"    {diagnostic(f, styler(False))}", dim=True) for f in baselined
        ]

    return lines


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
    style = styler(color)
    found = new_findings(reports)
    lines: list[str] = []

    for finding in found:
        lines.append(diagnostic(finding, style))
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
