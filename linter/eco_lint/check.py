"""Run the rules on a repository, and score the results."""

from __future__ import annotations

import dataclasses
import typing as t

from .generation import detect_generation
from .registry import collect_rules
from .registry import Fail
from .registry import FAMILIES
from .registry import Rule
from .registry import Skip
from .repo import Repo
from .settings import Settings

Status = t.Literal["pass", "fail", "skip", "n/a", "ignored"]


@dataclasses.dataclass(frozen=True)
class Result:
    """What one rule found in one repository."""

    code: str
    family: str
    title: str
    weight: int
    status: Status
    #: The failure message, or why the rule was skipped or ignored.
    message: str = ""
    path: str | None = None
    line: int | None = None


@dataclasses.dataclass(frozen=True)
class Report:
    """Everything a run found in one repository. Every output format is
    made from this alone.
    """

    root: str
    results: tuple[Result, ...]
    generation: str
    evidence: tuple[str, ...]
    #: Files that exist but could not be read or parsed.
    errors: dict[str, str]
    #: Ignored codes and prefixes, with their reasons.
    waivers: dict[str, str]

    @property
    def failures(self) -> list[Result]:
        return [r for r in self.results if r.status == "fail"]

    def score(self, family: str | None = None) -> float | None:
        """100 times the weight of the passing rules over the weight of
        the rules that were checked (passed or failed), for one family or
        for all. ``None`` when no rule was checked.
        """
        counted = [
            r
            for r in self.results
            if r.status in ("pass", "fail") and (family is None or r.family == family)
        ]
        total = sum(r.weight for r in counted)

        if not total:
            return None

        passed = sum(r.weight for r in counted if r.status == "pass")
        return 100 * passed / total

    def family_scores(self) -> dict[str, float | None]:
        """The score of every family that has results, in family order."""
        present = {r.family for r in self.results}
        return {f.prefix: self.score(f.prefix) for f in FAMILIES if f.prefix in present}


def run_rules(
    repo: Repo,
    settings: Settings | None = None,
    rules: t.Mapping[str, type[Rule]] | None = None,
) -> Report:
    """Check a repository with every selected rule.

    :param repo: The repository.
    :param settings: Which rules to run and which are waived.
    :param rules: The registry to use, by default every rule.
    """
    settings = settings or Settings()
    rules = rules if rules is not None else collect_rules()
    done: dict[str, Result] = {}

    def evaluate(code: str) -> Result:
        if code in done:
            return done[code]

        rule = rules[code]
        base: dict[str, t.Any] = {
            "code": code,
            "family": rule.family.prefix,
            "title": rule.title(),
            "weight": rule.weight,
        }
        waiver = settings.waiver(code)

        if waiver is not None:
            result = Result(**base, status="ignored", message=waiver)
        elif not rule.applies(repo):
            result = Result(**base, status="n/a")
        else:
            required = [evaluate(r) for r in sorted(rule.requires) if r in rules]
            unmet = [r.code for r in required if r.status != "pass"]

            if any(r.status == "n/a" for r in required):
                result = Result(**base, status="n/a")
            elif unmet:
                message = f"requires {', '.join(unmet)}"
                result = Result(**base, status="skip", message=message)
            else:
                result = _outcome(base, rule.check(repo))

        done[code] = result
        return result

    results = [evaluate(code) for code in rules if settings.selected(code)]
    generation, evidence = detect_generation(repo)
    return Report(
        root=str(repo.root),
        results=tuple(results),
        generation=generation,
        evidence=tuple(evidence),
        errors=dict(repo.errors),
        waivers=dict(settings.ignore),
    )


def _outcome(base: dict[str, t.Any], outcome: Fail | Skip | None) -> Result:
    if outcome is None:
        return Result(**base, status="pass")

    if isinstance(outcome, Skip):
        return Result(**base, status="skip", message=outcome.reason)

    return Result(
        **base,
        status="fail",
        message=outcome.message,
        path=outcome.path,
        line=outcome.line,
    )
