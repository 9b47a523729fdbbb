"""The standard as the template renders it, for the rules to compare with.

Check mode must not import Copier, so the template's files are rendered here
with plain Jinja, the same way Copier renders them: the same loader root,
the same options, and the few Ansible filters the template uses. A test
renders every answer set both ways and compares the results.
"""

from __future__ import annotations

import functools
import json
import re
import time
import tomllib
import typing as t
from pathlib import Path

import yaml

from . import cache
from .answers import inferred as inferred_answers
from .questions import asked as asked
from .questions import choices as choices
from .questions import environment
from .questions import questions as questions
from .questions import resolve_answers as resolve_answers
from .questions import supported as supported
from .questions import validate_answers as validate_answers
from .questions import validate_given as validate_given
from .safe_yaml import load_yaml
from .template import ANSWERS_FILE
from .template import PUBLIC_SOURCE
from .template import SOURCE_URL
from .template import template_hash
from .template import template_root
from .template import template_version

if t.TYPE_CHECKING:
    from .repo import Repo


class Standard:
    """The template rendered for one set of answers.

    :param answers: Answers for the questions of ``copier.yml``; missing
        ones take their defaults.
    :param commit: The template version, by default the one carried.
    :param vcs_ref_hash: The commit of that version, which the template
        pins its own pre-commit hook to; ``None`` leaves the hook out.
    """

    def __init__(
        self,
        answers: t.Mapping[str, t.Any],
        commit: str | None = None,
        vcs_ref_hash: str | None = None,
    ) -> None:
        self._given = dict(answers)
        self._commit = commit or template_version()
        self._vcs_ref_hash = vcs_ref_hash
        self._parsed_cache: dict[str, t.Any] = {}
        #: Why the render failed, raised again rather than rendered again.
        self._failure: Exception | None = None
        #: How many times the render was asked for something: the run of
        #: rules tells by it which rules compared with the render, and so
        #: read the files its answers were inferred from.
        self.uses = 0

    @property
    def answers(self) -> dict[str, t.Any]:
        """Every answer, given or default, derived values included."""
        self.uses += 1
        return self._entry["answers"]  # type: ignore[no-any-return]

    def text(self, name: str) -> str | None:
        """The rendered text of a template file by its output path, such as
        ``pyproject.toml``, or ``None`` if this render has no such file.
        """
        self.uses += 1
        return self._entry["files"].get(name)  # type: ignore[no-any-return]

    def answers_file(self, commit: str, src_path: str) -> str:
        """The answers file Copier would write for these answers."""
        self.uses += 1
        base = self._key()
        key = json.dumps([base, commit, src_path]) if base is not None else None
        found = cache.read("answers", key) if key is not None else None

        if found is not None and isinstance(found.get("text"), str):
            return found["text"]  # type: ignore[no-any-return]

        text = self._answers_file(commit, src_path)

        if key is not None:
            cache.write("answers", key, {"text": text})

        return text

    def _answers_file(self, commit: str, src_path: str) -> str:
        recorded = {k: v for k, v in self.answers.items() if asked(k)}
        context = {
            **_context(self.answers, self._commit, self._vcs_ref_hash),
            "_copier_answers": {"_commit": commit, "_src_path": src_path, **recorded},
        }
        return _render(_sources(context)[ANSWERS_FILE], context)

    def files(self) -> list[str]:
        """Output paths of every file this render has."""
        self.uses += 1
        return sorted(self._entry["files"])

    def toml(self, name: str) -> dict[str, t.Any]:
        """A rendered TOML file, parsed once and shared: treat it as read-only."""
        return self._parsed(name, "toml")  # type: ignore[no-any-return]

    def yaml(self, name: str) -> t.Any:
        """A rendered YAML file, parsed once and shared: treat it as read-only."""
        return self._parsed(name, "yaml")

    def _parsed(self, name: str, kind: str) -> t.Any:
        self.uses += 1
        key = f"{kind}:{name}"

        if key not in self._parsed_cache:
            stored = self._entry["parsed"].get(key)

            if stored is not None:
                self._parsed_cache[key] = stored
            else:
                text = self.text(name)
                self._parsed_cache[key] = {} if text is None else _parse(kind, text)

        return self._parsed_cache[key]

    @functools.cached_property
    def _entry(self) -> dict[str, t.Any]:
        """The resolved answers, every rendered file, and the TOML and YAML
        files parsed where JSON holds them as they are; from the cache when a
        run rendered the same template for the same answers today (the
        template renders the date).
        """
        if self._failure is not None:
            raise self._failure.with_traceback(None)

        key = self._key()
        found = cache.read("standard", key) if key is not None else None

        if found is not None and _valid(found):
            return found

        try:
            entry = (
                self._render_apart() if key is not None else None
            ) or self._render()
        except Exception as e:
            # Every rule that compares asks again: render once, fail once.
            self._failure = e
            raise

        if key is not None and _round_trips(entry["answers"]):
            cache.write("standard", key, entry)

        return entry

    def _render(self) -> dict[str, t.Any]:
        answers = resolve_answers(self._given)
        context = _context(answers, self._commit, self._vcs_ref_hash)
        files = {
            name: _render(source, context)
            for name, source in _sources(context).items()
            if name != ANSWERS_FILE
        }
        return {"answers": answers, "files": files, "parsed": _parse_all(files)}

    def _render_apart(self) -> dict[str, t.Any] | None:
        """The render made by a process of its own, which alone imports
        Jinja (and, through it, OpenSSL's library): a check that renders
        needs 6 to 7 MB less at its peak. Only a render that reads back
        from JSON as it is, as a cached one does, comes back; ``None`` when
        there is none, and then it is made here, raising what it raises.
        """
        import os
        import subprocess
        import sys

        given = {
            "answers": self._given,
            "commit": self._commit,
            "vcs_ref_hash": self._vcs_ref_hash,
        }

        if not sys.executable or not _round_trips(given):
            return None

        # The same eco-lint, never a module from the working folder (-P).
        here = str(Path(__file__).resolve().parents[1])
        path = os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))

        try:
            done = subprocess.run(
                [sys.executable, "-P", "-c", _RENDER_APART],
                input=json.dumps(given),
                capture_output=True,
                text=True,
                env={**os.environ, "PYTHONPATH": path},
                check=False,
            )
            entry = json.loads(done.stdout) if done.returncode == 0 else None
        except (OSError, ValueError):
            return None

        return entry if isinstance(entry, dict) and _valid(entry) else None

    def _key(self) -> str | None:
        """What a render depends on, or ``None`` if it cannot be told as
        JSON (and so is not cached).
        """
        try:
            return json.dumps(
                {
                    "version": template_version(),
                    "template": template_hash(),
                    "date": time.strftime("%Y-%m-%d"),
                    "answers": self._given,
                    "commit": self._commit,
                    "vcs_ref_hash": self._vcs_ref_hash,
                },
                sort_keys=True,
            )
        except (TypeError, ValueError):
            return None


