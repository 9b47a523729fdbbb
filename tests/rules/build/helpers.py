"""What the tests of the BLD rules share: the render turned into the
older build configurations the rules migrate from.
"""

from __future__ import annotations

import re
import tomllib
import typing as t
from pathlib import Path

from ...mutate import append
from ...mutate import apply_fix
from ...mutate import delete
from ...mutate import edit
from ...mutate import write

PY = "pyproject.toml"
FLIT_BACKEND = 'requires = ["flit_core>=3.11,<4"]\nbuild-backend = "flit_core.buildapi"'
FLIT_TABLES = (
    '[tool.flit.module]\nname = "flask_greeting"\n\n'
    "[tool.flit.sdist]\n"
    'include = [\n    "docs/",\n    "tests/",\n    "CHANGES.md",\n    "uv.lock",\n]\n'
    'exclude = [\n    "docs/_build/",\n]\n\n'
)
SETUP_PY = """\
from setuptools import Extension
from setuptools import setup

setup(
    ext_modules=[
        Extension("flask_greeting._speedups", ["src/flask_greeting/_speedups.c"])
    ],
)
"""
MANIFEST_IN = """\
include CHANGES.md
include uv.lock
graft docs
prune docs/_build
graft tests
include src/flask_greeting/py.typed
global-exclude *.pyc
"""


def c_extension(repo: Path) -> None:
    """Turn the flask-eco-mit render into a C-extension project that
    follows the standard's MarkupSafe variant.
    """
    write(repo, "src/flask_greeting/_speedups.c", "#include <Python.h>\n")
    edit(
        repo,
        PY,
        FLIT_BACKEND,
        'requires = ["setuptools>=77"]\nbuild-backend = "setuptools.build_meta"',
    )
    edit(repo, PY, FLIT_TABLES, "")
    write(repo, "setup.py", SETUP_PY)
    write(repo, "MANIFEST.in", MANIFEST_IN)


def _old_setuptools(repo: Path) -> None:
    edit(repo, PY, '"setuptools>=77"', '"setuptools>=61"')


def _setup_metadata(repo: Path) -> None:
    edit(repo, "setup.py", "setup(\n", 'setup(\n    name="Flask-Greeting",\n')


def _no_manifest(repo: Path) -> None:
    delete(repo, "MANIFEST.in")


def _flit_backend(repo: Path) -> None:
    edit(repo, PY, '"setuptools.build_meta"', '"flit_core.buildapi"')


C_EXTENSION_BREAKS = [_old_setuptools, _setup_metadata, _no_manifest, _flit_backend]
SETUPTOOLS = 'requires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"'


def _package(repo: Path) -> str:
    (init,) = repo.glob("src/*/__init__.py")
    return init.parent.name


def _drop_tables(text: str, pattern: str) -> str:
    """Remove the TOML tables whose names match a regular expression."""
    return re.sub(rf"^\[{pattern}\]\n.*?(\n(?=\[)|\Z)", "", text, flags=re.S | re.M)


def take_project(repo: Path, backend: str) -> dict[str, t.Any]:
    """Remove ``[project]`` with its sub-tables and the flit tables, set
    another backend, and return what ``[project]`` held.
    """
    text = (repo / PY).read_text()
    project: dict[str, t.Any] = tomllib.loads(text)["project"]
    text = _drop_tables(text, r"(project|tool\.flit)(\.\S+)?")
    (repo / PY).write_text(text.replace(FLIT_BACKEND, backend))
    return project


def _cfg_list(values: t.Iterable[str]) -> str:
    return "".join(f"\n    {v}" for v in values)


def _add_version(repo: Path, version: str) -> None:
    append(repo, f"src/{_package(repo)}/__init__.py", f"\n__version__ = {version!r}\n")


def to_setup_cfg(repo: Path) -> None:
    """The render as a 2022 project: metadata in setup.cfg, the version in
    ``__version__``, the dependencies in setup.py, and a MANIFEST.in.
    """
    project = take_project(repo, SETUPTOOLS)
    (person,) = project["maintainers"]
    urls = [f"{k} = {v}" for k, v in project["urls"].items()]
    scripts = [f"{k} = {v}" for k, v in project.get("scripts", {}).items()]
    entry_points = f"\n[options.entry_points]\nconsole_scripts ={_cfg_list(scripts)}\n"
    write(
        repo,
        "setup.cfg",
        f"[metadata]\nname = {project['name']}\n"
        f"version = attr: {_package(repo)}.__version__\n"
        f"description = {project['description']}\n"
        f"long_description = file: {project['readme']}\n"
        "long_description_content_type = text/markdown\n"
        f"license = {project['license']}\n"
        f"maintainer = {person['name']}\nmaintainer_email = {person['email']}\n"
        f"project_urls ={_cfg_list(urls)}\n"
        f"classifiers ={_cfg_list(project['classifiers'])}\n\n"
        "[options]\npackages = find:\npackage_dir = = src\n"
        f"python_requires = {project['requires-python']}\n\n"
        "[options.packages.find]\nwhere = src\n"
        + (entry_points if scripts else "")
        + "\n[tool:pytest]\ntestpaths = tests\n",
    )
    dependencies = project.get("dependencies", [])
    write(
        repo,
        "setup.py",
        "from setuptools import setup\n\n"
        f"setup(name={project['name']!r}, install_requires={dependencies!r})\n",
    )
    write(repo, "MANIFEST.in", "graft docs\ngraft tests\n")
    _add_version(repo, project["version"])


def to_poetry(repo: Path) -> None:
    """The render as a Poetry project."""
    project = take_project(
        repo, 'requires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"'
    )
    (person,) = project["maintainers"]
    (dependency,) = project["dependencies"]
    name, _, low = dependency.partition(">=")
    urls = "".join(f'{k} = "{v}"\n' for k, v in project["urls"].items())
    append(
        repo,
        PY,
        f'\n[tool.poetry]\nname = "{project["name"]}"\n'
        f'version = "{project["version"]}"\n'
        f'description = "{project["description"]}"\n'
        f'readme = "{project["readme"]}"\nlicense = "{project["license"]}"\n'
        f'maintainers = ["{person["name"]} <{person["email"]}>"]\n'
        f"classifiers = {project['classifiers']!r}\n"
        f'packages = [{{include = "{_package(repo)}", from = "src"}}]\n\n'
        "[tool.poetry.dependencies]\n"
        f'python = "^{project["requires-python"][2:]}"\n{name} = "^{low}"\n\n'
        '[tool.poetry.group.docs.dependencies]\nsphinx = "*"\n\n'
        f"[tool.poetry.urls]\n{urls}",
    )


def to_setuptools_dynamic(repo: Path) -> None:
    """The render as a 2023 project: ``[project]`` built by setuptools
    with the version read from the package.
    """
    text = (repo / PY).read_text()
    version = tomllib.loads(text)["project"]["version"]
    text = text.replace(f'version = "{version}"\n', 'dynamic = ["version"]\n')
    text = _drop_tables(text.replace(FLIT_BACKEND, SETUPTOOLS), r"tool\.flit\.\S+")
    attr = f"{_package(repo)}.__version__"
    text += f'\n[tool.setuptools.dynamic]\nversion = {{attr = "{attr}"}}\n'
    (repo / PY).write_text(text)
    _add_version(repo, version)


def fixed(path: Path, code: str) -> dict[str, str | None]:
    """The files one rule's fix would write, by path."""
    return apply_fix(path, code)[1]
