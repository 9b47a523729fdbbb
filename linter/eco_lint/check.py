"""Run the rules on a repository, and score the results."""

from __future__ import annotations

import dataclasses
import typing as t

from .fix import Fix
from .fix import merged
from .generation import detect_generation
from .registry import collect_rules
from .registry import Fail
from .registry import failures
from .registry import FAMILIES
from .registry import Outcome
from .registry import Rule
from .registry import Skip
from .repo import Repo
from .settings import Settings
from .standard import Standard
from .standard import standard_for

_R = t.TypeVar("_R")
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
    #: The fix a failing rule proposes, if any.
    fix: Fix | None = None
    column: int | None = None
    #: Every place a failing rule found, each with its own message; the
    #: first is also ``message``, ``path``, ``line`` and ``column``.
    locations: tuple[Fail, ...] = ()


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
    #: Fingerprints of the failures the project's baseline accepts.
    baseline: frozenset[str] = frozenset()

    @property
    def failures(self) -> list[Result]:
        return [r for r in self.results if r.status == "fail"]

    def fixes(self, applicability: t.Collection[str]) -> list[Fix]:
        """The fixes of failing rules with one of these applicabilities."""
        return [
            r.fix
            for r in self.failures
            if r.fix is not None and r.fix.applicability in applicability
        ]

    def score(self, family: str | None = None) -> float | None:
        """100 times the weight of the passing rules over the weight of
        the rules that apply, for one family or for all. ``None`` when no
        rule applies.

        A rule skipped because a file it reads is missing, or because a
        rule it needs did not pass, counts as failing: removing a file
        never raises the score. A rule counts once however many places
        it names.
        """
        counted = [
            r
            for r in self.results
            if r.status in ("pass", "fail", "skip")
            and (family is None or r.family == family)
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
    run = _Run(repo, standard_for(repo), settings, rules)
    results = [run.evaluate(code) for code in rules if settings.selected(code)]
    generation, evidence = detect_generation(repo)
    return Report(
        root=str(repo.root),
        results=tuple(results),
        generation=generation,
        evidence=tuple(evidence),
        errors=dict(repo.errors),
        waivers=dict(settings.ignore),
    )


@dataclasses.dataclass
class _Run:
    """One check of a repository: each rule's result, worked out once,
    after those of the rules it requires.
    """

    repo: Repo
    std: Standard
    settings: Settings
    rules: t.Mapping[str, type[Rule]]
    done: dict[str, Result] = dataclasses.field(default_factory=dict)

    def evaluate(self, code: str) -> Result:
        """The result of one rule."""
        if code in self.done:
            return self.done[code]

        rule = self.rules[code]
        base: dict[str, t.Any] = {
            "code": code,
            "family": rule.family.prefix,
            "title": rule.title(),
            "weight": rule.weight,
        }
        waiver = self.settings.waiver(code)

        if waiver is not None:
            result = Result(**base, status="ignored", message=waiver)
        elif isinstance(applies := _applies(self.repo, self.std, rule), str):
            result = Result(**base, status="skip", message=applies)
        elif not applies:
            result = Result(**base, status="n/a")
        else:
            result = self._after_required(rule, base)

        self.done[code] = result
        return result

    def _after_required(self, rule: type[Rule], base: dict[str, t.Any]) -> Result:
        """A rule's result once those it requires are known."""
        required = [self.evaluate(r) for r in sorted(rule.requires) if r in self.rules]
        unmet = [r.code for r in required if r.status != "pass"]

        # A rule resting on one the project waives is waived with it.
        if any(r.status in ("n/a", "ignored") for r in required):
            return Result(**base, status="n/a")

        if unmet:
            return Result(**base, status="skip", message=f"requires {', '.join(unmet)}")

        return _checked(self.repo, self.std, rule, base, self.status_of)

    def status_of(self, code: str) -> str | None:
        """The status of a rule, or ``None`` for one that is not run."""
        return self.evaluate(code).status if code in self.rules else None


_ERRORS = (Exception, RecursionError, MemoryError)


def _crashed(files: t.Iterable[str], error: BaseException) -> str:
    """The message for a rule that raised where it should have reported,
    naming the files it was reading.
    """
    where = ", ".join(sorted(files)) or "the repository"
    return f"could not check {where}: {type(error).__name__}: {error}"[:300]


def _reading_standard(
    repo: Repo, std: Standard, call: t.Callable[[Repo, Standard], _R]
) -> _R:
    """``call(repo, std)``; when it compares with the render, it counts as
    reading the files the render's answers were inferred from, so that it
    is told apart when one of them could not be read.
    """
    uses = std.uses

    try:
        return call(repo, std)
    finally:
        if std.uses != uses:
            standard_for(repo)


def _applies(repo: Repo, std: Standard, rule: type[Rule]) -> bool | str:
    """Whether a rule applies, or why it could not tell."""
    with repo.reading() as files:
        try:
            return _reading_standard(repo, std, rule.applies)
        except _ERRORS as e:
            crash = e

    for name, reason in repo.unreadable(files).items():
        return f"{name} {reason}"

    return _crashed(files, crash)


def _checked(
    repo: Repo,
    std: Standard,
    rule: type[Rule],
    base: dict[str, t.Any],
    status_of: t.Callable[[str], str | None],
) -> Result:
    """Check one rule. A rule that read a file that could not be read or
    parsed, or that does not have the types its tools need, is skipped
    with that reason unless it is the one reporting it; it gets no fix, so
    that no fix is made from values inferred without that file. A rule
    skipped because of what a waived rule reports does not apply.
    """
    with repo.reading() as files:
        try:
            outcome: Outcome = _reading_standard(repo, std, rule.check)

            # Failures may be yielded: gather them while the files are read.
            if not isinstance(outcome, (Fail, Skip, type(None))):
                outcome = failures(outcome)
        except _ERRORS as e:
            outcome = Skip(_crashed(files, e))

    if isinstance(outcome, Skip) and outcome.because is not None:
        if status_of(outcome.because) in ("n/a", "ignored"):
            return Result(**base, status="n/a")

    broken = repo.unreadable(files)

    if broken:
        found = [] if isinstance(outcome, Skip) else failures(outcome)
        reports = any(
            f.path in broken and broken[f.path] in f.message for f in found
        ) or bool(found and set(broken) <= rule.validates & repo.invalid)

        if not reports:
            name, reason = next(iter(broken.items()))
            return Result(**base, status="skip", message=f"{name} {reason}")

    result = _outcome(base, outcome)

    if result.status != "fail":
        return result

    if not any(f.fix is not None for f in result.locations):
        return result

    return _carried(repo, std, result, files)


def _carried(repo: Repo, std: Standard, result: Result, read: set[str]) -> Result:
    """A failure with the fixes its places carry, those given as functions
    worked out now: what they read counts for the fix, not the check.
    """

    def work_out(repo: Repo, std: Standard) -> list[Fix]:
        found = [f.fix() if callable(f.fix) else f.fix for f in result.locations]
        return [fix for fix in found if fix is not None]

    with repo.reading() as files:
        try:
            fixes = _reading_standard(repo, std, work_out)
        except _ERRORS as e:
            message = f"{result.message} (no fix: {_crashed(files, e)})"
            return dataclasses.replace(result, message=message)

    return _kept(repo, result, merged(fixes) if fixes else None, read | files)


def _kept(repo: Repo, result: Result, fix: Fix | None, read: set[str]) -> Result:
    """A failure with its fix, unless the fix was worked out from a file
    that could not be read: only a fix that repairs the file it reports
    may read a broken file.
    """
    if repo.unreadable(read) and (
        fix is None or not repo.repairs([e.path for e in fix.edits], read)
    ):
        return result

    return _with_fix(result, fix)


def _with_fix(result: Result, fix: Fix | None) -> Result:
    """A failure with its fix; one on the whole repository is placed on
    the file the fix writes first.
    """
    path = result.path

    if path is None and fix is not None and fix.edits:
        path = fix.edits[0].path

    locations = tuple(
        dataclasses.replace(place, path=path) if place.path is None else place
        for place in result.locations
    )
    return dataclasses.replace(result, fix=fix, path=path, locations=locations)


def _outcome(base: dict[str, t.Any], outcome: Outcome) -> Result:
    if isinstance(outcome, Skip):
        return Result(**base, status="skip", message=outcome.reason)

    found = failures(outcome)

    if not found:
        return Result(**base, status="pass")

    first = found[0]
    return Result(
        **base,
        status="fail",
        message=first.message,
        path=first.path,
        line=first.line,
        column=first.column,
        locations=found,
    )


@dataclasses.dataclass(frozen=True)
class FixRun:
    """What ``--fix`` did to one repository."""

    #: Files written or deleted, relative to the root.
    written: tuple[str, ...]
    #: Fixes that did not apply, with the reason.
    failed: tuple[tuple[str, str], ...]
    #: The report after fixing.
    report: Report


def fix_repository(
    root: str,
    settings: Settings | None = None,
    applicability: t.Collection[str] = ("safe",),
    rules: t.Mapping[str, type[Rule]] | None = None,
    passes: int = 5,
) -> FixRun:
    """Apply the fixes of failing rules until nothing changes: a fix can
    let a skipped rule run and propose its own.

    :param root: The repository's folder.
    :param settings: Which rules run.
    :param applicability: Which fixes to apply: ``safe``, and ``unsafe``.
    :param rules: The registry to use, by default every rule.
    :param passes: The most rounds of fixes to apply.
    """
    from .facts import read_facts
    from .fix import plan
    from .transaction import Transaction
    from .transaction import write

    written: list[str] = []
    failed: list[tuple[str, str]] = []
    # What the project owns is read once, before any fix: a later round
    # may undo what an earlier one added, never what the project had.
    facts = None

    # One transaction for every pass: an interrupted run leaves the old tree.
    with Transaction(root):
        for _ in range(passes):
            repo = Repo(root)
            report = run_rules(repo, settings, rules)
            facts = facts or _facts(repo, read_facts)
            changes, not_applied = plan(repo, report.fixes(applicability), facts)
            failed = [(fix.title, reason) for fix, reason in not_applied]

            if not changes:
                break

            written.extend(write(repo, changes))
        else:
            report = run_rules(Repo(root), settings, rules)

    return FixRun(tuple(dict.fromkeys(written)), tuple(failed), report)


def _facts(repo: Repo, read: t.Callable[[Repo], t.Any]) -> t.Any:
    """What the project owns, read before any fix; a project whose files
    cannot tell it is left as it is.
    """
    from .errors import EcoLintError

    try:
        return read(repo)
    except _ERRORS as e:
        raise EcoLintError(
            f"Refusing to fix {repo.root}: what it owns cannot be read"
            f" ({type(e).__name__}: {e})."[:300]
        ) from None
