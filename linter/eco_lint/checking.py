"""What ``eco-lint check`` does once the command line has read its options:
check, fix, diff or record a baseline for each path, render the report,
tell the exit code and keep the result of a plain check. Messages go
through an ``echo`` the command line gives, which alone knows the terminal.
"""

from __future__ import annotations

import dataclasses
import os
import typing as t
from pathlib import Path

from . import output
from . import recorded
from . import results
from .baseline import dump
from .baseline import inside
from .baseline import load as load_baseline
from .baseline import MAX_SIZE
from .baseline import write as write_baseline
from .check import fix_repository
from .check import Report
from .check import run_rules
from .errors import EcoLintError
from .parallel import check_paths
from .parallel import forget_reads
from .registry import collect_rules
from .registry import Rule
from .repo import Repo
from .roots import project_root
from .settings import load_settings
from .settings import Settings


class UsageError(ValueError):
    """Options that do not go together."""


class Echo(t.Protocol):
    """Writes a message to the standard output, or to stderr with ``err``."""

    def __call__(self, message: str, *, nl: bool = True, err: bool = False) -> t.Any:
        """Write one message."""


@dataclasses.dataclass(frozen=True)
class CheckOptions:
    """The options of ``eco-lint check``, once the command line has found
    them usable together.
    """

    paths: tuple[str, ...]
    #: The report format, ``text`` already read as ``full``.
    output_format: str
    #: The codes as given, and as read (split at commas, upper case).
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    selected: list[str]
    ignored: list[str]
    output_file: str | None
    fail_under: float | None
    diff: bool
    fix: bool
    unsafe_fixes: bool
    patches: bool
    show_fixes: bool
    statistics: bool
    exit_zero: bool
    exit_non_zero_on_fix: bool
    add_baseline: str | None
    baseline_file: str | None
    quiet: bool
    no_cache: bool
    #: Whether the terminal shows colours.
    color: bool

    @property
    def fixing(self) -> bool:
        return self.fix or self.unsafe_fixes

    @property
    def plain(self) -> bool:
        """Whether each path is only checked: nothing is fixed, diffed,
        patched or recorded.
        """
        return not (
            self.diff or self.fixing or self.patches or self.add_baseline is not None
        )

    @property
    def keeps_result(self) -> bool:
        """Whether the result may be kept and replayed (see results.py)."""
        return self.plain and not (
            self.no_cache or self.output_file is not None or os.name != "posix"
        )


@dataclasses.dataclass
class CheckRun:
    """One run of ``eco-lint check``: what it reported and changed."""

    options: CheckOptions
    echo: Echo
    rules: t.Mapping[str, type[Rule]]
    #: What a plain check read, to keep its result; ``None`` when it is
    #: not kept.
    inputs: recorded.Inputs | None
    invocation: results.Invocation
    #: The result's key, told before the check.
    key: str | None
    reports: list[Report] = dataclasses.field(default_factory=list)
    #: The patches of each report, for ``--patches``.
    extra: list[dict[str, t.Any]] = dataclasses.field(default_factory=list)
    #: The reports before fixing, for ``--show-fixes``.
    before: list[Report] = dataclasses.field(default_factory=list)
    #: Whether a fix was written, or a diff printed.
    changed: bool = False

    def info(self, message: str) -> None:
        """A message on stderr, unless ``--quiet``."""
        if not self.options.quiet:
            self.echo(message, err=True)

    def record_baseline(self, path: Path) -> None:
        """Record the baseline file as read, for a kept result."""
        if self.inputs is not None:
            limit = MAX_SIZE + 1
            self.inputs.read(str(path), limit, recorded.read_file(str(path), limit))

    def check_many(self, targets: t.Sequence[str]) -> None:
        """Check several paths at once, across the cores."""
        options = self.options
        roots = [str(Repo(project_root(p)).root) for p in targets]
        checked = check_paths(
            roots, options.selected, options.ignored, record=self.inputs is not None
        )

        for (report, read), root in zip(checked, roots, strict=True):
            repo = Repo(root)
            settings = load_settings(repo, options.selected, options.ignored)
            where = options.baseline_file or inside(repo.root, settings.baseline)
            self.record_baseline(Path(where))
            accepted = load_baseline(Path(where))
            self.reports.append(dataclasses.replace(report, baseline=accepted))

            if self.inputs is not None:
                self.inputs.update(read)
                self.inputs.update(repo.inputs)

            forget_reads()

    def check_one(self, path: str) -> None:
        """Check, fix, diff or record the baseline of one path."""
        options = self.options
        repo = Repo(project_root(path))
        settings = load_settings(repo, options.selected, options.ignored)
        given = options.add_baseline or options.baseline_file
        where = Path(given) if given else inside(repo.root, settings.baseline)

        if options.add_baseline is not None:
            report = run_rules(repo, settings, self.rules)
            write_baseline(where, dump(report))
            count = len(output.findings(report))
            shown = given or output.shown_path(report, settings.baseline)
            noun = "failure" if count == 1 else "failures"
            self.info(f"wrote {count} {noun} to {shown}")
            return

        self.record_baseline(where)
        accepted = load_baseline(where)

        if options.diff:
            report = run_rules(repo, settings, self.rules)
            self.changed |= print_diff(repo, report, self.echo)
            return

        if options.fixing:
            self._fix(path, repo, settings, accepted)
        else:
            report = run_rules(repo, settings, self.rules)
            self.reports.append(dataclasses.replace(report, baseline=accepted))

            if self.inputs is not None:
                self.inputs.update(repo.inputs)

        if options.patches:
            from .orgreport.patches import repo_patches

            patch_set = repo_patches(repo.root, settings, self.rules, self.reports[-1])
            self.extra.append({"patches": patch_set})

    def _fix(self, path: str, repo: Repo, settings: Settings, accepted: t.Any) -> None:
        if self.options.show_fixes:
            self.before.append(run_rules(repo, settings, self.rules))

        applicability = ("safe", "unsafe") if self.options.unsafe_fixes else ("safe",)
        run = fix_repository(str(repo.root), settings, applicability, self.rules)
        self.reports.append(dataclasses.replace(run.report, baseline=accepted))

        for title, reason in run.failed:
            self.echo(f"{path}: {output.not_applied(title, reason)}", err=True)

        if run.written:
            self.changed = True
            self.info(f"{path}: fixed {', '.join(run.written)}")

    def render(self) -> tuple[str, bool]:
        """The report's text, and whether it is coloured."""
        options = self.options

        if options.statistics:
            as_json = options.output_format == "json"
            return output.statistics(self.reports, as_json=as_json), False

        color = options.color and options.output_format in ("full", "concise")
        text = output.render(
            options.output_format,
            self.reports,
            self.rules,
            color=color,
            quiet=options.quiet,
            show_fixes=options.show_fixes,
            extra=self.extra or None,
        )
        return text, color

    def exit_code(self) -> int:
        """0 when the check passed (or ``--exit-zero``), else 1."""
        options = self.options

        if options.fail_under is not None:
            limit = options.fail_under
            passed = all((r.score() or 0) >= limit for r in self.reports)
        else:
            passed = not output.new_findings(self.reports)

        if options.exit_non_zero_on_fix and self.changed:
            passed = False

        # A file that cannot be read is a finding, whatever the score.
        passed = passed and not any(r.errors for r in self.reports)
        return 0 if options.exit_zero or passed else 1

    def keep(self, printed: str, code: int) -> None:
        """Keep the result of a plain check, unless what it is keyed by
        (eco-lint's files, the day) changed while it ran.
        """
        if (
            self.inputs is not None
            and self.key is not None
            and _result_key(self.invocation) == self.key
        ):
            results.store(self.key, self.inputs, printed, code)


