"""Adopt an existing repository into the template, so that later template
versions arrive through ``copier update`` with no conflict.

Adoption writes ``.copier-answers.yml`` with the inferred answers at the
template version eco-lint carries, then applies every fix: the migrations
from older layouts, and the drift fixes that bring the template-owned
files to that version's render. ``copier update`` then replays that render
as the project's baseline, so that only the project's own changes are
merged with the next version.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import tempfile
import typing as t
from pathlib import Path

from .answers import how_tests_run
from .answers import inferred
from .answers import scm_version
from .errors import EcoLintError
from .repo import Repo
from .standard import answers_text
from .standard import asked
from .standard import choices
from .standard import hook_pin
from .standard import questions
from .standard import Standard
from .standard import supported
from .standard import validate_answers
from .template import ANSWERS_FILE
from .template import PUBLIC_SOURCE
from .template import template_version

if t.TYPE_CHECKING:
    from .fix import Change

#: Options for every git command: no configuration may run a command
#: (fsmonitor, hooks, external diff, pager, ext:: urls).
SAFE_GIT = (
    "-c",
    "core.fsmonitor=",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.pager=cat",
    "-c",
    "diff.external=",
    "-c",
    "protocol.ext.allow=never",
    "-c",
    "uploadpack.packObjectsHook=",
)


#: Answers whose template default would put words in an existing
#: project's mouth, with what was looked for: they are inferred, given, or
#: adoption stops.
NOT_DEFAULTED = {
    "org": "no GitHub URL in the metadata or the git remote",
    "project_name": "no name in the metadata or docs/conf.py",
    "dist_name": "no distribution name in the metadata",
    "description": "no description in the metadata",
    "license": "no {license} text in a licence file",
    "copyright_holder": "no copyright line in a licence file",
    "copyright_year": "no copyright line in a licence file",
    "maintainer_name": "no maintainer or author in the metadata",
    "version": "no literal version in the metadata or __version__",
    "dependencies": "the dependencies are not a literal list",
    "python_min": "no requires-python, classifier, tox env or CI matrix version",
}


@dataclasses.dataclass(frozen=True)
class Answers:
    """Answers for adoption, and where each came from."""

    values: dict[str, t.Any]
    #: ``recorded``, ``inferred``, ``given`` or ``default``, by name.
    sources: dict[str, str]
    #: Why an answer can be neither inferred nor defaulted, by name.
    reasons: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def missing(self) -> list[str]:
        """Questions that nothing answered and whose default would be
        invented or raise what the project declares.
        """
        return [name for name in self.sources if name in self.reasons]

    def message(self) -> str:
        """One line naming the missing answers and why."""
        parts = [f"{name} ({self.reasons[name]})" for name in self.missing]
        return f"Cannot infer {'; '.join(parts)}; give them with --data NAME=VALUE."


def gather_answers(repo: Repo, data: t.Mapping[str, t.Any]) -> Answers:
    """Answers from the recorded answers file, what the repository tells,
    and ``data``, in rising precedence; the rest take their defaults, where
    a default is safe.
    """
    recorded = {k: v for k, v in repo.answers.items() if not k.startswith("_")}
    values: dict[str, t.Any] = {}
    sources: dict[str, str] = {}
    reasons: dict[str, str] = {}

    for name in questions():
        if not asked(name):
            continue

        for source, found in (
            ("given", data),
            ("recorded", recorded),
            ("inferred", inferred(repo)),
        ):
            if name in found:
                values[name], sources[name] = _allowed(name, found[name], source)

                if source != "given" and (reason := _raised(name, found[name])):
                    del values[name]
                    reasons[name] = reason

                break
        else:
            sources[name] = "default"

            # A licence without a year keeps its own text: the year only
            # fills files the project already has.
            year_unused = name == "copyright_year" and "copyright_holder" in values

            if name in NOT_DEFAULTED and not year_unused:
                reasons[name] = _why_not(repo, name)

    if sources.get("typed") == "default":
        # CI requires the type checks only of a package that shows it is
        # typed, as the py.typed rule reads it; the others get them without
        # turning CI red.
        from .rules._base import typing_evidence

        values["typed"] = typing_evidence(repo) == "typed"
        sources["typed"] = "inferred from py.typed, or annotations under mypy strict"

    for name, (value, how) in how_tests_run(repo).items():
        if sources.get(name) == "default":
            values[name], sources[name] = value, how

    return Answers(values, sources, reasons)


#: What the maintainer does next when CI does not require the type checks.
TYPING_NEXT = (
    "next: the package had no py.typed, so CI runs mypy strict and pyright"
    " without failing (continue-on-error); fix what `tox -e typing` reports,"
    " then `eco-lint update --data typed=true` makes CI require them"
)

#: What the maintainer does next when the tests' warnings stay warnings.
WARNINGS_NEXT = (
    "next: the tests did not turn warnings into errors, and still do not;"
    " fix what `pytest -W error` raises, then"
    " `eco-lint update --data warnings_as_errors=true` adds the filter"
)


def next_steps(answers: Answers) -> list[str]:
    """What is left to do by hand after adopting with these answers: typing
    the package, and making its warnings errors, when the answers say it
    is not done yet.
    """
    steps = []

    if answers.values.get("typed") is False:
        steps.append(TYPING_NEXT)

    if answers.values.get("warnings_as_errors") is False:
        steps.append(WARNINGS_NEXT)

    return steps


def _allowed(name: str, value: t.Any, source: str) -> tuple[t.Any, str]:
    """An inferred Python version moved into the supported range, and where
    the value came from.
    """
    moved = supported(name, value)

    if moved == value:
        return value, source

    return moved, f"{source} {value}, moved into the supported range"


def _raised(name: str, value: t.Any) -> str | None:
    """Why a declared Python floor cannot be kept: the template's oldest
    supported version is newer, and raising it is the maintainer's call.
    """
    allowed = choices(name)

    if name != "python_min" or allowed is None or value in allowed:
        return None

    moved = supported(name, value)

    if _minor(moved) <= _minor(value):
        return None

    return (
        f"the project supports Python {value} and the template starts at {moved}: "
        f"raising requires-python is the maintainer's decision, give "
        f"--data python_min={moved} to take it"
    )


def _minor(version: t.Any) -> int:
    try:
        return int(str(version).split(".")[1])
    except (IndexError, ValueError):
        return 0


def _why_not(repo: Repo, name: str) -> str:
    """What was looked for, and for a version, where it comes from instead."""
    if name == "version":
        scm = scm_version(repo)

        if scm:
            return f"the version comes from git tags through {scm}"

    # The licences looked for are the template's choices.
    return NOT_DEFAULTED[name].format(license=" or ".join(choices("license") or ()))


@dataclasses.dataclass(frozen=True)
class Adoption:
    answers: Answers
    #: Files written or deleted.
    written: tuple[str, ...]
    #: Fixes that did not apply, with the reason.
    failed: tuple[tuple[str, str], ...]


def check_answers(answers: Answers) -> None:
    """Stop on a missing answer, or one the template's validators reject."""
    if answers.missing:
        raise EcoLintError(answers.message())

    errors = validate_answers(Standard(answers.values).answers)

    if errors:
        name, message = next(iter(errors.items()))
        raise EcoLintError(f"Answer {name!r}: {message}")


