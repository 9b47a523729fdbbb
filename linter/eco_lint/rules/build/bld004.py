"""BLD004: a C extension builds with setuptools, its metadata in
``[project]``.
"""

from __future__ import annotations

from packaging.requirements import Requirement
from packaging.version import Version

from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Build
from .._base import is_pure_python
from .._base import requirement_name
from .._base import setup_cfg_sections
from .._pyproject import table_line
from ._backend import build_system
from ._backend import BuildSystem
from ._backend import parse_requirement
from ._backend import PYPROJECT

#: ``setup()`` keywords that are metadata or package discovery: all of it
#: belongs in ``[project]``, which setuptools reads.
_SETUP_METADATA = frozenset(
    {
        "name",
        "version",
        "description",
        "long_description",
        "long_description_content_type",
        "author",
        "author_email",
        "maintainer",
        "maintainer_email",
        "url",
        "download_url",
        "project_urls",
        "license",
        "license_files",
        "license_file",
        "classifiers",
        "keywords",
        "platforms",
        "python_requires",
        "install_requires",
        "extras_require",
        "setup_requires",
        "tests_require",
        "entry_points",
        "scripts",
        "packages",
        "package_dir",
        "package_data",
        "py_modules",
        "include_package_data",
        "zip_safe",
    }
)


def _minimum_version(requirement: Requirement) -> Version | None:
    """The lowest version a requirement allows, where it names one."""
    for spec in requirement.specifier:
        if spec.operator in {">=", "~=", "==", "==="}:
            try:
                return Version(spec.version.rstrip(".*"))
            except ValueError:
                return None

    return None


class BLD004(Build):
    """C extension builds with setuptools and [project] metadata

    ## What it does
    For a project with C sources under `src/`, checks that `[build-system]`
    requires `setuptools>=77` with the `setuptools.build_meta` backend and no
    flit tables, that `setup.py` declares the extension and no metadata
    (`name`, `version`, `install_requires`, `packages` and the like), that
    `setup.cfg` has no `[metadata]` or `[options]`, and that `MANIFEST.in`
    exists.

    ## Why
    flit_core cannot compile extensions, so MarkupSafe builds with
    setuptools. setuptools 77 is the first to read the SPDX `license` and
    `license-files` of PEP 639. With the metadata in `[project]`, `setup.py`
    only adds the extension and its pure Python fallback, and `MANIFEST.in`
    puts the docs, tests and lock file in the sdist, as flit's
    `[tool.flit.sdist]` does for pure Python projects.

    ## Example
    ```python
    setup(
        name="MarkupSafe",
        install_requires=[],
        ext_modules=[Extension("markupsafe._speedups", [...])],
    )
    ```

    Use instead: `setup(ext_modules=[...])`, with the metadata in
    `[project]` and `requires = ["setuptools>=77"]`.

    ## Fix
    None. C extensions are rare among these projects, the template has no
    setuptools variant to take the build requirement and `MANIFEST.in` from,
    and `setup.py` is the project's code: move the metadata by hand, as
    MarkupSafe did.
    """

    weight = 3

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return not is_pure_python(repo)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        system = build_system(repo)

        if system.backend != "setuptools.build_meta":
            return Fail(
                f"build-backend is {system.backend!r}, not setuptools",
                PYPROJECT if repo.is_file(PYPROJECT) else None,
                table_line(repo, PYPROJECT, "build-system"),
            )

        failed = _build_failures(repo, system)

        if not repo.is_file("setup.py"):
            message = "setup.py, which declares the extension, is missing"
            failed.append(Fail(message, "setup.py"))

        metadata = sorted(_SETUP_METADATA & set(repo.setup_py))

        if metadata:
            failed.append(
                Fail(
                    f"setup() sets metadata: {', '.join(metadata)}",
                    "setup.py",
                    repo.line_of("setup.py", rf"\b{metadata[0]}\s*="),
                )
            )

        failed += setup_cfg_sections(repo, ("metadata", "options"))

        if not repo.is_file("MANIFEST.in"):
            failed.append(Fail("MANIFEST.in is missing", "MANIFEST.in"))

        return failed


def _build_failures(repo: Repo, system: BuildSystem) -> list[Fail]:
    """A setuptools ``[build-system]`` that requires too old a setuptools,
    or a project that keeps flit's tables.
    """
    requirements = [parse_requirement(r) for r in system.requires or []]
    setuptools = [
        r for r in requirements if r and requirement_name(r.name) == "setuptools"
    ]
    low = _minimum_version(setuptools[0]) if setuptools else None
    failed: list[Fail] = []

    if low is None or low < Version("77"):
        failed.append(
            Fail(
                f"build requires {system.requires!r}, not setuptools>=77",
                PYPROJECT,
                table_line(repo, PYPROJECT, "build-system", "requires"),
            )
        )

    if repo.tool("flit"):
        failed.append(
            Fail(
                "[tool.flit] tables in a setuptools build",
                PYPROJECT,
                repo.line_of(PYPROJECT, r"^\s*\[tool\.flit"),
            )
        )

    return failed
