"""Named facts of the rendered standard, for the rules to read instead of
spelling the template's values again: the build backend and its
requirement, the workflow that plays each role, and the actions whose
steps the template gives an input.

Each fact is found in the render by what it is (the ``[build-system]``
table, the workflow that uploads to PyPI, the steps that set
``persist-credentials``), so that a change of the template changes it.
These facts are the same whatever the answers, so they are read from the
template rendered with its defaults: reading them is not reading the
repository's render, whose answers come from files that may be broken.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import typing as t

from ..standard import Standard
from ._roles import Role
from ._roles import standard_roles
from ._tox import table_envs
from ._workflows import action
from ._workflows import as_dict
from ._workflows import jobs
from ._workflows import steps
from ._workflows import workflow_steps
from ._workflows import WORKFLOWS


@dataclasses.dataclass(frozen=True)
class Backend:
    """The template's build backend."""

    #: The ``build-backend`` module, such as ``flit_core.buildapi``.
    module: str
    #: The ``requires`` of ``[build-system]``.
    requires: tuple[str, ...]

    @property
    def name(self) -> str:
        """The backend's top-level package, as messages name it."""
        return self.module.partition(".")[0]


@functools.cache
def template() -> Standard:
    """The template rendered with its default answers."""
    return Standard({})


def backend() -> Backend:
    """The build backend of the template's ``pyproject.toml``."""
    table = template().toml("pyproject.toml")["build-system"]
    return Backend(str(table["build-backend"]), tuple(table["requires"]))


def workflow_of(role: Role) -> str:
    """The path of the template's workflow that plays a role."""
    found = standard_roles(template()).get(role)

    if found is None:
        raise LookupError(f"the template has no workflow that plays {role}")

    return found


def has_workflow(std: Standard, role: Role) -> bool:
    """Whether a repository's render has a workflow that plays a role."""
    return role in standard_roles(std)


@functools.cache
def actions_given(key: str) -> frozenset[str]:
    """The actions that the template's workflows give an input, such as
    the checkout that every workflow gives ``persist-credentials``.
    """
    std = template()
    return frozenset(
        step.action
        for name in std.files()
        if name.startswith(WORKFLOWS)
        for step in workflow_steps(std.yaml(name))
        if step.action is not None and key in step.inputs
    )


def _one(found: t.Iterable[str | None], what: str) -> str:
    """The one value found, else :class:`LookupError`."""
    values = {value for value in found if value is not None}

    if len(values) != 1:
        raise LookupError(f"the template has not one {what}: {values}")

    return values.pop()


def _command(run: str) -> str:
    """A script's command without its options and arguments after them:
    ``gh release create`` of ``gh release create --draft ...``.
    """
    return " ".join(itertools.takewhile(lambda w: not w.startswith("-"), run.split()))


@dataclasses.dataclass(frozen=True)
class Publishing:
    """What the template's publish workflow is made of, each part found by
    what it does there.
    """

    #: The workflow that uploads to PyPI.
    path: str
    #: The job that builds: the one whose outputs give the artifact's id.
    build: str
    #: The action of the step whose id those outputs read.
    upload: str
    #: The action the jobs that need the build give the artifact's id.
    download: str
    #: The action the job trusted by PyPI (``id-token: write``) publishes with.
    pypi: str
    #: The command the job that may write the repository's contents runs.
    release: str
    #: The actions of the build's steps: the one given ``enable-cache``,
    #: the one given ``python-version-file``.
    setup_uv: str
    setup_python: str
    #: The action the template's workflows give a cache ``key``.
    cache: str


@functools.cache
def publishing() -> Publishing:
    """The parts of the template's publish workflow."""
    path = workflow_of("publish")
    found = jobs(template().yaml(path))
    build = next(name for name, job in found.items() if "outputs" in job)
    ids = {
        match
        for value in as_dict(found[build]["outputs"]).values()
        for match in re.findall(r"steps\.([\w-]++)\.outputs", str(value))
    }
    download = _one(actions_given("artifact-ids"), "download")
    uploads = (action(s) for s in steps(found[build]) if s.get("id") in ids)

    def granted(scope: str) -> list[dict[str, t.Any]]:
        return [
            step
            for job in found.values()
            if as_dict(job.get("permissions")).get(scope) == "write"
            for step in steps(job)
        ]

    return Publishing(
        path=path,
        build=build,
        upload=_one(uploads, "upload"),
        download=download,
        pypi=_one(
            (a for s in granted("id-token") if (a := action(s)) != download),
            "PyPI upload",
        ),
        release=next(_command(s["run"]) for s in granted("contents") if "run" in s),
        setup_uv=_one(actions_given("enable-cache"), "setup-uv"),
        setup_python=_one(actions_given("python-version-file"), "setup-python"),
        cache=_one(actions_given("key"), "cache"),
    )


@dataclasses.dataclass(frozen=True)
class ToxEnvs:
    """The names of the template's tox envs, each found by what it runs."""

    #: The env that runs pre-commit.
    style: str
    #: The env that runs mypy first.
    typing: str
    #: The envs that build the docs, and serve them as they change.
    docs: str
    docs_auto: str
    #: The env that installs the lowest versions the project allows.
    tests_min: str
    #: The envs run together under a label, which refresh the pins and
    #: the lock.
    update: tuple[str, ...]


def _pins_exactly(command: tuple[str, ...]) -> bool:
    """Whether a command installs exact versions with uv."""
    return command[:3] == ("uv", "pip", "install") and any(
        "==" in arg for arg in command[3:]
    )


@functools.cache
def tox_envs() -> ToxEnvs:
    """The template's tox envs, by what each runs."""
    found = table_envs(template().toml("pyproject.toml")["tool"]["tox"])

    def running(*prefix: str, first: bool = False) -> str:
        return _one(
            (
                env.name
                for env in found
                for command in (env.commands[:1] if first else env.commands)
                if command[: len(prefix)] == prefix
            ),
            f"env that runs {' '.join(prefix)}",
        )

    pinned = (e.name for e in found if any(map(_pins_exactly, e.commands)))
    return ToxEnvs(
        style=running("pre-commit", "run"),
        typing=running("mypy", first=True),
        docs=running("sphinx-build"),
        docs_auto=running("sphinx-autobuild"),
        tests_min=_one(pinned, "env that installs the lowest versions"),
        update=tuple(env.name for env in found if env.labels),
    )