def adopt(
    root: str,
    answers: Answers,
    src_path: str | None = None,
    recorded: tuple[str, str | None] | None = None,
) -> Adoption:
    """Write the answers file, then apply every fix.

    :param root: The repository.
    :param answers: From :func:`gather_answers`, with nothing missing.
    :param src_path: The template source to record, by default the public one.
    :param recorded: The version and tag commit to record, from
        :func:`recorded_version` when not given.
    """
    from .check import fix_repository
    from .fix import Change
    from .transaction import Transaction
    from .transaction import write

    check_answers(answers)

    repo = Repo(root)

    # Never overwrite a file that could not be read or parsed.
    repo.precommit  # noqa: B018 -- parses it, recording any error
    repo.yaml(ANSWERS_FILE)

    for name in (ANSWERS_FILE, ".pre-commit-config.yaml"):
        if name in repo.errors:
            raise EcoLintError(f"Refusing to adopt: {name} {repo.errors[name]}.")

    version, pin = recorded or recorded_version(src_path)
    pin = pin or hook_pin(repo, version)
    standard = Standard(answers.values, version, pin)
    changes = [
        Change(name, repo.text(name), text)
        for name, text in (
            (ANSWERS_FILE, answers_text(answers.values, version, src_path)),
            # It pins the eco-lint hook to the template version, when the
            # source tells the commit; the other fixes read the pin there.
            (".pre-commit-config.yaml", standard.text(".pre-commit-config.yaml")),
        )
        if text is not None and repo.text(name) != text
    ]
    # One transaction: a refused write leaves the repository as it was.
    with Transaction(root):
        written = write(repo, changes)
        run = fix_repository(root, applicability=("safe", "unsafe"))

    written += [name for name in run.written if name not in written]
    return Adoption(answers, tuple(written), run.failed)


