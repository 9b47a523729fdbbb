"""Repositories that model what real projects carry, written here by hand.

Each pattern is a function that returns the files it adds, as a mapping of
POSIX path to text: a build hook that compiles translations, a version that
comes from git tags, a ``setup.py`` with ``install_requires``, a licence
held by a person, a long changelog in ``docs/``, tests inside the package, a
CI workflow with a database service, extra matrix rows and a weekly cron, a
release workflow that uploads with a token, and so on. Patterns compose with
:func:`compose` (a later pattern replaces a file an earlier one wrote), and
:data:`FIXTURES` combines them into the projects the tests fix and compare.
:func:`write_repo` writes one as a committed git repository, tagged when its
version comes from git.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import textwrap
import typing as t
from pathlib import Path

Files = dict[str, str]


def _dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


@dataclasses.dataclass(frozen=True)
class Names:
    """How one fixture project is called, and where its package lives."""

    #: The distribution name.
    dist: str
    #: The import name.
    module: str
    #: Whether the package is under ``src/``.
    src: bool = True

    @property
    def package(self) -> str:
        return f"src/{self.module}" if self.src else self.module


def compose(*parts: Files) -> Files:
    """Merge patterns; a later part's file replaces an earlier one's."""
    result: Files = {}

    for part in parts:
        result.update(part)

    return result


# The package ---------------------------------------------------------


def package(names: Names, version: str | None = None) -> Files:
    """A small package with two public functions, and ``__version__`` when
    a version is given.
    """
    dunder = f'__version__ = "{version}"\n\n' if version else ""
    return {
        f"{names.package}/__init__.py": (
            f'"""{names.dist}: greet people."""\n\n'
            "from .greet import greet as greet\n"
            "from .greet import shout as shout\n\n"
            f"{dunder}"
            '__all__ = ["greet", "shout"]\n'
        ),
        f"{names.package}/greet.py": _dedent(
            '''
            def greet(name: str) -> str:
                """Say hello to someone."""
                return f"Hello, {name}!"


            def shout(name: str) -> str:
                """Say hello loudly."""
                return greet(name).upper()
            '''
        ),
        f"{names.package}/cli.py": _dedent(
            """
            import sys

            from .greet import greet


            def main() -> None:
                print(greet(sys.argv[1] if len(sys.argv) > 1 else "world"))
            """
        ),
    }


def tests_folder(names: Names, folder: str = "tests", warns: bool = False) -> Files:
    """Tests in ``folder`` (``tests``, or inside the package). With
    ``warns``, importing one test module emits a DeprecationWarning, as
    projects that test deprecated paths do: ``filterwarnings = error``
    would stop it from being collected.
    """
    warning = (
        "import warnings\n\n"
        'warnings.warn("the old greeting is deprecated", DeprecationWarning)\n\n'
        if warns
        else ""
    )
    return {
        f"{folder}/__init__.py": "",
        f"{folder}/test_greet.py": _dedent(
            f"""
            from {names.module} import greet
            from {names.module} import shout


            def test_greet():
                assert greet("Ada") == "Hello, Ada!"


            def test_shout():
                assert shout("Ada") == "HELLO, ADA!"
            """
        ),
        f"{folder}/test_legacy.py": warning
        + _dedent(
            f"""
            from {names.module} import greet


            def test_old_greeting():
                assert greet("Bob").startswith("Hello")
            """
        ),
    }


def tests_in_package(names: Names, warns: bool = True) -> Files:
    """Tests inside the package: ``pkg/tests`` or ``src/pkg/tests``."""
    return tests_folder(names, f"{names.package}/tests", warns)


def readme(names: Names) -> Files:
    return {"README.md": f"# {names.dist}\n\nGreet people from a web app.\n"}


# Licence and changelog -----------------------------------------------


def licence_person(holder: str = "Jane Roe", years: str = "2010-2012") -> Files:
    """A BSD licence held by a person, in the ``Copyright (C)`` form, with
    a second holder who took over maintenance.
    """
    return {
        "LICENSE": _dedent(
            f"""
            Copyright (C) {years} {holder}
            Copyright (c) 2019 The Greeting Maintainers

            Redistribution and use in source and binary forms, with or without
            modification, are permitted provided that the following conditions
            are met:

            1.  Redistributions of source code must retain the above copyright
                notice, this list of conditions and the following disclaimer.

            2.  Redistributions in binary form must reproduce the above copyright
                notice, this list of conditions and the following disclaimer in the
                documentation and/or other materials provided with the distribution.

            3.  Neither the name of the copyright holder nor the names of its
                contributors may be used to endorse or promote products derived from
                this software without specific prior written permission.

            THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS
            "AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES ARE DISCLAIMED.
            """
        )
    }


def _versions(count: int) -> list[str]:
    """Released versions, newest first: 2.4.0, 2.3.1, 2.3.0, ..."""
    found = []

    for minor in range(count):
        major, rest = divmod(minor, 5)
        found.append(f"{major}.{rest}.0")

        if minor % 2:
            found.append(f"{major}.{rest}.1")

    return list(reversed(found))


def docs_changelog(count: int = 40) -> Files:
    """A long reStructuredText changelog in ``docs/``, many versions, and
    a docs config that reads it; no root ``CHANGES``.
    """
    entries = []

    for index, version in enumerate(_versions(count)):
        heading = f"Version {version}"
        entries.append(
            f"{heading}\n{'-' * len(heading)}\n\n"
            f"Released 20{10 + index // 6}-0{1 + index % 9}-1{index % 10}\n\n"
            f"-   Fix the greeting for names with {index} letters.\n"
            f"-   Document the shout function, part {index}.\n"
        )

    return {
        "docs/changelog.rst": "Changelog\n=========\n\n" + "\n".join(entries),
        "docs/index.rst": _dedent(
            """
            Greeting
            ========

            .. toctree::

               changelog
            """
        ),
        "docs/conf.py": _dedent(
            """
            project = "Greeting"
            extensions = ["sphinx.ext.autodoc"]
            html_theme = "alabaster"
            """
        ),
    }


def docs_plain(names: Names) -> Files:
    """Sphinx docs in reStructuredText: a ``conf.py`` that loads no
    extension, an index whose toctree lists a usage page.
    """
    return {
        "docs/conf.py": f'project = "{names.dist}"\nextensions = []\n',
        "docs/index.rst": _dedent(
            f"""
            {names.dist}
            {"=" * len(names.dist)}

            Greet people from a web app.

            .. toctree::

               usage
            """
        ),
        "docs/usage.rst": _dedent(
            f"""
            Usage
            =====

            Call ``{names.module}.greet`` with a name.
            """
        ),
    }


def docs_myst(names: Names) -> Files:
    """Sphinx docs in Markdown: a ``conf.py`` that loads MyST, an index
    whose fenced toctree lists a usage page.
    """
    return {
        "docs/conf.py": (
            f'project = "{names.dist}"\nextensions = ["myst_parser"]\n'
            'exclude_patterns = ["_build"]\n'
        ),
        "docs/index.md": _dedent(
            f"""
            # {names.dist}

            Greet people from a web app.

            ```{{toctree}}
            usage
            ```
            """
        ),
        "docs/usage.md": _dedent(
            f"""
            # Usage

            Call `{names.module}.greet` with a name.
            """
        ),
    }


def root_history(count: int = 8) -> Files:
    """A ``HISTORY.rst`` at the root, in the ``x.y.z (date)`` form."""
    lines = ["History", "=======", ""]

    for version in _versions(count):
        heading = f"{version} (2015-06-01)"
        lines += [heading, "-" * len(heading), "", "-   Changes.", ""]

    return {"HISTORY.rst": "\n".join(lines)}


# Build and version ---------------------------------------------------


def _project_table(
    names: Names,
    version: str | None,
    dependencies: t.Sequence[str],
    requires_python: str = ">=3.8",
    extra: str = "",
) -> str:
    deps = "".join(f"    {json.dumps(d)},\n" for d in dependencies)
    version_line = f'version = "{version}"\n' if version else 'dynamic = ["version"]\n'
    return (
        "[project]\n"
        f'name = "{names.dist}"\n'
        f"{version_line}"
        'description = "Greet people from a web app."\n'
        'readme = "README.md"\n'
        'license = {file = "LICENSE"}\n'
        'authors = [{name = "Jane Roe", email = "jane@example.org"}]\n'
        f'requires-python = "{requires_python}"\n'
        f"dependencies = [\n{deps}]\n"
        f"{extra}"
        "\n[project.scripts]\n"
        f'{names.dist.lower()} = "{names.module}.cli:main"\n'
    )


#: Dependencies without floors and with environment markers.
MARKED_DEPENDENCIES = (
    "Flask",
    "itsdangerous",
    "typing_extensions; python_version < '3.10'",
    "importlib-metadata>=3.6; python_version<'3.10'",
)

OPTIONAL = (
    '\n[project.optional-dependencies]\nredis = ["redis>=4"]\nsqla = ["SQLAlchemy"]\n'
)


def hatch_translations(names: Names) -> Files:
    """hatchling with a custom build hook that compiles the package's
    ``.po`` catalogs to ``.mo`` files in the wheel; the ``.mo`` files are
    ignored by git and exist only in the build.
    """
    catalogs = {
        "de": ("Hallo, {name}!", "Auf Wiedersehen"),
        "fr": ("Bonjour, {name} !", "Au revoir"),
    }
    files: Files = {}

    for lang, (hello, bye) in catalogs.items():
        files[f"{names.package}/translations/{lang}/LC_MESSAGES/messages.po"] = (
            f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"Language: {lang}\\n"\n\n'
            f'msgid "Hello, {{name}}!"\nmsgstr "{hello}"\n\n'
            f'msgid "Goodbye"\nmsgstr "{bye}"\n'
        )

    files["hatch_build.py"] = _dedent(
        '''
        """Compile the message catalogs into the wheel."""

        import ast
        import struct
        import tempfile
        from pathlib import Path

        from hatchling.builders.hooks.plugin.interface import BuildHookInterface


        def read_po(text):
            messages = {}
            key = value = None
            target = None

            for line in text.splitlines():
                line = line.strip()

                if line.startswith("msgid "):
                    if key is not None:
                        messages[key] = value
                    key, value, target = ast.literal_eval(line[6:]), "", "id"
                elif line.startswith("msgstr "):
                    value, target = ast.literal_eval(line[7:]), "str"
                elif line.startswith('"') and target == "id":
                    key += ast.literal_eval(line)
                elif line.startswith('"') and target == "str":
                    value += ast.literal_eval(line)

            if key is not None:
                messages[key] = value

            return messages


        def write_mo(messages):
            keys = sorted(messages)
            ids = strs = b""
            table = []

            for key in keys:
                k, v = key.encode(), messages[key].encode()
                table.append((len(ids), len(k), len(strs), len(v)))
                ids += k + b"\\0"
                strs += v + b"\\0"

            start = 7 * 4 + 16 * len(keys)
            head = struct.pack(
                "7I", 0x950412DE, 0, len(keys), 28, 28 + 8 * len(keys), 0, 0
            )
            offsets = b"".join(struct.pack("2I", n, o + start) for o, n, _, _ in table)
            offsets += b"".join(
                struct.pack("2I", n, o + start + len(ids)) for _, _, o, n in table
            )
            return head + offsets + ids + strs


        class CatalogHook(BuildHookInterface):
            PLUGIN_NAME = "custom"

            def initialize(self, version, build_data):
                if self.target_name != "wheel":
                    return

                out = Path(tempfile.mkdtemp())

                for po in sorted(Path(self.root).glob("**/LC_MESSAGES/*.po")):
                    relative = po.relative_to(self.root).with_suffix(".mo")
                    mo = out / relative
                    mo.parent.mkdir(parents=True, exist_ok=True)
                    mo.write_bytes(write_mo(read_po(po.read_text("utf-8"))))
                    inside = relative

                    if relative.parts[0] == "src":
                        inside = Path(*relative.parts[1:])

                    build_data["force_include"][str(mo)] = inside.as_posix()
        '''
    )
    files["pyproject.toml"] = (
        _dedent(
            """
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"

            """
        )
        + _project_table(names, "2.4.0", ["Flask>=2.2", "Babel"])
        + _dedent(
            f"""

            [tool.hatch.build.hooks.custom]

            [tool.hatch.build.targets.wheel]
            packages = ["{names.package}"]

            [tool.hatch.build.targets.sdist]
            include = ["{names.package}", "tests", "hatch_build.py"]
            """
        )
    )
    return files


def setuptools_scm(names: Names) -> Files:
    """setuptools with a version from git tags, written by setuptools_scm
    to ``_version.py`` in the package (ignored by git), which
    ``__init__.py`` imports.
    """
    return {
        "pyproject.toml": (
            _dedent(
                """
                [build-system]
                requires = ["setuptools>=64", "setuptools_scm>=8"]
                build-backend = "setuptools.build_meta"

                """
            )
            + _project_table(names, None, MARKED_DEPENDENCIES, extra=OPTIONAL)
            + _dedent(
                f"""

                [tool.setuptools_scm]
                version_file = "{names.package}/_version.py"

                [tool.setuptools.packages.find]
                where = ["{"src" if names.src else "."}"]
                """
            )
        ),
        f"{names.package}/__init__.py": (
            f'"""{names.dist}: greet people."""\n\n'
            "from ._version import __version__ as __version__\n"
            "from .greet import greet as greet\n"
            "from .greet import shout as shout\n"
        ),
        ".gitignore": f"{names.package}/_version.py\n",
    }


def hatch_vcs(names: Names) -> Files:
    """hatchling with hatch-vcs: the version comes from git tags."""
    return {
        "pyproject.toml": (
            _dedent(
                """
                [build-system]
                requires = ["hatchling", "hatch-vcs"]
                build-backend = "hatchling.build"

                """
            )
            + _project_table(names, None, ["Flask", "click>=8"])
            + _dedent(
                f"""

                [tool.hatch.version]
                source = "vcs"

                [tool.hatch.build.targets.wheel]
                packages = ["{names.package}"]
                """
            )
        )
    }


def flit_dunder_version(names: Names) -> Files:
    """flit_core reading the version from ``__version__``."""
    return {
        "pyproject.toml": (
            _dedent(
                """
                [build-system]
                requires = ["flit_core>=3.4,<4"]
                build-backend = "flit_core.buildapi"

                """
            )
            + _project_table(names, None, MARKED_DEPENDENCIES, extra=OPTIONAL)
            + f'\n[tool.flit.module]\nname = "{names.module}"\n'
        )
    }


def setup_py_only(names: Names, version: str = "0.9.3") -> Files:
    """A ``setup.py`` and nothing else: ``install_requires``, an extra,
    package data, a console script, and ``__version__`` in the package.
    """
    return {
        "setup.py": _dedent(
            f"""
            from setuptools import find_packages
            from setuptools import setup

            setup(
                name="{names.dist}",
                version="{version}",
                description="Greet people from a web app.",
                long_description=open("README.md").read(),
                long_description_content_type="text/markdown",
                author="Jane Roe",
                author_email="jane@example.org",
                license="BSD",
                packages=find_packages(exclude=["tests", "tests.*"]),
                package_data={{"{names.module}": ["templates/*.html"]}},
                python_requires=">=3.8",
                install_requires=["Flask>=1.0", "blinker"],
                extras_require={{"signals": ["blinker>=1.4"]}},
                entry_points={{
                    "console_scripts": [
                        "{names.dist.lower()} = {names.module}.cli:main"
                    ],
                    "flask.commands": ["greet = {names.module}.cli:main"],
                }},
                classifiers=["Framework :: Flask"],
            )
            """
        ),
        f"{names.package}/templates/greeting.html": "<p>Hello, {{ name }}!</p>\n",
        "MANIFEST.in": f"recursive-include {names.module}/templates *.html\n",
    }


# Tooling -------------------------------------------------------------


def tox_factors(names: Names) -> Files:
    """``tox.ini`` with the project's own factors: SQLAlchemy 1.x and 2.x
    with their own dependencies and commands, and a docs env.
    """
    return {
        "tox.ini": _dedent(
            """
            [tox]
            envlist =
                py3{8,9,10,11,12}-sqla{1,2}
                style
                docs
            skip_missing_interpreters = true

            [testenv]
            deps =
                pytest
                sqla1: sqlalchemy<2
                sqla2: sqlalchemy>=2
            setenv =
                sqla1: SQLALCHEMY_WARN_20 = 1
            commands =
                sqla1: pytest -W always::DeprecationWarning {posargs}
                sqla2: pytest {posargs}

            [testenv:style]
            deps = pre-commit
            skip_install = true
            commands = pre-commit run --all-files

            [testenv:docs]
            deps = sphinx
            commands = sphinx-build -W -b html docs docs/_build/html
            """
        )
    }


def gitignore_project() -> Files:
    """A ``.gitignore`` with the project's own entries."""
    return {
        ".gitignore": _dedent(
            """
            # environment
            .env
            .venv*/
            instance/
            *.sqlite3
            /dist/
            /build/
            *.egg-info/
            __pycache__/
            .coverage
            htmlcov/
            docs/_build/
            *.mo
            """
        )
    }


