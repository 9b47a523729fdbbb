"""The HTML dashboard: one self-contained page made from ``report.json``.

Its style and script are written inline from the files beside this module,
and the plots are SVG written here, so that the page loads nothing and
works from ``file://``. A Content-Security-Policy allows only that style
and that script, by hash. Every text that comes from a repository or a
report is escaped.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.resources
import re
import typing as t

from .build import score_text

_DOCS_URL = "https://github.com/pallets-eco/eco-lint/blob/main/docs/rules.md"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _asset(name: str) -> str:
    return (importlib.resources.files("eco_lint.orgreport") / name).read_text(
        encoding="utf-8"
    )


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def _tone(score: float | None) -> str:
    """The colour class of a score: ``s0`` (red) to ``s10`` (green)."""
    return "na" if score is None else f"s{round(score / 10)}"


def _tones() -> str:
    rules = []

    for step in range(11):
        colour = f"hsl({step * 12}, 70%, {86 - step % 2}%)"
        rules.append(f".s{step} {{ background: {colour}; }}")
        rules.append(f"svg .s{step} {{ fill: hsl({step * 12}, 60%, 55%); }}")

    return "\n".join(rules) + "\n"


def _anchor(code: str, title: str) -> str:
    """The GitHub anchor of a rule's heading in ``docs/rules.md``."""
    heading = f"{code}: {title}".lower()
    return re.sub(r"[^\w\- ]", "", heading).replace(" ", "-")


# Plots -------------------------------------------------------------------


def score_histogram(histogram: t.Sequence[int]) -> str:
    """The distribution of scores in bins of ten, as SVG bars."""
    width, height, left, bottom, top = 440, 210, 34, 28, 16
    plot = height - bottom - top
    peak = max(histogram) or 1
    step = (width - left - 8) / len(histogram)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img"'
        ' aria-label="Number of repositories by score, in bins of ten">',
        f'<line class="axis" x1="{left}" y1="{height - bottom}"'
        f' x2="{width - 4}" y2="{height - bottom}"/>',
        f'<line class="axis" x1="{left}" y1="{top}" x2="{left}"'
        f' y2="{height - bottom}"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{peak}</text>',
        f'<text x="{left - 6}" y="{height - bottom}" text-anchor="end">0</text>',
    ]

    for index, count in enumerate(histogram):
        bar = plot * count / peak
        x = left + index * step + 3
        y = height - bottom - bar
        low, high = index * 10, 100 if index == 9 else index * 10 + 9
        parts.append(
            f'<rect class="s{index + (index >= 5)}" x="{x:.1f}" y="{y:.1f}"'
            f' width="{step - 6:.1f}" height="{bar:.1f}">'
            f"<title>{count} with a score of {low} to {high}</title></rect>"
        )

        if count:
            parts.append(
                f'<text x="{x + (step - 6) / 2:.1f}" y="{y - 3:.1f}"'
                f' text-anchor="middle">{count}</text>'
            )

        parts.append(
            f'<text x="{x + (step - 6) / 2:.1f}" y="{height - bottom + 14}"'
            f' text-anchor="middle">{low}</text>'
        )

    parts.append("</svg>")
    return "".join(parts)


def rules_chart(rules: t.Sequence[dict[str, t.Any]], total: int, most: int = 20) -> str:
    """The failing rules ranked by how many repositories they hit, as SVG
    bars; ``most`` rules at most.
    """
    shown = list(rules[:most])
    width, row, left, right, top = 520, 20, 70, 40, 6
    height = top * 2 + row * max(len(shown), 1)
    span = width - left - right
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img"'
        ' aria-label="Failing rules by the number of repositories they hit">',
    ]

    if not shown:
        parts.append(f'<text x="0" y="{top + 14}">No rule fails.</text>')

    for index, rule in enumerate(shown):
        count = len(rule["repositories"])
        y = top + index * row
        bar = span * count / max(total, 1)
        parts.append(
            f'<text x="{left - 6}" y="{y + 14}" text-anchor="end">'
            f"{_e(rule['code'])}</text>"
            f'<rect class="bar" x="{left}" y="{y + 3}" width="{bar:.1f}"'
            f' height="{row - 6}"><title>{_e(rule["code"])}: {_e(rule["title"])},'
            f" {count} of {total}</title>"
            f'</rect><text x="{left + bar + 5:.1f}" y="{y + 14}">{count}</text>'
        )

    parts.append("</svg>")
    return "".join(parts)


# Parts of the page -------------------------------------------------------


