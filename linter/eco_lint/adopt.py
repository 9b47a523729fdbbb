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
import subprocess
import typing as t

from .errors import EcoLintError
from .repo import Repo
from .standard import asked
from .standard import questions
from .standard import Standard
from .standard import supported
from .standard import validate_answers
from .template import PUBLIC_SOURCE
from .template import template_version

ANSWERS_FILE = ".copier-answers.yml"
#: What a project says of itself: adoption takes it from the repository or
#: the maintainer, never from the template's placeholder defaults.
OWN_WORDS = ("project_name", "description")


def answers_text(
    answers: t.Mapping[str, t.Any], commit: str, src_path: str | None
) -> str:
    """The answers file for these answers, as Copier writes it."""
    return Standard(answers).answers_file(commit, src_path or PUBLIC_SOURCE)


@dataclasses.dataclass(frozen=True)
class Answers:
    """Answers for adoption, and where each came from."""

    values: dict[str, t.Any]
    #: ``recorded``, ``inferred``, ``given`` or ``default``, by name.
    sources: dict[str, str]

    @property
    def missing(self) -> list[str]:
        """Questions with no default, or in :data:`OWN_WORDS`, that
        nothing answered.
        """
        return [
            name
            for name, source in self.sources.items()
            if source == "default"
            and (name in OWN_WORDS or "default" not in questions()[name])
        ]


def gather_answers(repo: Repo, data: t.Mapping[str, t.Any]) -> Answers:
    """Answers from the recorded answers file, what the repository tells,
    and ``data``, in rising precedence; the rest take their defaults.
    """
    recorded = {k: v for k, v in repo.answers.items() if not k.startswith("_")}
    values: dict[str, t.Any] = {}
    sources: dict[str, str] = {}

    for name in questions():
        if not asked(name):
            continue

        for source, found in (
            ("given", data),
            ("recorded", recorded),
            ("inferred", repo.inferred),
        ):
            if name in found:
                values[name], sources[name] = _allowed(name, found[name], source)
                break
        else:
            sources[name] = "default"

    return Answers(values, sources)


def _allowed(name: str, value: t.Any, source: str) -> tuple[t.Any, str]:
    """An inferred Python version moved into the supported range, and where
    the value came from.
    """
    moved = supported(name, value)

    if moved == value:
        return value, source

    return moved, f"{source} {value}, moved into the supported range"


@dataclasses.dataclass(frozen=True)
class Adoption:
    answers: Answers
    #: Files written or deleted.
    written: tuple[str, ...]
    #: Fixes that did not apply, with the reason.
    failed: tuple[tuple[str, str], ...]


def adopt(root: str, answers: Answers, src_path: str | None = None) -> Adoption:
    """Write the answers file, then apply every fix.

    :param root: The repository.
    :param answers: From :func:`gather_answers`, with nothing missing.
    :param src_path: The template source to record, by default the public one.
    """
    from .check import fix_repository
    from .fix import Change
    from .fix import write

    if answers.missing:
        raise EcoLintError(f"No answer for {', '.join(answers.missing)}.")

    errors = validate_answers(Standard(answers.values).answers)

    if errors:
        name, message = next(iter(errors.items()))
        raise EcoLintError(f"Answer {name!r}: {message}")

    repo = Repo(root)
    version = template_version()
    pin = tag_commit(src_path, version) or repo.hook_pin(version)
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
    written = write(repo, changes)

    run = fix_repository(root, applicability=("safe", "unsafe"))
    written += [name for name in run.written if name not in written]
    return Adoption(answers, tuple(written), run.failed)


def tag_commit(src_path: str | None, version: str) -> str | None:
    """The commit a template version's tag points at in the template
    source, or ``None`` if the source cannot be reached.
    """
    source = src_path or PUBLIC_SOURCE

    if source.startswith("gh:"):
        source = f"https://github.com/{source[3:]}.git"

    try:
        result = subprocess.run(
            [
                "git",
                "ls-remote",
                source,
                f"refs/tags/{version}",
                f"refs/tags/{version}^{{}}",
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None

    refs = dict(
        line.split("\t")[::-1] for line in result.stdout.splitlines() if "\t" in line
    )
    return refs.get(f"refs/tags/{version}^{{}}") or refs.get(f"refs/tags/{version}")
