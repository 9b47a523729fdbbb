"""PUB005: no SLSA provenance job."""

from __future__ import annotations

import dataclasses
import re
import typing as t

from ...edits.yaml import restyled
from ...edits.yaml import YamlChange
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Publishing
from .._edits import carrying
from .._facts import publishing
from .._workflows import jobs
from .._workflows import needs_of
from .._workflows import steps
from ._edits import rewire
from ._workflow import find_line
from ._workflow import in_job
from ._workflow import is_slsa
from ._workflow import path_of
from ._workflow import read_workflow


def _without_provenance(run: str) -> str:
    """A ``run`` script without each word that names an ``.intoto.jsonl``
    file, nor the blanks (across one line break) before it. Read word by
    word: a pattern that found the word after any blanks would go back over
    the same blanks from each of them.
    """
    kept: list[str] = []
    position = 0

    for word in re.finditer(r"\S++", run):
        if ".intoto.jsonl" not in word.group():
            continue

        start = word.start()

        while start > position and run[start - 1] in " \t":
            start -= 1

        if start > position and run[start - 1] == "\n":
            start -= 1

            while start > position and run[start - 1] in " \t":
                start -= 1

        kept.append(run[position:start])
        position = word.end()

    return "".join(kept) + run[position:]


@dataclasses.dataclass(frozen=True)
class _DropProvenance(YamlChange):
    """Remove SLSA provenance: its jobs (the jobs that needed them need
    what they needed), the ``hash`` outputs and the steps that computed
    them, and the ``*.intoto.jsonl`` files in commands.
    """

    def change(self, data: t.Any, repo: Repo) -> bool:
        found = data.get("jobs")

        if not isinstance(found, dict):
            return False

        removed = {
            str(name): needs_of(job)
            for name, job in found.items()
            if isinstance(job, dict) and is_slsa(job)
        }
        changed = bool(removed)

        for name in removed:
            del found[name]

        rewire(found, removed)

        for job in found.values():
            if isinstance(job, dict):
                changed |= self._hash(job)
                changed |= self._intoto(job)

        return changed

    @staticmethod
    def _hash(job: t.Any) -> bool:
        outputs = job.get("outputs")

        if not isinstance(outputs, dict):
            return False

        names = [k for k in ("hash", "hashes") if k in outputs]
        ids = {
            m.group(1)
            for k in names
            for m in re.finditer(r"steps\.([\w-]+)\.outputs", str(outputs[k]))
        }

        for name in names:
            del outputs[name]

        if not outputs:
            del job["outputs"]

        steps = job.get("steps")

        if isinstance(steps, list):
            rest = str([v for k, v in job.items() if k != "steps"])
            steps[:] = [
                s
                for s in steps
                if not (
                    isinstance(s, dict)
                    and s.get("id") in ids
                    and f"steps.{s.get('id')}." not in rest
                )
            ]

        return bool(names)

    @staticmethod
    def _intoto(job: t.Any) -> bool:
        changed = False

        for step in steps(job):
            run = step.get("run")

            if not isinstance(run, str) or ".intoto.jsonl" not in run:
                continue

            step["run"] = restyled(run, _without_provenance(run))
            changed = True

        return changed


class PUB005(Publishing):
    """No SLSA provenance job

    ## What it does
    Checks that the publish workflow has no `slsa-framework/slsa-github-generator`
    job, uploads no `*.intoto.jsonl` file and computes no `hash` output for
    one.

    ## Why
    PyPI's trusted publishing makes PEP 740 attestations itself, so Pallets
    removed the SLSA job in June 2025. The generator can only be pinned by
    tag, it needs `contents: write` and `id-token: write`, and it held the
    artifact actions at old versions.

    ## Example
    A `provenance` job that uses
    `slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml`
    with `base64-subjects: ${{ needs.build.outputs.hash }}`.

    Use instead: nothing; `pypa/gh-action-pypi-publish` attests the upload.

    ## Fix
    Delete the provenance job (the jobs that needed it then need what it
    needed), the `hash` output and the step that computed it, and the
    `*.intoto.jsonl` files of the release. Unsafe, as it changes what a
    release publishes; Safe when only a `hash` output is left.
    """

    weight = 2
    fixable = True
    requires = frozenset({"PUB001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        path = path_of(repo)

        text = repo.text(path) or ""
        failed: list[Fail] = []

        if "slsa-framework/" in text:
            line = find_line(repo, r"slsa-framework/")
            failed.append(Fail("has a SLSA provenance job", path, line))

        if ".intoto.jsonl" in text:
            failed.append(
                Fail(
                    "publishes a *.intoto.jsonl provenance file",
                    path,
                    find_line(repo, r"\.intoto\.jsonl"),
                )
            )

        for name, job in jobs(read_workflow(repo)).items():
            outputs = job.get("outputs")

            if isinstance(outputs, dict) and {"hash", "hashes"} & set(outputs):
                failed.append(
                    Fail(
                        f"job {name!r} outputs a hash for provenance",
                        path,
                        in_job(repo, name, r"^\s+hash(es)?\s*:"),
                    )
                )

        return carrying(failed, lambda: _fix(path, text))


def _fix(path: str, text: str) -> Fix | None:
    pub = publishing()

    if path != pub.path:
        return None  # the template edits only its own publish.yaml

    # Removing a job or release files changes what a release publishes.
    unsafe = "slsa-framework/" in text or ".intoto.jsonl" in text
    return Fix(
        "Remove the SLSA provenance",
        "unsafe" if unsafe else "safe",
        (_DropProvenance(pub.path),),
    )
