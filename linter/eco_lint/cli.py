"""The ``eco-lint`` command line. Exit codes live here only: 0 when nothing
fails, 1 when a rule fails, 2 for unusable input or usage.
"""

from __future__ import annotations

import os
import sys
import typing as t

import click

from . import results
from .errors import EcoLintError
from .registry import collect_rules
from .registry import matches

if t.TYPE_CHECKING:
    from .checking import CheckRun

#: The report formats of ``check``, as ruff names them.
OUTPUT_FORMATS = results.OUTPUT_FORMATS


def _known(codes: t.Iterable[str], option: str) -> None:
    rules = collect_rules()

    for code in codes:
        if code != "ALL" and not any(matches(c, [code]) for c in rules):
            raise click.BadParameter(
                f"no rule code starts with {code!r}.", param_hint=option
            )


#: The exit code of each error the core raises, the most specific first.
EXIT_CODES: tuple[tuple[type[EcoLintError], int], ...] = ((EcoLintError, 2),)


class _Group(click.Group):
    """Ends a command the core stopped with a one-line message on stderr
    and the exit code :data:`EXIT_CODES` gives its error.
    """

    def invoke(self, ctx: click.Context) -> t.Any:
        try:
            return super().invoke(ctx)
        except EcoLintError as e:
            click.echo(f"Error: {e.message}", err=True)
            ctx.exit(next(c for k, c in EXIT_CODES if isinstance(e, k)))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eco-lint")
def main() -> None:
    """Check a repository against the Pallets project standard."""


def _color(isatty: bool) -> bool:
    """Colour on a terminal; ``FORCE_COLOR`` forces it and ``NO_COLOR``
    turns it off, when set to anything but the empty string.
    """
    return results.color(isatty, os.environ)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(file_okay=False, path_type=str))
@click.option(
    "--output-format",
    type=click.Choice(OUTPUT_FORMATS),
    default=None,
    envvar="ECO_LINT_OUTPUT_FORMAT",
    help="Report format; full by default.",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice((*OUTPUT_FORMATS, "text")),
    default=None,
    hidden=True,
    help="The former name of --output-format; text is full.",
)
@click.option(
    "-o",
    "--output-file",
    type=click.Path(dir_okay=False, writable=True, path_type=str),
    default=None,
    envvar="ECO_LINT_OUTPUT_FILE",
    help="Write the report to this file instead of the standard output.",
)
@click.option("--select", multiple=True, help="Check only these codes or prefixes.")
@click.option("--ignore", multiple=True, help="Leave out these codes or prefixes.")
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    default=None,
    help="Exit 0 when every score reaches this, even with failures.",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print every proposed fix as a unified diff; write nothing.",
)
@click.option("--fix", is_flag=True, help="Apply the safe fixes.")
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="Apply the unsafe fixes too (implies --fix).",
)
@click.option(
    "--patches",
    is_flag=True,
    help="With --output-format json, add the safe and unsafe patches and their scores.",
)
@click.option(
    "--show-fixes",
    is_flag=True,
    help="With --fix, list what was fixed; without, show each finding's fix.",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print how many failures each rule has instead of the report.",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when rules fail (2 still means unusable input).",
)
@click.option(
    "--exit-non-zero-on-fix",
    is_flag=True,
    help="Exit 1 when --fix changed a file, even if nothing fails after.",
)
@click.option(
    "--add-baseline",
    "add_baseline",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[FILE]",
    help="Write the current failures to the baseline (FILE, or the configured"
    " one, .eco-lint-baseline.json by default), so that later runs fail only on"
    " new ones.",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(exists=True, dir_okay=False, path_type=str),
    default=None,
    help="Read the baseline from this file instead of the configured one.",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print the failures and nothing else.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Check afresh: neither reuse nor keep the result of an unchanged check.",
)
def check(
    paths: tuple[str, ...],
    output_format: str | None,
    format_: str | None,
    output_file: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_under: float | None,
    diff: bool,
    fix: bool,
    unsafe_fixes: bool,
    patches: bool,
    show_fixes: bool,
    statistics: bool,
    exit_zero: bool,
    exit_non_zero_on_fix: bool,
    add_baseline: str | None,
    baseline_file: str | None,
    quiet: bool,
    no_cache: bool,
) -> None:
    """Check each repository in PATHS (the current directory by default).

    Exits 0 when no rule fails (or every score reaches --fail-under), 1 when
    one does, and 2 for unusable input.
    """
    # Long: the signature and the options hold one line for each option.
    from . import checking
    from .settings import split_codes

    try:
        chosen = checking.usage(
            paths,
            (output_format, format_),
            diff,
            fix or unsafe_fixes,
            patches,
            add_baseline,
        )
    except checking.UsageError as e:
        raise click.UsageError(str(e)) from None

    selected, ignored = split_codes(select), split_codes(ignore)
    _known(selected, "--select")
    _known(ignored, "--ignore")
    options = checking.CheckOptions(
        paths,
        chosen,
        select,
        ignore,
        selected,
        ignored,
        output_file,
        fail_under,
        diff,
        fix,
        unsafe_fixes,
        patches,
        show_fixes,
        statistics,
        exit_zero,
        exit_non_zero_on_fix,
        add_baseline,
        baseline_file,
        quiet,
        no_cache,
        _color(output_file is None and sys.stdout.isatty()),
    )
    run = checking.run_check(options, click.echo)

    if add_baseline is not None:
        return

    if diff:
        click.get_current_context().exit(0 if exit_zero or not run.changed else 1)

    printed = _print_report(run, output_file)

    if show_fixes and (fix or unsafe_fixes):
        from .output import fixed_summary

        run.info(fixed_summary(run.before, run.reports).rstrip("\n"))

    code = run.exit_code()
    run.keep(printed, code)
    click.get_current_context().exit(code)