def _matrix(report: dict[str, t.Any]) -> str:
    families = report["families"]
    generations = sorted({r["generation"] for r in report["repositories"]})
    options = "".join(
        f'<option value="{_e(rule["code"])}">{_e(rule["code"])}'
        f" ({len(rule['repositories'])}): {_e(rule['title'])}</option>"
        for rule in report["rules"]
    )
    generation_options = "".join(
        f'<option value="{_e(g)}">{_e(g)}</option>' for g in generations
    )
    columns = [
        ("Repository", "text", ""),
        ("Score", "number", ""),
        ("Generation", "text", ""),
        ("Failing", "number", "Failing rules"),
        ("After fixes", "number", "Score after the safe patch"),
    ] + [(f["prefix"], "number", f["name"]) for f in families]
    head = "".join(
        f'<th data-type="{kind}" title="{_e(title or label)}" scope="col">'
        f'<button type="button">{_e(label)}</button></th>'
        for label, kind, title in columns
    )
    body = [
        _matrix_row(index, repo, families)
        for index, repo in enumerate(report["repositories"])
    ]

    return (
        '<section aria-labelledby="matrix-title"><h2 id="matrix-title">Repositories'
        " by family</h2>"
        '<form class="filters" role="search">'
        '<label>Failing rule <select id="rule-filter"><option value="">any</option>'
        f"{options}</select></label>"
        '<label>Generation <select id="generation-filter"><option value="">any'
        f"</option>{generation_options}</select></label>"
        f'<output id="shown">{len(report["repositories"])} shown</output></form>'
        f'<table id="matrix"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></section>"
    )


def _matrix_row(index: int, repo: dict[str, t.Any], families: list[t.Any]) -> str:
    """A repository's row of the matrix: its scores, before and after the
    safe patch, and by family.
    """
    after = repo["patches"]["safe"]["score"] if repo["patches"] else None
    cells = [
        f'<td data-v="{_e(repo["name"])}"><a class="repo-link"'
        f' href="#repo-{index}">{_e(repo["name"])}</a></td>',
        _score_cell(repo["score"]),
        f'<td data-v="{_e(repo["generation"])}">{_e(repo["generation"])}</td>',
        f'<td data-v="{len(repo["failing"])}">{len(repo["failing"])}</td>',
        _score_cell(after),
    ]
    cells += [_score_cell(repo["families"].get(f["prefix"])) for f in families]
    return (
        f'<tr data-failing="{_e(" ".join(repo["failing"]))}"'
        f' data-generation="{_e(repo["generation"])}">{"".join(cells)}</tr>'
    )


def _score_cell(score: float | None) -> str:
    value = "" if score is None else f"{score:.2f}"
    return f'<td class="score {_tone(score)}" data-v="{value}">{score_text(score)}</td>'


def _diff(text: str) -> str:
    lines = []

    for line in text.splitlines():
        kind = (
            "meta"
            if line.startswith(
                ("diff --git", "--- ", "+++ ", "new file", "deleted file")
            )
            else "hunk"
            if line.startswith("@@")
            else "add"
            if line.startswith("+")
            else "del"
            if line.startswith("-")
            else "ctx"
        )
        lines.append(f'<span class="{kind}">{_e(line) or " "}</span>')

    return f'<pre class="diff">{"".join(lines)}</pre>'


def _where(result: dict[str, t.Any]) -> str:
    path = result.get("path") or "."
    return f"{path}:{result['line']}" if result.get("line") else str(path)


def _code_list(heading: str, items: t.Mapping[str, str]) -> list[str]:
    """A heading and a list of ``name: text`` items, escaped."""
    rows = [f"<li><code>{_e(k)}</code>: {_e(v)}</li>" for k, v in items.items()]
    return [f"<h3>{heading}</h3><ul>", *rows, "</ul>"]


def _detail(index: int, repo: dict[str, t.Any]) -> str:
    parts = [
        f'<section class="repo-detail" id="repo-{index}"'
        f' aria-labelledby="repo-{index}-title">',
        f'<h2 id="repo-{index}-title">{_e(repo["name"])}<span class="score'
        f' {_tone(repo["score"])}">{score_text(repo["score"])}</span></h2>',
        f'<p class="root">{_e(repo["root"])}</p>',
        f"<p>Generation {_e(repo['generation'])}"
        + (f": {_e('; '.join(repo['evidence']))}" if repo["evidence"] else "")
        + ".</p>",
        "<h3>Findings</h3>",
    ]
    failures = [r for r in repo["results"] if r["status"] == "fail"]
    parts += _findings(failures)

    if repo["waivers"]:
        parts += _code_list("Waivers", repo["waivers"])

    if repo["errors"]:
        parts += _code_list("Files that could not be read", repo["errors"])

    parts += _refusals(repo, failures)
    parts += _diffs(repo)
    parts.append('<p><a href="#matrix-title">Back to the matrix</a></p></section>')
    return "".join(parts)


