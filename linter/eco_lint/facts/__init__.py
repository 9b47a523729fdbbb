"""What a project owns, read from its files: the facts a fix must keep.

The fix engine reads the facts of a repository as it is and as it would be
after a planned change set (the same files with some replaced, created or
deleted), and refuses a fix whose result loses any of them: the
distribution's name, version and where it comes from, its dependencies,
extras and entry points, the files its wheel ships as far as the build
config tells, every copyright line of its licence, the versions its
changelog records, the public attributes of its package, the tests pytest
collects, its CI jobs, triggers, services, runners and matrix rows, its
tox envs and what they run, what its ``.gitignore`` ignores, and what
would keep Sphinx from building its docs without a warning.

Everything is read statically: TOML with tomllib, YAML with a safe loader,
``setup.py`` with :mod:`ast`, never by running the project's code, and no
module that writes is imported.
"""

from __future__ import annotations

import dataclasses
import typing as t

from .ci import ci_facts
from .ci import publishers
from .docs import docs_errors
from .hooks import pins
from .hooks import precommit_hooks
from .losses import Loss
from .losses import losses
from .metadata import build_backend
from .metadata import build_errors
from .metadata import dependencies
from .metadata import distribution_name
from .metadata import entry_points
from .metadata import optional_dependencies
from .metadata import requires_python
from .project import attributes
from .project import changelog_versions
from .project import copyright_lines
from .project import gitignore_entries
from .testing import pytest_modules
from .testing import pytest_settings
from .testing import test_files
from .testing import warning_filters
from .tox import tox_envs
from .tree import Tree
from .versions import read_version
from .wheel import build_extras
from .wheel import shipped

if t.TYPE_CHECKING:
    from ..repo import Repo

__all__ = [
    "Facts",
    "Loss",
    "Tree",
    "losses",
    "pytest_modules",
    "pytest_settings",
    "read_facts",
]


@dataclasses.dataclass(frozen=True)
class Facts:
    """What a project owns. Every field is a set of short descriptions
    (or a mapping of sets), so that a loss is what one side has and the
    other lacks.
    """

    #: The normalized distribution name.
    name: str | None
    #: The version, where it can be told without building.
    version: str | None
    #: Where the version comes from: ``static``, ``attr`` (a module
    #: attribute read by the backend), ``scm`` (git tags), ``setup.py``
    #: (computed there), or ``unknown``.
    version_source: str
    requires_python: str | None
    #: Runtime requirements, normalized, markers included.
    dependencies: frozenset[str]
    #: ``extra: requirement`` for each optional dependency.
    optional: frozenset[str]
    #: ``group: name = value`` for scripts and entry points.
    entry_points: frozenset[str]
    #: The build backend, by module.
    backend: str | None
    #: What adds files to the wheel besides the package: build hooks,
    #: force-includes, data files.
    build_extras: frozenset[str]
    #: Files of the package the wheel ships, relative to the import root.
    shipped: frozenset[str]
    #: Every copyright line of the licence files.
    copyright: frozenset[str]
    #: Versions the changelog records.
    changelog: frozenset[str]
    #: ``module.name`` for the public attributes of each package's
    #: ``__init__`` (and ``__version__``).
    attributes: frozenset[str]
    #: Test files pytest collects, relative to the import root where they
    #: are inside the package.
    tests: frozenset[str]
    #: Warning filters pytest applies to every test.
    warning_filters: frozenset[str]
    ci_jobs: frozenset[str]
    ci_triggers: frozenset[str]
    ci_services: frozenset[str]
    ci_runners: frozenset[str]
    ci_matrix: frozenset[str]
    #: Workflows that upload to PyPI.
    publishers: frozenset[str]
    #: tox env name to what it runs, needs and sets.
    tox: t.Mapping[str, frozenset[str]]
    #: Entries of ``.gitignore``.
    gitignore: frozenset[str]
    #: ``repo: hook id`` for each pre-commit hook, but those of the tools
    #: ruff replaced.
    hooks: frozenset[str]
    #: The newest version each action and hook repository is pinned to.
    pins: t.Mapping[str, str]
    #: What keeps the project from building: licence files the metadata
    #: names that do not exist, keys both static and dynamic.
    build_errors: frozenset[str]
    #: What Sphinx would warn about in the docs: includes of files that do
    #: not exist, toctree entries that are no page, pages in no toctree;
    #: ``None`` without ``docs/conf.py``, when the docs do not build at all.
    docs_errors: frozenset[str] | None = None


def read_facts(repo: Repo, overlay: t.Mapping[str, str | None] = {}) -> Facts:
    """Read the facts of a repository, as it is or with planned texts."""
    tree = Tree(repo, overlay)
    version, source = read_version(tree)
    return Facts(
        name=distribution_name(tree),
        version=version,
        version_source=source,
        requires_python=requires_python(tree),
        dependencies=dependencies(tree),
        optional=optional_dependencies(tree),
        entry_points=entry_points(tree),
        backend=build_backend(tree),
        build_extras=build_extras(tree),
        shipped=shipped(tree),
        copyright=copyright_lines(tree),
        changelog=changelog_versions(tree),
        attributes=attributes(tree),
        tests=test_files(tree),
        warning_filters=warning_filters(tree),
        **ci_facts(tree),
        publishers=publishers(tree),
        tox=tox_envs(tree),
        gitignore=gitignore_entries(tree),
        hooks=precommit_hooks(tree),
        pins=pins(tree),
        build_errors=build_errors(tree),
        docs_errors=docs_errors(tree),
    )
