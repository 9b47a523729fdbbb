"""The ``eco-lint`` command line. Exit codes live here only: 0 when nothing
fails, 1 when a rule fails, 2 for unusable input or usage.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import typing as t
from pathlib import Path

import click

from . import results
from .errors import EcoLintError
from .registry import collect_rules
from .registry import matches

#: The report formats of ``check``, as ruff names them.
OUTPUT_FORMATS = results.OUTPUT_FORMATS


def project_root(path: str) -> str:
    """The project's root for a path, found as ruff finds it: the nearest
    folder, from the path upwards, with a ``pyproject.toml`` or ``.git``;
    the path itself when there is none.
    """
    import os

    from .repo import require_project

    start = os.path.abspath(path)
    folder = start
    # A .git folder or a bare repository is never a project, nor is a
    # folder below one taken for the work tree above it.
    require_project(path, inside_only=True)

    while True:
        if any(
            os.path.exists(os.path.join(folder, marker))
            for marker in ("pyproject.toml", ".git")
        ):
            found = folder if folder != start else path
            break

        parent = os.path.dirname(folder)

        if parent == folder:
            found = path
            break

        folder = parent

    require_project(found)
    return found


def _split(values: t.Sequence[str]) -> list[str]:
    """Codes from options given as ``A,B`` or repeated."""
    return [
        code.strip().upper()
        for value in values
        for code in value.split(",")
        if code.strip()
    ]


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
    from . import output
    from .baseline import dump
    from .baseline import inside
    from .baseline import load as load_baseline
    from .baseline import write as write_baseline
    from .check import check_paths
    from .check import fix_repository
    from .check import forget_reads
    from .check import run_rules
    from .repo import Repo
    from .settings import load_settings

    if diff and (fix or unsafe_fixes):
        raise click.UsageError("--diff writes nothing; leave out --fix.")

    if output_format and format_ and output_format != format_:
        raise click.UsageError("--format is the former name of --output-format.")

    if add_baseline is not None:
        _check_add_baseline(add_baseline, paths, diff or fix or unsafe_fixes)

    chosen = output_format or format_ or "full"
    chosen = "full" if chosen == "text" else chosen

    if patches and chosen != "json":
        raise click.UsageError("--patches goes with --output-format json.")

    selected, ignored = _split(select), _split(ignore)
    _known(selected, "--select")
    _known(ignored, "--ignore")
    rules = collect_rules()
    reports = []
    extra = []
    before = []
    changed = False

    def info(message: str) -> None:
        if not quiet:
            click.echo(message, err=True)

    targets = paths or (".",)
    # What a plain check read, to keep its result (see results.py).
    inputs = (
        results.Inputs()
        if not (
            no_cache
            or diff
            or fix
            or unsafe_fixes
            or patches
            or add_baseline is not None
            or output_file is not None
            or os.name != "posix"
        )
        else None
    )

    def record_baseline(path: Path) -> None:
        if inputs is not None:
            from .baseline import MAX_SIZE

            limit = MAX_SIZE + 1
            inputs.read(str(path), limit, results.read_file(str(path), limit))

    invocation = results.Invocation(
        paths,
        chosen,
        select,
        ignore,
        fail_under,
        show_fixes,
        statistics,
        exit_zero,
        quiet,
        baseline_file,
        _color(output_file is None and sys.stdout.isatty()),
    )
    # Told before the check, and again after it: a result is kept only
    # when nothing it is keyed by (eco-lint's files, the day) changed.
    key = _result_key(invocation) if inputs is not None else None

    if inputs is not None:
        for path in targets:
            for probed in results.root_probes(path):
                inputs.probed(probed)

    if len(targets) > 1 and not (
        diff or fix or unsafe_fixes or patches or add_baseline is not None
    ):
        roots = [str(Repo(project_root(p)).root) for p in targets]
        checked = check_paths(roots, selected, ignored, record=inputs is not None)

        for (report, read), root in zip(checked, roots, strict=True):
            repo = Repo(root)
            settings = load_settings(repo, selected, ignored)
            where = baseline_file or inside(repo.root, settings.baseline)
            record_baseline(Path(where))
            accepted = load_baseline(Path(where))
            reports.append(dataclasses.replace(report, baseline=accepted))

            if inputs is not None:
                inputs.update(read)
                inputs.update(repo.inputs)

            forget_reads()

        targets = ()

    for path in targets:
        repo = Repo(project_root(path))
        settings = load_settings(repo, selected, ignored)
        given = add_baseline or baseline_file
        where = Path(given) if given else inside(repo.root, settings.baseline)

        if add_baseline is not None:
            report = run_rules(repo, settings, rules)
            write_baseline(where, dump(report))
            count = len(output.findings(report))
            shown = given or output.shown_path(report, settings.baseline)
            noun = "failure" if count == 1 else "failures"
            info(f"wrote {count} {noun} to {shown}")
            continue

        record_baseline(where)
        accepted = load_baseline(where)

        if diff:
            changed |= _print_diff(repo, run_rules(repo, settings, rules))
            continue

        if fix or unsafe_fixes:
            if show_fixes:
                before.append(run_rules(repo, settings, rules))

            applicability = ("safe", "unsafe") if unsafe_fixes else ("safe",)
            run = fix_repository(str(repo.root), settings, applicability, rules)
            reports.append(dataclasses.replace(run.report, baseline=accepted))

            for title, reason in run.failed:
                click.echo(f"{path}: {_not_applied(title, reason)}", err=True)

            if run.written:
                changed = True
                info(f"{path}: fixed {', '.join(run.written)}")
        else:
            report = run_rules(repo, settings, rules)
            reports.append(dataclasses.replace(report, baseline=accepted))

            if inputs is not None:
                inputs.update(repo.inputs)

        if patches:
            from .orgreport.patches import repo_patches

            patch_set = repo_patches(repo.root, settings, rules, reports[-1])
            extra.append({"patches": patch_set})

    if add_baseline is not None:
        return

    if diff:
        click.get_current_context().exit(0 if exit_zero or not changed else 1)

    isatty = output_file is None and sys.stdout.isatty()
    # What reaches the standard output, as click.echo writes it.
    printed = ""

    if statistics:
        text = output.statistics(reports, as_json=chosen == "json")
    else:
        color = _color(isatty) and chosen in ("full", "concise")
        text = output.render(
            chosen,
            reports,
            rules,
            color=color,
            quiet=quiet,
            show_fixes=show_fixes,
            extra=extra or None,
        )

        if color and output_file is None:
            click.echo(text, nl=False, color=True)
            printed = text
            text = ""

    if output_file is not None:
        _write_report(output_file, text)
    elif text:
        click.echo(text, nl=False, color=False)
        printed = click.unstyle(text)

    if show_fixes and (fix or unsafe_fixes):
        info(output.fixed_summary(before, reports).rstrip("\n"))

    if fail_under is not None:
        passed = all((r.score() or 0) >= fail_under for r in reports)
    else:
        passed = not output.new_findings(reports)

    if exit_non_zero_on_fix and changed:
        passed = False

    # A file that cannot be read is a finding, whatever the score.
    passed = passed and not any(r.errors for r in reports)
    code = 0 if exit_zero or passed else 1

    if inputs is not None and key is not None and _result_key(invocation) == key:
        results.store(key, inputs, printed, code)

    click.get_current_context().exit(code)


def _result_key(invocation: results.Invocation) -> str | None:
    try:
        return invocation.key()
    except OSError:
        return None


def _check_add_baseline(value: str, paths: t.Sequence[str], changes: bool) -> None:
    if changes:
        raise click.UsageError("--add-baseline records failures; leave out the fixes.")

    if value and os.path.isdir(value):
        raise click.UsageError(
            f"--add-baseline takes a file, and {value} is a folder: give the"
            " paths before the option, or the file as --add-baseline=FILE."
        )

    if value and len(paths) > 1:
        raise click.UsageError("--add-baseline FILE checks one path only.")


def _write_report(name: str, text: str) -> None:
    """Write a report file, creating its folder."""
    path = Path(name)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise EcoLintError(f"Cannot write {name}: {e.strerror or e}.") from None


def _not_applied(title: str, reason: str) -> str:
    """Why a fix was left out: refused (it would lose something the
    project owns, and says what to do by hand) or not applicable.
    """
    from .fix import Refusal

    if isinstance(reason, Refusal):
        return f"refused '{title}': {reason}"

    return f"could not apply '{title}': {reason}"


def _print_diff(repo: t.Any, report: t.Any) -> bool:
    """Print the diff of every proposed fix; return whether there is one."""
    from .fix import plan

    fixes = report.fixes(("safe", "unsafe", "display"))

    for fix in fixes:
        click.echo(f"# {fix.applicability}: {fix.title}", err=True)

    changes, failed = plan(repo, fixes)

    for fix, reason in failed:
        click.echo(f"# {_not_applied(fix.title, reason)}", err=True)

    for change in changes:
        click.echo(change.diff(), nl=False)

    return bool(changes)


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
    from .output import rules_docs
    from .output import rules_table

    registry = collect_rules()

    if format_ == "docs":
        click.echo(rules_docs(registry), nl=False)
    elif format_ == "markdown":
        click.echo(rules_table(registry), nl=False)
    elif format_ == "json":
        click.echo(json.dumps([_rule_dict(r) for r in registry.values()], indent=2))
    else:
        for code, rule in registry.items():
            click.echo(
                f"{code:<8} {rule.weight}  {rule.family.name:<22} {rule.title()}"
            )


def _rule_dict(rule: t.Any) -> dict[str, t.Any]:
    return {
        "code": rule.code(),
        "title": rule.title(),
        "family": rule.family.name,
        "weight": rule.weight,
        "requires": sorted(rule.requires),
        "docs": rule.docs(),
    }


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
    registry = collect_rules()
    rule = registry.get(code.upper())

    if rule is None:
        raise EcoLintError(f"Unknown rule code {code!r}; 'eco-lint rules' lists them.")

    if format_ == "json":
        click.echo(json.dumps(_rule_dict(rule), indent=2))
        return

    click.echo(f"# {rule.code()}: {rule.title()}\n")
    click.echo(f"Family: {rule.family.name}. Weight: {rule.weight}.")

    if rule.requires:
        click.echo(f"Checked when these pass: {', '.join(sorted(rule.requires))}.")

    click.echo(f"\n{rule.docs()}")


#: The spellings of a yes-or-no answer Copier reads.
_BOOLS = {
    "true": True,
    "yes": True,
    "on": True,
    "false": False,
    "no": False,
    "off": False,
}


def _parse_data(values: t.Sequence[str], update: bool = False) -> dict[str, t.Any]:
    """``--data NAME=VALUE`` pairs; values are read as YAML, as Copier does,
    and each must have its question's type, choices and validator. For an
    update, whose newer template may ask more or allow more, a name eco-lint
    does not know, and the choices and validators, are left to Copier, and
    the values stay the text given.
    """
    import yaml

    from .repo import load_yaml
    from .standard import choices
    from .standard import questions
    from .standard import validate_given

    data: dict[str, t.Any] = {}
    given: dict[str, str] = {}

    for item in values:
        name, sep, value = item.partition("=")
        known = name in questions()

        if not sep or not name or (not known and not update):
            what = "NAME=VALUE" if update else "NAME=VALUE for a template question"
            raise click.BadParameter(f"{item!r} is not {what}.", param_hint="--data")

        given[name] = value

        if not known:
            continue

        kind = questions()[name].get("type", "str")

        if kind == "bool":
            if value.strip().lower() not in _BOOLS:
                raise click.BadParameter(
                    f"{item!r}: {name} must be true or false.", param_hint="--data"
                )

            data[name] = _BOOLS[value.strip().lower()]
        else:
            try:
                data[name] = load_yaml(value) if kind == "yaml" else value
            except (ValueError, yaml.YAMLError) as e:
                first = (str(e).strip().splitlines() or [type(e).__name__])[0]
                raise click.BadParameter(
                    f"{item!r}: the value cannot be parsed ({first}).",
                    param_hint="--data",
                ) from None

        if update:
            continue

        allowed = choices(name)

        if allowed is not None and data[name] not in allowed:
            raise click.BadParameter(
                f"{item!r}: {name} must be one of {', '.join(map(str, allowed))}.",
                param_hint="--data",
            )

        # A value of the wrong shape would stop inference before the
        # answers are checked together.
        message = validate_given(name, data[name]) if kind == "yaml" else None

        if message:
            raise click.BadParameter(f"{item!r}: {message}", param_hint="--data")

    return given if update else data


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
    from .adopt import adopt as run_adopt
    from .adopt import adopt_diff
    from .adopt import check_answers
    from .adopt import gather_answers
    from .adopt import recorded_version
    from .adopt import TYPING_NEXT
    from .adopt import WARNINGS_NEXT
    from .repo import Repo

    path = project_root(path)
    answers = gather_answers(Repo(path), _parse_data(data))

    if defaults and answers.missing:
        raise EcoLintError(answers.message())

    for name in answers.missing:
        click.echo(f"{name}: {answers.reasons.pop(name)}", err=True)
        answers.values[name] = click.prompt(name)
        answers.sources[name] = "given"

    check_answers(answers)
    recorded = recorded_version(src_path)

    for name, value in answers.values.items():
        click.echo(f"{name} = {value!r}  ({answers.sources[name]})")

    if diff:
        changes, result = adopt_diff(path, answers, src_path, recorded)

        for title, reason in result.failed:
            click.echo(f"# could not apply '{title}': {reason}", err=True)

        for change in changes:
            click.echo(_full_diff(change), nl=False)

        click.get_current_context().exit(1 if changes else 0)

    result = run_adopt(path, answers, src_path, recorded)

    for title, reason in result.failed:
        click.echo(_not_applied(title, reason), err=True)

    if result.written:
        click.echo(f"changed: {', '.join(result.written)}")
    else:
        click.echo("nothing to change")

    if answers.values.get("typed") is False:
        click.echo(TYPING_NEXT)

    if answers.values.get("warnings_as_errors") is False:
        click.echo(WARNINGS_NEXT)


def _full_diff(change: t.Any) -> str:
    """A change as a unified diff that ``git apply`` takes, empty files
    created or deleted included.
    """
    text = str(change.diff())

    if text or (change.old or change.new):
        return text

    kind = "new" if change.old is None else "deleted"
    return f"diff --git a/{change.path} b/{change.path}\n{kind} file mode 100644\n"


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
    from .template import ANSWERS_FILE
    from .update import update as run_update

    answers = _parse_data(data, update=True)
    result = run_update(project_root(path), vcs_ref, answers, defaults, pretend)
    if result.defaulted:
        took = "would take" if pretend else "took"
        click.echo(
            f"New questions {took} their defaults (see {ANSWERS_FILE}):"
            f" {', '.join(result.defaulted)}"
        )

    if result.changed:
        label = "would change" if pretend else "changed"
        click.echo(f"{label}: {', '.join(result.changed)}")

    if pretend:
        if result.conflicts:
            click.echo(f"would conflict: {', '.join(result.conflicts)}")

        click.echo("pretend: nothing was written")
        return

    if result.conflicts:
        click.echo("Conflicts remain in:")

        for name in result.conflicts:
            click.echo(f"  {name}")

        click.echo(
            "Next: in each file keep what both sides meant and remove the lines"
            " '<<<<<<< before updating', '=======' and '>>>>>>> after updating';"
            " then 'git add' the files, run 'uv lock' if pyproject.toml changed,"
            " and commit."
        )
        click.get_current_context().exit(1)

    click.echo("updated with no conflict; review 'git diff', then commit")


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

    selected, ignored = _split(select), _split(ignore)
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