#: What the process that renders apart runs: the given answers in, the
#: render out, as JSON; ``null`` when it does not read back as it is.
_RENDER_APART = """\
import json, sys
from eco_lint.standard import Standard, _round_trips
given = json.load(sys.stdin)
entry = Standard(given["answers"], given["commit"], given["vcs_ref_hash"])._render()
json.dump(entry if _round_trips(entry) else None, sys.stdout)
"""


def answers_text(
    answers: t.Mapping[str, t.Any], commit: str, src_path: str | None
) -> str:
    """The answers file for these answers, as Copier writes it."""
    return Standard(answers).answers_file(commit, src_path or PUBLIC_SOURCE)


def standard_for(repo: Repo) -> Standard:
    """The template rendered for a repository: its recorded answers where
    it has an answers file, else what can be inferred from it, at the
    template version it records. Worked out once per repository.
    """
    return repo.derived(_standard_for)


def _standard_for(repo: Repo) -> Standard:
    inferred = {k: supported(k, v) for k, v in inferred_answers(repo).items()}
    recorded = {k: v for k, v in repo.answers.items() if not k.startswith("_")}
    commit = str(repo.answers.get("_commit") or template_version())
    return Standard({**inferred, **recorded}, commit, hook_pin(repo, commit))


def hook_pin(repo: Repo, version: str) -> str | None:
    """The commit a repository's pre-commit config pins the eco-lint hook
    to, when it is frozen at this template version.
    """
    text = repo.text(".pre-commit-config.yaml") or ""
    match = re.search(
        rf"repo:\s*+{re.escape(SOURCE_URL)}[^\S\n]*+\n\s*+rev:\s*+([0-9a-f]{{40}})"
        r"\s++#\s*+frozen:\s*+(\S+)",
        text,
    )
    return match.group(1) if match and match.group(2) == version else None


@functools.lru_cache(maxsize=256)
def _parse(kind: str, text: str) -> t.Any:
    """Parse a rendered file once per run: most renders share most files."""
    return tomllib.loads(text) if kind == "toml" else load_yaml(text)


def _context(
    answers: dict[str, t.Any], commit: str, vcs_ref_hash: str | None
) -> dict[str, t.Any]:
    """What the template's files are rendered with, as Copier gives it."""
    return {
        **answers,
        "_copier_conf": {
            "answers_file": ANSWERS_FILE,
            "dst_path": ".",
            "vcs_ref_hash": vcs_ref_hash,
        },
        "_copier_answers": {"_commit": commit},
    }


def _sources(context: dict[str, t.Any]) -> dict[str, Path]:
    """Template files by their output path, for one render."""
    env = environment()
    base = template_root() / "template"
    result: dict[str, Path] = {}

    for path in base.rglob("*"):
        if not path.is_file():
            continue

        parts = [
            env.from_string(p).render(context) for p in path.relative_to(base).parts
        ]

        if path.suffix == ".jinja":
            parts[-1] = parts[-1].removesuffix(".jinja")

        if all(parts):
            result["/".join(parts)] = path

    return result


def _render(source: Path, context: dict[str, t.Any]) -> str:
    if source.suffix != ".jinja":
        return source.read_text()

    relative = source.relative_to(template_root()).as_posix()
    return environment().get_template(relative).render(context)


def _parse_all(files: dict[str, str]) -> dict[str, t.Any]:
    """Rendered TOML and YAML files parsed, by ``kind:name``, where they
    read back from JSON as they are (no dates, no keys that are not
    strings), so that a cached render needs no parsing.
    """
    parsed: dict[str, t.Any] = {}

    for name, text in files.items():
        kind = _KINDS.get(name.rpartition(".")[2])

        if kind is None:
            continue

        try:
            data = _parse(kind, text)
        except (ValueError, yaml.YAMLError):
            continue

        if data is not None and _round_trips(data):
            parsed[f"{kind}:{name}"] = data

    return parsed


_KINDS = {"toml": "toml", "yml": "yaml", "yaml": "yaml"}


def _valid(entry: dict[str, t.Any]) -> bool:
    """Whether a cache entry has the shape a render gives."""
    answers, files = entry.get("answers"), entry.get("files")
    return (
        isinstance(answers, dict)
        and isinstance(entry.get("parsed"), dict)
        and isinstance(files, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in files.items())
    )


def _round_trips(value: t.Any) -> bool:
    """Whether a value reads back from JSON as it is."""
    try:
        return bool(json.loads(json.dumps(value)) == value)
    except (TypeError, ValueError):
        return False