def precommit_extra_hooks() -> Files:
    """A pre-commit config with hooks of the project's own."""
    return {
        ".pre-commit-config.yaml": _dedent(
            """
            repos:
              - repo: https://github.com/astral-sh/ruff-pre-commit
                rev: v0.1.6
                hooks:
                  - id: ruff
                  - id: ruff-format
              - repo: https://github.com/codespell-project/codespell
                rev: v2.2.6
                hooks:
                  - id: codespell
              - repo: local
                hooks:
                  - id: no-print
                    name: no print calls
                    language: pygrep
                    entry: '\\bprint\\('
                    types: [python]
            """
        )
    }


# CI --------------------------------------------------------------------


def ci_services() -> Files:
    """A tests workflow with a PostgreSQL service container, a matrix over
    Python and SQLAlchemy 1.x/2.x with an extra macOS row, a weekly cron,
    and a second job of the project's own.
    """
    return {
        ".github/workflows/tests.yml": _dedent(
            """
            name: Tests
            on:
              push:
                branches: [main, "*.x"]
              pull_request:
              schedule:
                - cron: "0 5 * * 1"
            jobs:
              tests:
                name: ${{ matrix.python }} ${{ matrix.sqlalchemy }} ${{ matrix.os }}
                runs-on: ${{ matrix.os }}
                strategy:
                  fail-fast: false
                  matrix:
                    os: [ubuntu-latest]
                    python: ["3.8", "3.9", "3.10", "3.11", "3.12"]
                    sqlalchemy: ["sqla1", "sqla2"]
                    include:
                      - os: macos-latest
                        python: "3.12"
                        sqlalchemy: sqla2
                services:
                  postgres:
                    image: postgres:16
                    env:
                      POSTGRES_PASSWORD: postgres
                    ports:
                      - 5432:5432
                    options: >-
                      --health-cmd pg_isready --health-interval 10s
                      --health-timeout 5s --health-retries 5
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/setup-python@v5
                    with:
                      python-version: ${{ matrix.python }}
                  - run: pip install tox
                  - run: tox -e py-${{ matrix.sqlalchemy }}
                    env:
                      DATABASE_URL: postgresql://postgres:postgres@localhost/postgres
              docs:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/setup-python@v5
                    with:
                      python-version: "3.12"
                  - run: pip install tox
                  - run: tox -e docs
            """
        )
    }


