"""PUB001: the publish workflow runs on pushed tags only."""

from __future__ import annotations

import posixpath
import re
import typing as t

from ...edits import Edit
from ...edits import Template
from ...edits.text import MoveFile
from ...edits.text import WriteFile
from ...edits.yaml import YamlSet
from ...fix import Fix
from ...fix import refusal
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import is_pure_python
from .._base import Publishing
from .._edits import carrying
from .._facts import publishing
from ._workflow import find_line
from ._workflow import other_publishers
from ._workflow import path_of
from ._workflow import read_workflow
from ._workflow import show
from ._workflow import template_workflow
from ._workflow import YML


class PUB001(Publishing):
    """Publish workflow runs on pushed tags only

    ## What it does
    Checks that `.github/workflows/publish.yaml` exists and that its only
    trigger is `push: tags` with the template's tag pattern. A project with
    a C extension may also have `workflow_dispatch`, to build wheels for a
    new Python version of an existing tag.

    ## Why
    A release is a pushed tag: the release steps tag the release commit and
    push it, and the workflow builds exactly that commit. Triggers on
    branches, releases or pull requests would build or publish something
    that was not tagged.

    ## Example
    ```yaml
    on:
      release:
        types: [published]
    ```

    Use instead:
    ```yaml
    on:
      push:
        tags: ['*']
    ```

    ## Fix
    Write the template's `publish.yaml` when it is missing; Safe (not for
    a C extension, whose wheels the template does not build, and refused
    when another workflow already uploads to PyPI: one release, one
    upload). Rename
    `publish.yml`; Unsafe. Set `on:` to the template's, keeping
    `workflow_dispatch` for a C extension; Unsafe: it changes when the
    project publishes.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        path = path_of(repo)
        failed = _failures(repo, std, path)
        return carrying(failed, lambda: _fix(repo, path))


def _failures(repo: Repo, std: Standard, path: str) -> list[Fail]:
    """What is wrong with the workflow's file and its triggers."""
    pub = publishing()

    if repo.text(path) is None:
        if repo.is_file(YML):
            return [Fail(f"the publish workflow is publish.yml, not {_name()}", YML)]

        message = f"no workflow uploads to PyPI, as {pub.path} does in the template"
        return [Fail(message, pub.path)]

    workflow = read_workflow(repo)

    if path in repo.errors:
        return [Fail(f"{_name()} {repo.errors[path]}", path)]

    return _triggers(repo, std, path, workflow.get("on"))


def _triggers(repo: Repo, std: Standard, path: str, found: t.Any) -> list[Fail]:
    """How the workflow's ``on:`` differs from the template's."""
    expected = template_workflow(std).get("on", {})
    line = find_line(repo, r"^['\"]?on['\"]?\s*:")

    if isinstance(found, str):
        found = {found: None}
    elif isinstance(found, list):
        found = {str(k): None for k in found}
    elif not isinstance(found, dict):
        return [Fail("has no on: triggers", path, line)]

    allowed = set(expected)

    if not is_pure_python(repo):
        allowed.add("workflow_dispatch")

    extra = sorted(set(found) - allowed)
    failed: list[Fail] = []

    if extra:
        failed.append(Fail(f"also runs on {', '.join(extra)}", path, line))

    for event, spec in expected.items():
        value = found.get(event)

        if event not in found or not isinstance(value, dict):
            message = f"does not run on {event}: {show(spec)}"
            failed.append(Fail(message, path, line))
        else:
            failed += _filters(repo, path, line, event, spec, value)

    return failed


def _filters(
    repo: Repo,
    path: str,
    line: int | None,
    event: str,
    spec: dict[str, t.Any],
    value: dict[str, t.Any],
) -> list[Fail]:
    """How an event's filters differ from the template's."""
    failed: list[Fail] = []

    for key, pattern in spec.items():
        got = value.get(key)
        got = [got] if isinstance(got, str) else got

        if got != pattern:
            failed.append(
                Fail(
                    f"{event}: {key} is {show(got)}, not {show(pattern)}",
                    path,
                    find_line(repo, rf"^\s+{re.escape(key)}\s*:") or line,
                )
            )

    other = sorted(set(value) - set(spec))

    if other:
        failed.append(
            Fail(
                f"{event} also filters on {', '.join(other)}",
                path,
                find_line(repo, rf"^\s+{re.escape(other[0])}\s*:"),
            )
        )

    return failed


def _fix(repo: Repo, path: str) -> Fix | None:
    """Write, rename or retrigger the template's workflow."""
    pub = publishing()

    if path != pub.path:
        return None  # the template edits only its own publish.yaml

    if repo.text(pub.path) is None:
        return _write(repo)

    if pub.path in repo.errors:
        return None

    edits: list[Edit] = [YamlSet(pub.path, ("on",), Template(("on",)), ordered=True)]
    found = read_workflow(repo).get("on")

    if not is_pure_python(repo) and "workflow_dispatch" in (
        found if isinstance(found, (dict, list)) else [found]
    ):
        edits.append(YamlSet(pub.path, ("on", "workflow_dispatch"), None))

    return Fix("Run the publish workflow on pushed tags only", "unsafe", tuple(edits))


def _write(repo: Repo) -> Fix | None:
    """Rename publish.yml, or write the template's workflow when no other
    workflow uploads to PyPI.
    """
    pub = publishing()

    if repo.is_file(YML):
        return Fix(
            f"Rename publish.yml to {_name()}",
            "unsafe",
            (MoveFile(YML, pub.path),),
        )

    if not is_pure_python(repo):
        # The template's workflow builds no wheels for a C extension.
        return None

    if others := other_publishers(repo):
        return refusal(
            "Write the template's publish workflow",
            f"{others[0]} already uploads to PyPI, and a second workflow"
            " would publish each release twice: move it to trusted"
            f" publishing in {_name()} by hand, then delete it",
            pub.path,
        )

    return Fix("Write the template's publish workflow", "safe", (WriteFile(pub.path),))


def _name() -> str:
    """The file name of the template's publish workflow."""
    return posixpath.basename(publishing().path)