def _print_report(run: CheckRun, output_file: str | None) -> str:
    """Print or write a check's report; return what reached the standard
    output, as click.echo writes it.
    """
    from .checking import write_report

    text, colored = run.render()

    if colored and output_file is None:
        click.echo(text, nl=False, color=True)
        return text

    if output_file is not None:
        write_report(output_file, text)
    elif text:
        click.echo(text, nl=False, color=False)
        return click.unstyle(text)

    return ""


@main.command()
@click.option(
    "--format",
    "format_",
    type=click.Choice(("text", "json", "markdown", "docs")),
    default="text",
    show_default=True,
    help="Output format: markdown is the README table, docs the full page.",
)
def rules(format_: str) -> None:
    """List every rule."""
    from .explain import rules_listing

    click.echo(rules_listing(collect_rules(), format_), nl=False)


@main.command()
@click.argument("code")
@click.option(
    "--format",
    "format_",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help="Output format.",
)
def explain(code: str, format_: str) -> None:
    """Show the docs of the rule CODE."""
    from .explain import explanation

    rule = collect_rules().get(code.upper())

    if rule is None:
        raise EcoLintError(f"Unknown rule code {code!r}; 'eco-lint rules' lists them.")

    click.echo(explanation(rule, format_), nl=False)


def _parse_data(values: t.Sequence[str], update: bool = False) -> dict[str, t.Any]:
    """``--data NAME=VALUE`` pairs (see :func:`eco_lint.data.parse_data`)."""
    from .data import BadData
    from .data import parse_data

    try:
        return parse_data(values, update)
    except BadData as e:
        raise click.BadParameter(str(e), param_hint="--data") from None