def run_check(options: CheckOptions, echo: Echo) -> CheckRun:
    """Check, fix, diff or record every path of ``eco-lint check``."""
    targets = options.paths or (".",)
    # What a plain check read, to keep its result (see results.py).
    inputs = recorded.Inputs() if options.keeps_result else None
    invocation = results.Invocation(
        options.paths,
        options.output_format,
        options.select,
        options.ignore,
        options.fail_under,
        options.show_fixes,
        options.statistics,
        options.exit_zero,
        options.quiet,
        options.baseline_file,
        options.color,
    )
    # Told before the check, and again after it: a result is kept only
    # when nothing it is keyed by changed.
    key = _result_key(invocation) if inputs is not None else None
    run = CheckRun(options, echo, collect_rules(), inputs, invocation, key)

    if inputs is not None:
        for path in targets:
            for probed in recorded.root_probes(path):
                inputs.probed(probed)

    if len(targets) > 1 and options.plain:
        run.check_many(targets)
        return run

    for path in targets:
        run.check_one(path)

    return run


def _result_key(invocation: results.Invocation) -> str | None:
    try:
        return invocation.key()
    except OSError:
        return None


def write_report(name: str, text: str) -> None:
    """Write a report file, creating its folder."""
    path = Path(name)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise EcoLintError(f"Cannot write {name}: {e.strerror or e}.") from None


def print_diff(repo: Repo, report: Report, echo: Echo) -> bool:
    """Print the diff of every proposed fix; return whether there is one."""
    from .fix import plan

    fixes = report.fixes(("safe", "unsafe", "display"))

    for fix in fixes:
        echo(f"# {fix.applicability}: {fix.title}", err=True)

    changes, failed = plan(repo, fixes)

    for fix, reason in failed:
        echo(f"# {output.not_applied(fix.title, reason)}", err=True)

    for change in changes:
        echo(change.diff(), nl=False)

    return bool(changes)


def usage(
    paths: t.Sequence[str],
    formats: tuple[str | None, str | None],
    diff: bool,
    fixing: bool,
    patches: bool,
    add_baseline: str | None,
) -> str:
    """Stop on options that do not go together; return the report format.

    :param formats: ``--output-format``, and its former name ``--format``.
    :raise UsageError: For options that do not go together.
    """
    output_format, format_ = formats
    if diff and fixing:
        raise UsageError("--diff writes nothing; leave out --fix.")

    if output_format and format_ and output_format != format_:
        raise UsageError("--format is the former name of --output-format.")

    if add_baseline is not None:
        _check_add_baseline(add_baseline, paths, diff or fixing)

    chosen = output_format or format_ or "full"
    chosen = "full" if chosen == "text" else chosen

    if patches and chosen != "json":
        raise UsageError("--patches goes with --output-format json.")

    return chosen


def _check_add_baseline(value: str, paths: t.Sequence[str], changes: bool) -> None:
    if changes:
        raise UsageError("--add-baseline records failures; leave out the fixes.")

    if value and os.path.isdir(value):
        raise UsageError(
            f"--add-baseline takes a file, and {value} is a folder: give the"
            " paths before the option, or the file as --add-baseline=FILE."
        )

    if value and len(paths) > 1:
        raise UsageError("--add-baseline FILE checks one path only.")
