"""What a planned change would lose, told from the facts before and after."""

from __future__ import annotations

import dataclasses
import re
import typing as t

from .hooks import as_version

if t.TYPE_CHECKING:
    from . import Facts


@dataclasses.dataclass(frozen=True)
class Loss:
    """A fact a planned change would lose.

    :param fact: What kind of fact, such as ``the changelog's versions``.
    :param lost: What of it would be lost.
    :param hand: What the maintainer must do by hand instead.
    """

    fact: str
    lost: str
    hand: str

    def __str__(self) -> str:
        return f"it would lose {self.fact} ({self.lost}); {self.hand}"


#: For each set of facts: what it is called, and what to do by hand.
_SETS: dict[str, tuple[str, str]] = {
    "dependencies": (
        "runtime dependencies",
        "carry them into [project] dependencies by hand, verbatim with their markers",
    ),
    "optional": (
        "optional dependencies",
        "carry them into [project.optional-dependencies] by hand",
    ),
    "entry_points": (
        "entry points",
        "carry them into [project.scripts] or [project.entry-points] by hand",
    ),
    "build_extras": (
        "what the build adds to the wheel",
        "the build config must keep it: move it by hand, or keep the backend",
    ),
    "shipped": (
        "files the wheel ships",
        "make the new build config include them, and compare the wheels",
    ),
    "copyright": (
        "copyright notices",
        "the licence requires keeping them: edit the licence file by hand",
    ),
    "changelog": (
        "the changelog's released versions",
        "move the changelog by hand, keeping every entry",
    ),
    "attributes": (
        "public attributes of the package",
        "other code imports them: keep them in __init__.py",
    ),
    "tests": (
        "tests pytest collects",
        "point testpaths at where the tests are, or move them by hand",
    ),
    "ci_jobs": ("CI jobs", "keep them in the workflow when editing it by hand"),
    "ci_triggers": (
        "CI triggers",
        "keep the branches, tags and schedules the workflows run on",
    ),
    "ci_services": ("CI service containers", "keep the services in the workflow"),
    "ci_runners": ("CI runner systems", "keep the runners in the workflow"),
    "ci_matrix": ("CI matrix rows", "keep the project's matrix rows in the workflow"),
}


def _same_ignore(entry: str) -> str:
    return entry.strip("/")


class _Found(list[Loss]):
    """The losses found so far."""

    def add(self, fact: str, lost: t.Iterable[str], hand: str) -> None:
        """Add a loss when anything of a fact is lost, showing four items."""
        items = sorted(lost)

        if items:
            shown = ", ".join(items[:4]) + (
                f" and {len(items) - 4} more" if len(items) > 4 else ""
            )
            self.append(Loss(fact, shown, hand))


def losses(before: Facts, after: Facts) -> list[Loss]:
    """What ``after`` lacks of ``before``."""
    found = _Found()

    for compare in (_identity, _sets, _tests_and_upload, _tox, _tools):
        compare(before, after, found)

    return list(found)


def _identity(before: Facts, after: Facts, found: _Found) -> None:
    """The distribution's name, version and Python range."""
    if before.name and after.name != before.name:
        found.add("the distribution name", [before.name], "keep [project] name")

    if before.version_source == "scm" and after.version_source != "scm":
        found.add(
            "the version from git tags",
            ["dynamic version"],
            "keep the SCM version plugin in the build config",
        )
    elif before.version is not None and after.version != before.version:
        found.add(
            "the version",
            [f"{before.version} -> {after.version or 'unknown'}"],
            "set the same version by hand",
        )
    elif before.version is None and before.version_source not in (
        "unknown",
        after.version_source,
    ):
        found.add(
            "the version",
            [f"computed by {before.version_source}"],
            "carry the version over by hand",
        )

    if before.requires_python and after.requires_python != before.requires_python:
        found.add(
            "the supported Python range",
            [f"{before.requires_python} -> {after.requires_python}"],
            "raising requires-python is the maintainer's decision",
        )


def _sets(before: Facts, after: Facts, found: _Found) -> None:
    """Each set of :data:`_SETS`."""
    for key, (fact, hand) in _SETS.items():
        gone = getattr(before, key) - getattr(after, key)

        if key == "ci_triggers":
            # A pattern that matches everything keeps every narrower one.
            gone = {
                g
                for g in gone
                if not {f"{g.rsplit(' ', 1)[0]} *", f"{g.rsplit(' ', 1)[0]} **"}
                & after.ci_triggers
            }

        if key == "dependencies":
            # Poetry's constraints have no PEP 508 spelling to compare.
            names = {
                re.split(r"[\s\[<>=!~;@]", d, maxsplit=1)[0] for d in after.dependencies
            }
            gone = {
                d
                for d in gone
                if not (d.endswith(" (poetry)") and d.split()[0] in names)
            }

        found.add(fact, gone, hand)


def _tests_and_upload(before: Facts, after: Facts, found: _Found) -> None:
    """Warnings that would become errors, and the one PyPI upload."""
    new_errors = {
        f
        for f in after.warning_filters - before.warning_filters
        if f.startswith("error")
    }

    if new_errors:
        found.add(
            "the tests' warnings staying warnings",
            new_errors,
            "run pytest -W error first, fix what it raises, then add the filter",
        )

    if before.publishers and not after.publishers:
        found.add(
            "the PyPI upload", before.publishers, "keep one workflow that publishes"
        )
    elif len(after.publishers) > max(len(before.publishers), 1):
        found.add(
            "a single PyPI upload per release",
            after.publishers - before.publishers,
            "move publishing into one workflow by hand, then delete "
            + ", ".join(sorted(before.publishers)),
        )


def _tox(before: Facts, after: Facts, found: _Found) -> None:
    """The tox envs, and what each does."""
    gone_envs = [env for env in before.tox if env not in after.tox]
    found.add("tox envs", gone_envs, "keep the project's envs in the tox config")

    for env, facts in before.tox.items():
        if env in after.tox:
            found.add(
                f"what tox env {env} does",
                facts - after.tox[env],
                "carry the env's commands, deps and settings by hand",
            )


def _tools(before: Facts, after: Facts, found: _Found) -> None:
    """Hooks, pins, the build, the docs build and ``.gitignore``."""
    found.add(
        "pre-commit hooks",
        before.hooks - after.hooks,
        "keep the project's hooks when adding the standard ones",
    )
    found.add(
        "newer pins",
        {
            f"{repo} {version} -> {after.pins[repo]}"
            for repo, version in before.pins.items()
            if repo in after.pins and as_version(after.pins[repo]) < as_version(version)
        },
        "the project's pins are newer than the template's: keep them",
    )
    found.add(
        "a project that builds",
        after.build_errors - before.build_errors,
        "the result would not build: make this change by hand",
    )
    if before.docs_errors is not None:
        gone = {"docs/conf.py does not exist"}
        found.add(
            "docs that build",
            (gone if after.docs_errors is None else after.docs_errors)
            - before.docs_errors,
            "the docs build would warn: make this change by hand",
        )

    kept = {_same_ignore(e) for e in after.gitignore}
    found.add(
        ".gitignore entries",
        {
            e
            for e in before.gitignore
            # Ignoring the lock is what the standard undoes.
            if _same_ignore(e) not in kept and _same_ignore(e) != "uv.lock"
        },
        "keep the project's entries when adding the standard ones",
    )
