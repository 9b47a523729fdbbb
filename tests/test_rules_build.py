from __future__ import annotations

import re
import tomllib
import typing as t
from pathlib import Path

import pytest

from eco_lint.fix import plan
from eco_lint.repo import Repo
from eco_lint.rules.build import _poetry_version
from eco_lint.rules.build import IniRemoveSections

from .mutate import append
from .mutate import Case
from .mutate import check_one
from .mutate import delete
from .mutate import edit
from .mutate import fix_of
from .mutate import write

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


def _take_project(repo: Path, backend: str) -> dict[str, t.Any]:
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
    project = _take_project(repo, SETUPTOOLS)
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
    project = _take_project(
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


FAILING = {
    "BLD001": [
        Case(lambda r: edit(r, PY, '"flit_core>=3.11,<4"', '"flit_core<4"')),
        Case(
            lambda r: edit(
                r,
                PY,
                FLIT_BACKEND,
                'requires = ["hatchling"]\nbuild-backend = "hatchling.build"',
            )
        ),
        Case(
            lambda r: edit(r, PY, FLIT_BACKEND, f'{FLIT_BACKEND}\nbackend-path = ["."]')
        ),
    ],
    "BLD002": [
        Case(lambda r: edit(r, PY, 'name = "flask_greeting"', 'name = "flask_greet"')),
        Case(
            lambda r: edit(r, PY, '[tool.flit.module]\nname = "flask_greeting"\n', "")
        ),
    ],
    "BLD003": [
        Case(lambda r: edit(r, PY, '    "uv.lock",\n', "")),
        Case(lambda r: edit(r, PY, '    "docs/",\n    "tests/",\n', '    "docs/",\n')),
        Case(
            lambda r: edit(
                r, PY, '    "uv.lock",\n', '    "uv.lock",\n    "examples/",\n'
            )
        ),
        Case(lambda r: edit(r, PY, '    "docs/_build/",\n', "")),
        Case(
            lambda r: edit(
                r, PY, FLIT_TABLES, '[tool.flit.module]\nname = "flask_greeting"\n\n'
            )
        ),
    ],
    # The base render is pure Python, where BLD004 does not apply: each case
    # first makes it a correct C-extension project, then breaks one thing.
    "BLD004": [Case(brk, prepare=c_extension) for brk in C_EXTENSION_BREAKS],
    "BLD005": [
        Case(
            lambda r: write(r, "setup.py", "from setuptools import setup\n\nsetup()\n")
        ),
        Case(lambda r: write(r, "MANIFEST.in", "include uv.lock\n")),
        Case(lambda r: write(r, "setup.cfg", "[metadata]\nname = Flask-Greeting\n")),
        Case(lambda r: append(r, PY, "\n[tool.hatch.build]\nonly-packages = true\n")),
        Case(lambda r: append(r, PY, '\n[tool.poetry]\nname = "flask-greeting"\n')),
        # The migrations do not carry setup.py's install_requires, nor
        # Poetry's dependencies, yet: the fix refuses to lose them.
        Case(to_setup_cfg, fixable=False),
        Case(to_setup_cfg, base="click-plugin", fixable=False),
        Case(to_poetry, fixable=False),
        Case(to_setuptools_dynamic),
    ],
}


def test_bld001_flit_core_hyphen(make_repo):
    """Flask and Quart have written the requirement as ``flit-core``."""
    path: Path = make_repo()
    edit(path, PY, '"flit_core>=3.11,<4"', '"flit-core<4,>=3.11"')
    assert check_one(path, "BLD001").status == "pass"


def test_bld003_examples_when_present(make_repo):
    """Flask and Werkzeug put their examples in the sdist."""
    path: Path = make_repo()
    write(path, "examples/hello/app.py", "print('hello')\n")
    edit(path, PY, '    "docs/",\n', '    "docs/",\n    "examples/",\n')
    assert check_one(path, "BLD003").status == "pass"


def test_bld003_unlisted_examples(make_repo):
    """Click has examples/ and leaves them out of the sdist."""
    path: Path = make_repo()
    write(path, "examples/hello/app.py", "print('hello')\n")
    assert check_one(path, "BLD003").status == "pass"


def test_bld004_c_extension_passes(make_repo):
    """The MarkupSafe form: setuptools, an extension-only setup.py and a
    MANIFEST.in, where the flit rules do not apply.
    """
    path: Path = make_repo()
    assert check_one(path, "BLD004").status == "n/a"
    c_extension(path)
    assert check_one(path, "BLD004").status == "pass"
    assert check_one(path, "BLD001").status == "n/a"
    assert check_one(path, "BLD005").status == "n/a"


@pytest.mark.parametrize("brk", C_EXTENSION_BREAKS, ids=lambda f: f.__name__)
def test_bld004_c_extension_fails(make_repo, brk):
    path: Path = make_repo()
    c_extension(path)
    brk(path)
    result = check_one(path, "BLD004")
    assert result.status == "fail", result
    assert result.message


def _fixed(path: Path, code: str) -> dict[str, str | None]:
    """The files one rule's fix would write, by path."""
    repo = Repo(path)
    fix = fix_of(repo, code)
    assert fix is not None
    changes, failed = plan(repo, [fix])
    assert failed == []
    return {c.path: c.new for c in changes}


def test_bld005_fix_leaves_other_tools_in_setup_cfg(make_repo):
    """The pytest and flake8 sections are for the rules of those tools:
    setup.cfg stays while they are in it.
    """
    path: Path = make_repo()
    to_setup_cfg(path)
    append(path, "setup.cfg", "\n# style\n[flake8]\nmax-line-length = 88\n")
    new = _fixed(path, "BLD005")
    assert new["setup.cfg"] == (
        "[tool:pytest]\ntestpaths = tests\n\n# style\n[flake8]\nmax-line-length = 88\n"
    )
    assert new["setup.py"] is None and new["MANIFEST.in"] is None


def test_bld005_fix_needs_every_dynamic_value(make_repo):
    """A value only a build plugin can compute cannot be moved."""
    path: Path = make_repo()
    edit(path, PY, "dependencies = [", 'dynamic = ["dependencies"]\nxdependencies = [')
    edit(path, PY, 'xdependencies = [\n    "flask>=3.1",\n]\n', "")
    append(
        path, PY, '\n[tool.hatch.metadata.hooks.requirements_txt]\nfiles = ["r.txt"]\n'
    )
    assert check_one(path, "BLD005").status == "fail"
    changes, failed = plan(Repo(path), [fix_of(Repo(path), "BLD005")])
    assert changes == []
    assert failed[0][1] == (
        "only the old build backend computes dependencies: write it in [project]"
        " by hand"
    )


def test_bld005_fix_reads_old_flit_metadata(make_repo):
    path: Path = make_repo()
    project = _take_project(path, FLIT_BACKEND)
    write(
        path,
        "src/flask_greeting/__init__.py",
        '"""Greet the users of a Flask application."""\n\n__version__ = "0.1.0.dev"\n',
    )
    append(
        path,
        PY,
        '\n[tool.flit.metadata]\nmodule = "flask_greeting"\n'
        f'dist-name = "{project["name"]}"\nauthor = "Pallets"\n'
        'description-file = "README.md"\nrequires = ["flask>=3.1"]\n'
        'requires-python = ">=3.10"\n\n'
        '[tool.flit.scripts]\ngreet = "flask_greeting:main"\n',
    )
    text = _fixed(path, "BLD005")[PY] or ""
    assert text.startswith(
        '[project]\nname = "Flask-Greeting"\nversion = "0.1.0.dev"\n'
        'description = "Greet the users of a Flask application."\n'
        'readme = "README.md"\n'
    )
    assert '[project.scripts]\ngreet = "flask_greeting:main"\n' in text
    assert "tool.flit" not in text


@pytest.mark.parametrize(
    ("constraint", "expected"),
    [
        ("^3.1", ">=3.1"),
        ("~2.0.1", ">=2.0.1"),
        ("*", ""),
        ("2.0", "==2.0"),
        (">=1.2 <2", "<2,>=1.2"),
        ("^1 || ^2", None),
    ],
)
def test_poetry_constraints(constraint: str, expected: str | None):
    """Lower bounds only, as Pallets writes them; alternatives cannot be
    written as one PEP 440 specifier.
    """
    assert _poetry_version(constraint) == expected


def test_setup_cfg_with_comments_only_is_deleted(tmp_path: Path):
    edit = IniRemoveSections("setup.cfg", ("metadata", "options.*"))
    old = "# kept?\n[metadata]\nname = x\n\n[options.extras_require]\na = b\n"
    assert edit.apply(old, Repo(tmp_path)) is None
    assert edit.apply(old + "\n[flake8]\nx = 1\n", Repo(tmp_path)) == (
        "# kept?\n[flake8]\nx = 1\n"
    )


def test_bld003_checked_when_the_flit_core_bound_fails(make_repo):
    """Werkzeug requires ``flit_core<4``: BLD001 fails for the bound, and
    the sdist config is still checked, not hidden behind it.
    """
    path: Path = make_repo()
    edit(path, PY, '"flit_core>=3.11,<4"', '"flit_core<4"')
    assert check_one(path, "BLD001").status == "fail"
    assert check_one(path, "BLD003").status == "pass"
    edit(path, PY, '    "uv.lock",\n', "")
    assert check_one(path, "BLD003").status == "fail"