def _findings(failures: list[dict[str, t.Any]]) -> list[str]:
    """The table of a repository's failing rules."""
    if not failures:
        return ["<p>No rule fails.</p>"]

    parts = [
        '<table class="findings"><thead><tr><th>Rule</th><th>Where</th>'
        "<th>Finding</th><th>Fix</th></tr></thead><tbody>"
    ]

    for result in failures:
        code, title = str(result["code"]), str(result.get("title", ""))
        fix = result.get("fix")
        fix_cell = (
            f'<span class="tag {_e(fix["applicability"])}">'
            f"{_e(fix['applicability'])}</span> {_e(fix['title'])}"
            if isinstance(fix, dict)
            else ""
        )
        parts.append(
            f'<tr><td><a href="#rule-{_e(code)}" title="{_e(title)}">{_e(code)}</a>'
            f' <a href="{_DOCS_URL}#{_e(_anchor(code, title))}" rel="noreferrer"'
            ' title="The rule\'s docs on the web">docs</a></td>'
            f"<td>{_e(_where(result))}</td><td>{_e(result.get('message', ''))}</td>"
            f"<td>{fix_cell}</td></tr>"
        )

    parts.append("</tbody></table>")
    return parts


def _refusals(repo: dict[str, t.Any], failures: list[dict[str, t.Any]]) -> list[str]:
    """The fixes shown only, and those the patches refused, with why."""
    refusals = [
        (
            f"{r['code']}: {r['fix']['title']}",
            "shown only: what it should be is the maintainer's choice",
        )
        for r in failures
        if isinstance(r.get("fix"), dict) and r["fix"].get("applicability") == "display"
    ]

    for patch in (repo["patches"] or {}).values():
        for refused in patch["refused"]:
            if (refused["fix"], refused["reason"]) not in refusals:
                refusals.append((refused["fix"], refused["reason"]))

    if not refusals:
        return []

    return [
        "<h3>Refused fixes</h3><ul>",
        *(f"<li>{_e(fix)}: {_e(reason)}</li>" for fix, reason in refusals),
        "</ul>",
    ]


def _diffs(repo: dict[str, t.Any]) -> list[str]:
    """The diff of each patch, with the score it would reach."""
    parts = ["<h3>Proposed diffs</h3>"]

    if repo["patches"] is None:
        parts.append(
            "<p>Not computed: check with"
            " <code>--output-format json --patches</code>.</p>"
        )

    for kind, patch in (repo["patches"] or {}).items():
        label = "Safe fixes" if kind == "safe" else "Safe and unsafe fixes"

        if not patch["diff"]:
            parts.append(f"<h4>{label}</h4><p>Nothing to change.</p>")
            continue

        parts.append(
            f"<h4>{label}: score {score_text(repo['score'])} to"
            f" {score_text(patch['score'])}, in"
            f' <a href="{_e(patch["file"])}">{_e(patch["file"])}</a></h4>'
            + _diff(patch["diff"])
        )

    return parts


def _rule_docs(report: dict[str, t.Any]) -> str:
    from ..registry import collect_rules

    registry = collect_rules()
    parts = [
        '<section aria-labelledby="rules-title"><h2 id="rules-title">Failing rules</h2>'
    ]

    for rule in report["rules"]:
        code, title = str(rule["code"]), str(rule["title"])
        known = registry.get(code)
        docs = known.docs() if known is not None else "No docs in this eco-lint."
        parts.append(
            f'<details class="rule-doc" id="rule-{_e(code)}"><summary><strong>'
            f"{_e(code)}</strong>: {_e(title)} (weight {_e(rule['weight'])},"
            f" {len(rule['repositories'])} repositories)</summary>"
            f"<pre>{_e(docs)}</pre>"
            f'<p><a href="{_DOCS_URL}#{_e(_anchor(code, title))}" rel="noreferrer">'
            "The rule's docs on the web</a></p></details>"
        )

    parts.append("</section>")
    return "".join(parts)


def to_html(report: dict[str, t.Any]) -> str:
    """The whole page."""
    style = _asset("dashboard.css") + _tones()
    script = _asset("dashboard.js")
    policy = (
        f"default-src 'none'; style-src {_hash(style)}; script-src {_hash(script)};"
        " img-src data:; base-uri 'none'; form-action 'none'"
    )
    repositories = report["repositories"]
    scores = report["scores"]
    problems = ""

    if report["problems"]:
        problems = (
            '<section class="problems"><h2>Not reported</h2><ul>'
            + "".join(f"<li>{_e(p)}</li>" for p in report["problems"])
            + "</ul></section>"
        )

    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(policy)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>eco-lint report: {len(repositories)} repositories</title>"
        f"<style>{style}</style></head><body>"
        f"<header><h1>eco-lint report: {len(repositories)} repositories</h1>"
        f'<p class="lead">Mean score {score_text(scores["mean"])}, median'
        f" {score_text(scores['median'])}. Made by eco-lint"
        f" {_e(report['tool']['version'])} at {_e(report['generated'])}.</p></header>"
        f"{problems}"
        '<section class="plots" aria-label="Plots">'
        "<figure><figcaption>Scores</figcaption>"
        f"{score_histogram(scores['histogram'])}</figure>"
        "<figure><figcaption>Failing rules, by repositories hit</figcaption>"
        f"{rules_chart(report['rules'], len(repositories))}</figure></section>"
        f"{_matrix(report)}"
        + "".join(_detail(i, repo) for i, repo in enumerate(repositories))
        + _rule_docs(report)
        + f"<script>{script}</script></body></html>\n"
    )