@main.command()
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=str))
@click.option(
    "--data", "data", multiple=True, metavar="NAME=VALUE", help="Give an answer."
)
@click.option(
    "--defaults",
    is_flag=True,
    help="Ask nothing: stop if an answer cannot be inferred and has no default.",
)
@click.option(
    "--src-path",
    default=None,
    help="Template source to record, for forks and tests (default: the public one).",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print the whole change as a unified diff; write nothing.",
)
def adopt(
    path: str, data: tuple[str, ...], defaults: bool, src_path: str | None, diff: bool
) -> None:
    """Adopt the repository at PATH into the template.

    Infers the template's answers, writes .copier-answers.yml at the
    template version eco-lint carries, and brings the template's files to
    that version's render, so that `copier update` works on it.
    """
    from . import adopt as adoption
    from .output import not_applied
    from .repo import Repo
    from .roots import project_root

    path = project_root(path)
    answers = adoption.gather_answers(Repo(path), _parse_data(data))

    if defaults and answers.missing:
        raise EcoLintError(answers.message())

    for name in answers.missing:
        click.echo(f"{name}: {answers.reasons.pop(name)}", err=True)
        answers.values[name] = click.prompt(name)
        answers.sources[name] = "given"

    adoption.check_answers(answers)
    recorded = adoption.recorded_version(src_path)

    for name, value in answers.values.items():
        click.echo(f"{name} = {value!r}  ({answers.sources[name]})")

    if diff:
        changes, result = adoption.adopt_diff(path, answers, src_path, recorded)

        for title, reason in result.failed:
            click.echo(f"# could not apply '{title}': {reason}", err=True)

        for change in changes:
            click.echo(adoption.full_diff(change), nl=False)

        click.get_current_context().exit(1 if changes else 0)

    result = adoption.adopt(path, answers, src_path, recorded)

    for title, reason in result.failed:
        click.echo(not_applied(title, reason), err=True)

    click.echo(
        f"changed: {', '.join(result.written)}"
        if result.written
        else "nothing to change"
    )

    for step in adoption.next_steps(answers):
        click.echo(step)


@main.command()
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=str))
@click.option(
    "--vcs-ref", default=None, help="Template version to update to (default: newest)."
)
@click.option(
    "--data",
    "data",
    multiple=True,
    metavar="NAME=VALUE",
    help="Answer a question, as Copier's --data does.",
)
@click.option(
    "--defaults",
    is_flag=True,
    help="Ask nothing: new questions take their defaults, named after the update.",
)
@click.option("--pretend", is_flag=True, help="Show what would change; write nothing.")
def update(
    path: str,
    vcs_ref: str | None,
    data: tuple[str, ...],
    defaults: bool,
    pretend: bool,
) -> None:
    """Update the project at PATH to a newer template version.

    Runs `copier update` on a clean checkout, showing what it does and
    asking the questions the new version adds. Unlike Copier, exits 1 and
    lists the files when conflicts remain.
    """
    from .roots import project_root
    from .update import update as run_update

    answers = _parse_data(data, update=True)
    result = run_update(project_root(path), vcs_ref, answers, defaults, pretend)
    click.echo(result.summary(pretend), nl=False)

    if result.conflicts and not pretend:
        click.get_current_context().exit(1)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=str),
    help="Folder to write the report into.",
)
@click.option(
    "--from-json",
    is_flag=True,
    help="INPUTS are files of `eco-lint check --output-format json --patches`.",
)
@click.option("--select", multiple=True, help="Check only these codes or prefixes.")
@click.option("--ignore", multiple=True, help="Leave out these codes or prefixes.")
@click.option(
    "-j", "--jobs", type=click.IntRange(1), default=None, help="Processes (one a core)."
)
def report(
    inputs: tuple[str, ...],
    out: str,
    from_json: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    jobs: int | None,
) -> None:
    """Report on many repositories: an HTML dashboard, report.json, a
    Markdown summary and a patch per repository, written into OUTPUT.

    INPUTS are repositories, or with --from-json the JSON of checks made
    elsewhere. An input that gives no report is named on stderr and in the
    report, and the exit code is 2; the rest is still reported.
    """
    from .orgreport.report import make_report
    from .settings import split_codes

    selected, ignored = split_codes(select), split_codes(ignore)
    _known(selected, "--select")
    _known(ignored, "--ignore")
    made = make_report(inputs, out, from_json, selected, ignored, jobs)

    for problem in made.problems:
        click.echo(problem, err=True)

    click.echo(f"{made.count} repositories reported in {made.dashboard}", err=True)
    click.get_current_context().exit(2 if made.problems else 0)


@main.command("github-action", hidden=True)
def github_action() -> None:
    """The GitHub Action's step: inputs come from ECO_LINT_* variables."""
    import os

    from .action import run

    click.get_current_context().exit(run(os.environ))
