"""Gather reports into ``report.json`` and write every output from it: the
JSON, the Markdown summary, the HTML dashboard and the patch files.

``report.json`` is made from the reports alone, sorted by repository name,
so that reports read from separate runs give the same file as one run,
apart from ``generated``.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import statistics
import typing as t
from pathlib import Path

from ..registry import FAMILIES

#: Version of the shape of ``report.json``, see ``report.schema.json`` in
#: this package.
REPORT_VERSION = 1


def timestamp() -> str:
    """Now in UTC, or ``SOURCE_DATE_EPOCH`` when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = (
        datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
        if epoch.isdigit()
        else datetime.datetime.now(datetime.UTC)
    )
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _slug(root: str) -> str:
    """A file name for a repository: its folder name, in safe characters."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(root).name).strip(".-")
    return name or "repository"


def _named(reports: t.Sequence[dict[str, t.Any]]) -> list[tuple[str, dict[str, t.Any]]]:
    """Each report with a unique name, sorted by name then root."""
    ordered = sorted(reports, key=lambda r: (_slug(r["root"]), r["root"]))
    seen: dict[str, int] = {}
    named = []

    for report in ordered:
        base = _slug(report["root"])
        seen[base] = seen.get(base, 0) + 1
        named.append((base if seen[base] == 1 else f"{base}-{seen[base]}", report))

    return named


def _families(reports: t.Sequence[dict[str, t.Any]]) -> list[dict[str, str]]:
    names: dict[str, str] = {}

    for report in reports:
        for prefix, family in report["families"].items():
            names.setdefault(prefix, str(family.get("name", prefix)))

    order = [f.prefix for f in FAMILIES]
    prefixes = sorted(names, key=lambda p: (order.index(p) if p in order else 99, p))
    return [{"prefix": p, "name": names[p]} for p in prefixes]


def _patches(name: str, report: dict[str, t.Any]) -> dict[str, t.Any] | None:
    patches = report.get("patches")

    if patches is None:
        return None

    suffix = {"safe": ".patch", "unsafe": ".unsafe.patch"}
    return {
        kind: {
            "file": f"patches/{name}{suffix[kind]}" if patch["diff"] else None,
            "diff": patch["diff"],
            "score": patch.get("score"),
            "files": list(patch.get("files", [])),
            "refused": list(patch.get("refused", [])),
        }
        for kind, patch in patches.items()
    }


def aggregate(
    reports: t.Sequence[dict[str, t.Any]],
    problems: t.Sequence[str],
    tool_version: str,
    generated: str,
) -> dict[str, t.Any]:
    """The content of ``report.json``."""
    repositories = []
    hits: dict[str, list[str]] = {}
    rules: dict[str, dict[str, t.Any]] = {}

    for name, report in _named(reports):
        failing = [r for r in report["results"] if r["status"] == "fail"]

        for result in failing:
            rules.setdefault(result["code"], _rule(result))
            names = hits.setdefault(result["code"], [])

            if name not in names:
                names.append(name)

        repositories.append(_repository(name, report, failing))

    ranked = sorted(hits, key=lambda code: (-len(hits[code]), code))
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "eco-lint", "version": tool_version},
        "generated": generated,
        "families": _families(reports),
        "scores": _scores([r["score"] for r in repositories]),
        "rules": [{**rules[code], "repositories": hits[code]} for code in ranked],
        "problems": sorted(problems),
        "repositories": repositories,
    }


def _rule(result: dict[str, t.Any]) -> dict[str, t.Any]:
    """A failing rule as the report lists it."""
    return {
        "code": result["code"],
        "title": result.get("title", ""),
        "family": result["family"],
        "weight": result.get("weight", 1),
    }


def _repository(
    name: str, report: dict[str, t.Any], failing: list[dict[str, t.Any]]
) -> dict[str, t.Any]:
    """One repository as the report lists it."""
    return {
        "name": name,
        "root": report["root"],
        "score": report["score"],
        "generation": report["generation"],
        "evidence": report["evidence"],
        "families": {
            prefix: family.get("score") for prefix, family in report["families"].items()
        },
        "failing": list(dict.fromkeys(r["code"] for r in failing)),
        "results": report["results"],
        "errors": report["errors"],
        "waivers": report["waivers"],
        "patches": _patches(name, report),
    }


def _scores(found: list[float | None]) -> dict[str, t.Any]:
    """How many repositories have a score, their mean and median, and how
    many fall in each tenth.
    """
    scores = [score for score in found if score is not None]
    histogram = [0] * 10

    for score in scores:
        histogram[min(int(score // 10), 9)] += 1

    return {
        "count": len(scores),
        "mean": round(statistics.fmean(scores), 2) if scores else None,
        "median": round(statistics.median(scores), 2) if scores else None,
        "histogram": histogram,
    }


def score_text(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def patch_text(repository: dict[str, t.Any], kind: str) -> str:
    """A patch file: a header that ``git apply`` skips, then the diff."""
    patch = repository["patches"][kind]
    name = repository["name"]
    what = "safe fixes" if kind == "safe" else "safe and unsafe fixes"
    lines = [
        f"# eco-lint: the {what} of {name}.",
        f"# Score {score_text(repository['score'])}/100 now,"
        f" {score_text(patch['score'])}/100 once applied.",
        f"# In the repository's root: git apply {Path(patch['file']).name};"
        " then uv lock.",
    ]

    if kind == "unsafe":
        lines.append(f"# Apply instead of {name}.patch, not after it.")

    for refused in patch["refused"]:
        reason = " ".join(str(refused["reason"]).split())
        lines.append(f"# Refused: {' '.join(str(refused['fix']).split())}: {reason}")

    return "\n".join(lines) + "\n\n" + str(patch["diff"])


def _md(text: object) -> str:
    """Repository text made inert in a Markdown table cell."""
    value = " ".join(str(text).split())

    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "&#124;")):
        value = value.replace(char, entity)

    return value.replace("`", "&#96;").replace("[", "&#91;")


def to_markdown(report: dict[str, t.Any]) -> str:
    """A summary for an issue or a discussion."""
    repositories = report["repositories"]
    families = report["families"]
    scores = report["scores"]
    lines = [
        f"# eco-lint report: {len(repositories)} repositories",
        "",
        f"Mean score {score_text(scores['mean'])}/100, median"
        f" {score_text(scores['median'])}/100.",
        "",
        "| Repository | Score | Generation | Failing | After safe fixes | "
        + " | ".join(f["prefix"] for f in families)
        + " |",
        "| --- | ---: | --- | ---: | ---: | "
        + " | ".join("---:" for _ in families)
        + " |",
    ]

    for repo in repositories:
        after = repo["patches"]["safe"]["score"] if repo["patches"] else None
        lines.append(
            f"| {_md(repo['name'])} | {score_text(repo['score'])}"
            f" | {_md(repo['generation'])} | {len(repo['failing'])}"
            f" | {score_text(after)} | "
            + " | ".join(
                score_text(repo["families"].get(f["prefix"])) for f in families
            )
            + " |"
        )

    if report["rules"]:
        lines += ["", "## Failing rules", "", "| Rule | Repositories | Title |"]
        lines.append("| --- | ---: | --- |")
        lines += [
            f"| {_md(rule['code'])} | {len(rule['repositories'])}"
            f" | {_md(rule['title'])} |"
            for rule in report["rules"]
        ]

    if report["problems"]:
        lines += ["", "## Not reported", ""]
        lines += [f"- {_md(problem)}" for problem in report["problems"]]

    return "\n".join(lines) + "\n"


def write_outputs(report: dict[str, t.Any], folder: str | os.PathLike[str]) -> Path:
    """Write ``report.json``, ``summary.md``, ``index.html`` and the patch
    files into a folder, and return the dashboard's path.
    """
    from .dashboard import to_html

    out = Path(folder)
    patches = out / "patches"
    patches.mkdir(parents=True, exist_ok=True)

    for old in patches.glob("*.patch"):
        old.unlink()

    for repository in report["repositories"]:
        for kind, patch in (repository["patches"] or {}).items():
            if patch["file"]:
                (out / patch["file"]).write_text(
                    patch_text(repository, kind), encoding="utf-8", newline=""
                )

    (out / "report.json").write_text(
        json.dumps(report, indent=2, sort_keys=False) + "\n", encoding="utf-8"
    )
    (out / "summary.md").write_text(to_markdown(report), encoding="utf-8")
    dashboard = out / "index.html"
    dashboard.write_text(to_html(report), encoding="utf-8")
    return dashboard