def token_release() -> Files:
    """A release workflow named ``release.yml`` that uploads with an API
    token through twine.
    """
    return {
        ".github/workflows/release.yml": _dedent(
            """
            name: Release
            on:
              release:
                types: [published]
            jobs:
              pypi:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/setup-python@v5
                    with:
                      python-version: "3.x"
                  - run: pip install build twine
                  - run: python -m build
                  - run: twine upload dist/*
                    env:
                      TWINE_USERNAME: __token__
                      TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}
            """
        )
    }


# Fixtures ------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Fixture:
    """A project made of patterns.

    :param names: Its names.
    :param files: Its files.
    :param tag: A git tag to put on its commit, for versions from git.
    :param patterns: The patterns it models, by name.
    """

    names: Names
    files: Files
    tag: str | None = None
    patterns: tuple[str, ...] = ()


def _translations() -> Fixture:
    names = Names("Flask-Babelish", "flask_babelish")
    files = compose(
        gitignore_project(),
        package(names, version="2.4.0"),
        tests_folder(names),
        readme(names),
        licence_person(),
        docs_changelog(),
        hatch_translations(names),
        precommit_extra_hooks(),
    )
    return Fixture(
        names,
        files,
        patterns=(
            "hatch_translations",
            "licence_person",
            "docs_changelog",
            "dunder_version",
            "gitignore_project",
            "precommit_extra_hooks",
        ),
    )


