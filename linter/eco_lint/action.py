"""The GitHub Action's single run: check the repository once and write
every report the workflow asked for from that one result.

The action passes its inputs in the environment (``ECO_LINT_*``), never
inside the script, and this reads them with the runner's own variables:
``GITHUB_OUTPUT``, ``GITHUB_STEP_SUMMARY`` and ``GITHUB_WORKSPACE``. A bad
input is a workflow ``::error::`` annotation and exit code 2.
"""

from __future__ import annotations

import dataclasses
import re
import typing as t
from pathlib import Path

from .cli import OUTPUT_FORMATS
from .errors import EcoLintError

if t.TYPE_CHECKING:
    from .check import Report
    from .registry import Rule

#: Formats a report file can have, as ``FORMAT=FILE`` in the ``reports``
#: input: those of ``eco-lint check --output-format``, and ``text`` for
#: ``full``. ``sarif: FILE`` is short for ``reports: sarif=FILE``.
FORMATS = (*OUTPUT_FORMATS, "text")


@dataclasses.dataclass(frozen=True)
class Inputs:
    path: Path
    fail_under: float | None
    #: ``(format, file)`` pairs, in the order given.
    reports: tuple[tuple[str, Path], ...]
    summary: bool
    annotations: bool


def _escape(text: str) -> str:
    """Text as the data of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotation(level: str, message: str) -> str:
    """A workflow command that shows ``message`` on the run's summary."""
    return f"::{level} title=eco-lint::{_escape(message)}"


def read_inputs(environ: t.Mapping[str, str]) -> Inputs:
    """The action's inputs, checked; :class:`EcoLintError` names a bad one."""
    workspace = Path(environ.get("GITHUB_WORKSPACE") or ".")
    given = environ.get("ECO_LINT_PATH", "").strip() or "."
    path = workspace / given

    if not path.is_dir():
        raise EcoLintError(f"Input 'path': {given} is not a folder in the workspace.")

    raw = environ.get("ECO_LINT_FAIL_UNDER", "").strip()
    fail_under: float | None = None

    if raw:
        try:
            fail_under = float(raw)
        except ValueError:
            fail_under = -1.0

        if not 0 <= fail_under <= 100:
            raise EcoLintError(
                f"Input 'fail-under': {raw} is not a number from 0 to 100."
            )

    reports: list[tuple[str, Path]] = []
    sarif = environ.get("ECO_LINT_SARIF", "").strip()
    pairs = [f"sarif={sarif}"] if sarif else []
    pairs += re.split(r"[\s,]+", environ.get("ECO_LINT_REPORTS", "").strip())

    for pair in filter(None, pairs):
        kind, sep, name = pair.partition("=")

        if not sep or not name:
            raise EcoLintError(f"Input 'reports': {pair} is not FORMAT=FILE.")

        if kind not in FORMATS:
            raise EcoLintError(
                f"Input 'reports': unknown format {kind!r};"
                f" use one of {', '.join(FORMATS)}."
            )

        reports.append((kind, workspace / name))

    return Inputs(
        path,
        fail_under,
        tuple(reports),
        _flag(environ, "summary"),
        _flag(environ, "annotations"),
    )


def _flag(environ: t.Mapping[str, str], name: str) -> bool:
    value = environ.get(f"ECO_LINT_{name.upper()}", "true").strip().lower()

    if value not in ("true", "false"):
        raise EcoLintError(f"Input '{name}': {value} is not true or false.")

    return value == "true"


def render(kind: str, reports: list[Report], rules: t.Mapping[str, type[Rule]]) -> str:
    """One report in one of :data:`FORMATS`."""
    from . import output

    return output.render("full" if kind == "text" else kind, reports, rules)


def _append(name: str | None, text: str) -> None:
    if name:
        with open(name, "a", encoding="utf-8") as f:
            f.write(text)


def run(environ: t.Mapping[str, str]) -> int:
    """Check once; write the reports, the text report and an annotation
    per finding to the log, the ``score`` output and the job summary; and
    return the exit code: 0 when nothing fails (or the score
    reaches ``fail-under``), 1 when a rule fails, 2 for a bad input.
    """
    from .baseline import inside
    from .baseline import load as load_baseline
    from .check import run_rules
    from .output import new_findings
    from .registry import collect_rules
    from .repo import Repo
    from .settings import load_settings

    try:
        inputs = read_inputs(environ)
        repo = Repo(inputs.path)
        rules = collect_rules()
        settings = load_settings(repo)
        accepted = load_baseline(inside(repo.root, settings.baseline))
        report = run_rules(repo, settings, rules)
        report = dataclasses.replace(report, baseline=accepted)
    except EcoLintError as e:
        print(annotation("error", e.message))
        return 2

    reports = [report]

    for kind, path in inputs.reports:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(kind, reports, rules), encoding="utf-8")
        except OSError as e:
            print(annotation("error", f"Cannot write {path}: {e.strerror}."))
            return 2

    print(render("text", reports, rules), end="")

    if inputs.annotations:
        print(render("github", reports, rules), end="")
    score = report.score()
    _append(
        environ.get("GITHUB_OUTPUT"),
        f"score={'' if score is None else f'{score:.0f}'}\n",
    )

    if inputs.summary:
        _append(environ.get("GITHUB_STEP_SUMMARY"), render("markdown", reports, rules))

    if inputs.fail_under is not None:
        return 0 if (score or 0) >= inputs.fail_under else 1

    return 1 if new_findings(reports) else 0
