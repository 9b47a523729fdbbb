"""What the docs rules read of a Read the Docs config."""

from __future__ import annotations

import dataclasses
import typing as t


@dataclasses.dataclass(frozen=True)
class ReadTheDocs:
    """A parsed ``.readthedocs.yaml``, as the docs rules compare it."""

    #: ``version``, as written.
    version: t.Any
    #: ``build.os``, as written.
    os: t.Any
    #: Whether ``python.install`` installs the project Read the Docs' way.
    installs: bool
    #: Whether it has a ``sphinx:`` key.
    sphinx: bool
    #: Whether ``sphinx.fail_on_warning`` is ``true``.
    fails_on_warning: bool
    #: Whether its own commands replace Read the Docs' Sphinx build.
    replaced: bool
    #: The shell commands of ``build.commands`` or ``build.jobs``.
    commands: tuple[str, ...]


def read_the_docs(data: dict[str, t.Any]) -> ReadTheDocs:
    """The parts of a parsed config the docs rules read."""
    build = _mapping(data.get("build"))
    python = data.get("python")
    return ReadTheDocs(
        version=data.get("version"),
        os=build.get("os"),
        installs=isinstance(python, dict) and "install" in python,
        sphinx="sphinx" in data,
        fails_on_warning=fails_on_warning(data),
        replaced=replaces_build(data),
        commands=tuple(commands(data)),
    )


def replaces_build(data: t.Mapping[str, t.Any]) -> bool:
    """Whether a parsed config replaces Read the Docs' own Sphinx build."""
    build = _mapping(data.get("build"))
    jobs = build.get("jobs")
    html = jobs.get("build") if isinstance(jobs, dict) else None
    return "commands" in build or (isinstance(html, dict) and "html" in html)


def fails_on_warning(data: t.Mapping[str, t.Any]) -> bool:
    """Whether Read the Docs' own build has ``fail_on_warning: true``."""
    sphinx = data.get("sphinx")
    return isinstance(sphinx, dict) and sphinx.get("fail_on_warning") is True


def commands(data: t.Mapping[str, t.Any]) -> list[str]:
    """The shell commands of ``build.commands``, or of every ``build.jobs``
    step in order, each with its spaces collapsed.
    """
    build = data.get("build")

    if not isinstance(build, dict):
        return []

    found: list[str] = []

    def walk(value: t.Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.append(" ".join(value.split()))

    walk(build.get("commands"))
    walk(build.get("jobs"))
    return found


def _mapping(value: t.Any) -> t.Mapping[str, t.Any]:
    return value if isinstance(value, dict) else {}