def adopt_diff(
    root: str,
    answers: Answers,
    src_path: str | None = None,
    recorded: tuple[str, str | None] | None = None,
) -> tuple[list[Change], Adoption]:
    """Adopt a copy of the repository and return every change it makes,
    as it would be written, without touching the repository.
    """
    import shutil
    import tempfile

    from .fix import Change
    from .repo import SKIP_DIRS

    before = Repo(root)

    with tempfile.TemporaryDirectory(prefix="eco-lint-adopt-") as temp:
        copy = Path(temp) / "repo"
        shutil.copytree(
            before.root,
            copy,
            symlinks=True,
            ignore=shutil.ignore_patterns(*SKIP_DIRS, "*.egg-info"),
        )
        result = adopt(str(copy), answers, src_path, recorded)
        after = Repo(copy)
        changes = [
            Change(name, before.text(name), after.text(name))
            for name in sorted(set(before.files) | set(after.files))
            if before.text(name) != after.text(name)
        ]

    return changes, result


def _git_source(src_path: str | None) -> str:
    source = src_path or PUBLIC_SOURCE

    if source.startswith("gh:"):
        return f"https://github.com/{source[3:]}.git"

    return source


def source_tags(src_path: str | None) -> dict[str, str] | None:
    """The tags of the template source and the commits they point at, or
    ``None`` if the source cannot be reached.
    """
    try:
        # The source is a value from outside: after "--", it is never an
        # option; the command runs outside any repository, and no
        # configured helper, hook or ext:: transport may run a command.
        result = subprocess.run(
            ["git", *SAFE_GIT, "ls-remote", "--tags", "--", _git_source(src_path)],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
            stdin=subprocess.DEVNULL,
            cwd=tempfile.gettempdir(),
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return None

    if result.returncode != 0:
        return None

    tags: dict[str, str] = {}

    for line in sorted(result.stdout.splitlines(), key=lambda x: x.endswith("^{}")):
        commit, _, ref = line.partition("\t")

        if ref.startswith("refs/tags/") and re.fullmatch("[0-9a-f]{40,64}", commit):
            # The peeled commit of an annotated tag comes last and wins.
            tags[ref.removeprefix("refs/tags/").removesuffix("^{}")] = commit

    return tags


def recorded_version(src_path: str | None) -> tuple[str, str | None]:
    """The template version to record and the commit of its tag: the
    version eco-lint carries when the source has that tag, else the newest
    tag whose template is the one carried, so that ``copier update`` can
    replay it. Stops when there is none.
    """
    from packaging.version import InvalidVersion
    from packaging.version import Version

    version = template_version()
    source = src_path or PUBLIC_SOURCE
    tags = source_tags(src_path)

    if tags is None:
        if not (Version(version).is_devrelease or Version(version).local):
            # A released eco-lint carries the template of its own tag.
            return version, None

        raise EcoLintError(
            f"The template eco-lint carries ({version}) is no released version"
            f" and {source} cannot be reached to find its tag; install a"
            " released eco-lint, or give --src-path a template source."
        )

    if version in tags:
        return version, tags[version]

    def newest(names: t.Iterable[str]) -> str | None:
        found = []

        for name in names:
            try:
                found.append((Version(name), name))
            except InvalidVersion:
                continue

        return max(found)[1] if found else None

    same = newest(tag for tag, commit in tags.items() if _carried_is(commit))

    if same is not None:
        return same, tags[same]

    latest = newest(tags)
    hint = f" (its newest is {latest})" if latest else ""
    raise EcoLintError(
        f"The template eco-lint carries ({version}) is no tag of {source}{hint};"
        " install the eco-lint of a tag, or give --src-path a source with"
        f" the tag {version}."
    )


def _carried_is(commit: str) -> bool:
    """Whether the carried template, in a git checkout, is the template of
    this commit.
    """
    from .template import TEMPLATE_PARTS
    from .template import template_root

    result = subprocess.run(
        ["git", *SAFE_GIT, "diff", "--no-ext-diff", "--quiet", commit, "--"]
        + list(TEMPLATE_PARTS),
        cwd=template_root(),
        capture_output=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    return result.returncode == 0


def full_diff(change: t.Any) -> str:
    """A change as a unified diff that ``git apply`` takes, empty files
    created or deleted included.
    """
    text = str(change.diff())

    if text or (change.old or change.new):
        return text

    kind = "new" if change.old is None else "deleted"
    return f"diff --git a/{change.path} b/{change.path}\n{kind} file mode 100644\n"