def _scm() -> Fixture:
    names = Names("Flask-Tagged", "flask_tagged")
    files = compose(
        package(names),
        gitignore_project(),
        setuptools_scm(names),
        tests_in_package(names),
        readme(names),
        licence_person("John Doe", "2014"),
        root_history(),
        tox_factors(names),
        ci_services(),
        token_release(),
    )
    files[".gitignore"] = (
        gitignore_project()[".gitignore"] + f"{names.package}/_version.py\n"
    )
    return Fixture(
        names,
        files,
        tag="1.7.2",
        patterns=(
            "setuptools_scm",
            "tests_in_package",
            "requires_python_38",
            "marked_dependencies",
            "tox_factors",
            "ci_services",
            "token_release",
        ),
    )


def _vcs() -> Fixture:
    names = Names("Flask-Vcs", "flask_vcs", src=False)
    files = compose(
        package(names),
        hatch_vcs(names),
        tests_in_package(names, warns=False),
        readme(names),
        licence_person("Ann Smith", "2016-2020"),
    )
    return Fixture(names, files, tag="v3.0.1", patterns=("hatch_vcs", "flat_layout"))


def _legacy() -> Fixture:
    names = Names("Flask-Legacy", "flask_legacy", src=False)
    files = compose(
        package(names, version="0.9.3"),
        setup_py_only(names),
        tests_folder(names, warns=True),
        readme(names),
        licence_person("Max Mustermann", "2011-2013"),
        root_history(12),
        gitignore_project(),
        docs_plain(names),
    )
    return Fixture(
        names,
        files,
        patterns=("setup_py_only", "dunder_version", "package_data", "docs_plain"),
    )


def _flit() -> Fixture:
    names = Names("Flask-Dunder", "flask_dunder")
    files = compose(
        package(names, version="1.2.0"),
        flit_dunder_version(names),
        tests_folder(names),
        readme(names),
        licence_person("Jane Roe", "2018"),
        ci_services(),
        gitignore_project(),
        docs_myst(names),
    )
    return Fixture(
        names,
        files,
        patterns=(
            "flit_dunder_version",
            "marked_dependencies",
            "ci_services",
            "docs_myst",
        ),
    )


#: Every fixture project, by name.
FIXTURES: dict[str, t.Callable[[], Fixture]] = {
    "translations": _translations,
    "scm": _scm,
    "vcs": _vcs,
    "legacy": _legacy,
    "flit": _flit,
}


def write_files(path: Path, files: Files) -> Path:
    """Write files below ``path``, creating folders."""
    for name, text in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    return path


def write_repo(
    path: Path,
    fixture: Fixture | Files,
    env: t.Mapping[str, str] | None = None,
) -> Path:
    """Write a fixture (or plain files) as a git repository with one
    commit, tagged when the fixture's version comes from git.
    """
    files = fixture.files if isinstance(fixture, Fixture) else fixture
    tag = fixture.tag if isinstance(fixture, Fixture) else None
    write_files(path, files)
    environ = dict(env if env is not None else os.environ)
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.com"]

    def git(*args: str) -> None:
        subprocess.run(
            ["git", *identity, *args],
            cwd=path,
            env=environ,
            check=True,
            capture_output=True,
        )

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "start")

    if tag is not None:
        git("tag", tag)

    return path


def docs_build(path: Path, env: t.Mapping[str, str]) -> bool | None:
    """Whether Sphinx builds the project's docs with no warning (the dummy
    builder, which reads every page and writes nothing), or ``None`` when
    there is no ``docs/conf.py`` to build from. The output goes beside the
    project, which it leaves as it was.
    """
    import sys
    import tempfile

    if not (path / "docs/conf.py").is_file():
        return None

    with tempfile.TemporaryDirectory(prefix="docs-", dir=path.parent) as out:
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "dummy", "-q", "-W"]
            + ["--keep-going", "-d", f"{out}/doctrees", "docs", out],
            cwd=path,
            env=dict(env),
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )

    return result.returncode == 0
