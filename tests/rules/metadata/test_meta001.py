"""META001: the version is static in pyproject.toml."""

from __future__ import annotations

from pathlib import Path

from eco_lint.check import fix_repository
from eco_lint.facts import read_facts
from eco_lint.repo import Repo
from eco_lint.rules.metadata.meta001 import RemoveAssignment
from eco_lint.settings import Settings

from ...mutate import append
from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import fix_of
from ...mutate import write
from .helpers import fixed_files
from .helpers import INIT
from .helpers import PY
from .helpers import refusal_reason

FAILING = {
    "META001": [
        Case(lambda r: edit(r, PY, 'version = "0.1.0.dev"', 'dynamic = ["version"]')),
        # Deprecating __version__ is display only: --fix leaves it.
        Case(lambda r: append(r, INIT, '\n__version__ = "0.1.0.dev"\n'), fixable=False),
        Case(lambda r: edit(r, PY, 'version = "0.1.0.dev"\n', "")),
    ],
}


def _flit_dynamic(path: Path, version: str = "3.0.0.dev") -> None:
    """Flask before 3.0, and Flask-Security now: flit_core reads the
    version from ``__version__``, assigned after the imports.
    """
    edit(path, PY, 'version = "0.1.0.dev"', 'dynamic = ["version"]')
    append(path, INIT, f'\n__version__ = "{version}"\n')


def test_meta001_deprecated_version_getattr(make_repo):
    """Flask keeps ``__version__`` readable through ``__getattr__``."""
    path: Path = make_repo()
    append(
        path,
        INIT,
        "\n\ndef __getattr__(name: str) -> str:\n"
        '    if name == "__version__":\n'
        "        import importlib.metadata\n\n"
        '        return importlib.metadata.version("flask-greeting")\n\n'
        "    raise AttributeError(name)\n",
    )
    assert check_one(path, "META001").status == "pass"


def test_meta001_fix_keeps_a_version_that_is_read(make_repo):
    """The package's own code reads ``__version__`` while it is imported,
    before a ``__getattr__`` at the end of ``__init__`` exists: the fix
    says what to change by hand.
    """
    path: Path = make_repo()
    append(path, INIT, '\n__version__ = "0.1.0.dev"\n')
    write(
        path,
        "src/flask_greeting/cli.py",
        "from . import __version__\n\nprint(__version__)\n",
    )
    assert check_one(path, "META001").status == "fail"
    reason = refusal_reason(path, "META001")
    assert "src/flask_greeting/cli.py read __version__" in reason
    assert "importlib.metadata.version('Flask-Greeting')" in reason


def test_meta001_fix_keeps_version_readable(make_repo):
    """The version becomes static, and ``__version__`` is answered by a
    module ``__getattr__`` that warns, as Flask did when it moved.
    """
    path: Path = make_repo()
    _flit_dynamic(path)
    result = check_one(path, "META001")
    assert result.status == "fail" and result.message == "version is dynamic"
    # Deprecating a public attribute is the maintainer's call for a release:
    # --diff shows the change, and neither --fix nor adoption makes it.
    fix = fix_of(Repo(path), "META001")
    assert fix is not None and fix.applicability == "display"
    run = fix_repository(str(path), Settings(select=("META001",)), ("safe", "unsafe"))
    assert run.written == ()
    fixed = fixed_files(path, "META001")
    assert 'version = "3.0.0.dev"\n' in (fixed[PY] or "")
    init = fixed[INIT] or ""
    assert '__version__ = "' not in init
    assert 'return importlib.metadata.version("Flask-Greeting")' in init
    assert "DeprecationWarning" in init
    compile(init, INIT, "exec")

    for name, text in fixed.items():
        (path / name).write_text(text or "")

    assert check_one(path, "META001").status == "pass"
    assert "flask_greeting.__version__" in read_facts(Repo(path)).attributes
    assert fix_of(Repo(path), "META001") is None


def test_meta001_fix_reads_setuptools_attr(make_repo):
    """A dynamic version comes from the module the attr names, read with
    ast, and the assignment gives way to the ``__getattr__``.
    """
    path: Path = make_repo()
    edit(path, PY, 'version = "0.1.0.dev"', 'dynamic = ["version"]')
    append(
        path,
        PY,
        "\n[tool.setuptools.dynamic]\n"
        'version = {attr = "flask_greeting.__version__"}\n',
    )
    append(path, INIT, '\n__version__: str = "2.3.0"\n')
    fixed = fixed_files(path, "META001")
    assert 'version = "2.3.0"\n' in (fixed[PY] or "")
    assert "[tool.setuptools.dynamic]" not in (fixed[PY] or "")
    assert "def __getattr__(name: str) -> str:" in (fixed[INIT] or "")


def test_meta001_own_getattr_is_left_to_the_maintainer(make_repo):
    """rich-click: setuptools reads ``__version__``, and the package has a
    ``__getattr__`` of its own for deprecated names. The version becomes
    static; ``__version__`` stays until the maintainer adds it to the
    ``__getattr__``. Reading ``click.__version__`` is not reading it.
    """
    path: Path = make_repo()
    edit(path, PY, 'version = "0.1.0.dev"', 'dynamic = ["version"]')
    append(
        path,
        PY,
        "\n[tool.setuptools]\n"
        'dynamic.version = { attr = "flask_greeting.__version__" }\n',
    )
    append(
        path,
        INIT,
        '\n__version__ = "1.9.8"\n\n\n'
        "def __getattr__(name: str) -> object:\n"
        '    if name == "RichCommand":\n'
        "        return object\n\n"
        "    raise AttributeError(name)\n",
    )
    write(
        path,
        "src/flask_greeting/_compat.py",
        "import click\n\nCLICK_VERSION = click.__version__\n",
    )
    fixed = fixed_files(path, "META001")
    assert '__version__ = "1.9.8"' in (path / INIT).read_text()
    assert INIT not in fixed

    for name, text in fixed.items():
        (path / name).write_text(text or "")

    result = check_one(path, "META001")
    assert result.message == "__version__ holds a second copy of the version"
    reason = refusal_reason(path, "META001")
    assert f"{INIT} has its own __getattr__" in reason


def test_meta001_version_read_from_metadata(make_repo):
    """A ``__version__`` that reads the installed metadata is no copy."""
    path: Path = make_repo()
    append(
        path,
        INIT,
        "\nimport importlib.metadata\n\n"
        '__version__ = importlib.metadata.version("Flask-Greeting")\n',
    )
    assert check_one(path, "META001").status == "pass"


def test_meta001_fix_takes_the_changelog_version(make_repo):
    path: Path = make_repo()
    edit(path, PY, 'version = "0.1.0.dev"\n', "")
    assert 'version = "0.1.0.dev"\n' in (fixed_files(path, "META001")[PY] or "")


def test_remove_assignment_keeps_code_around_it(tmp_path: Path):
    old = (
        'import a\n\n__version__ = (\n    "1.0"\n)\n\n\ndef f():\n    __version__ = 2\n'
    )
    new = RemoveAssignment("m.py", "__version__").apply(old, Repo(tmp_path))
    assert new == "import a\n\n\ndef f():\n    __version__ = 2\n"


def test_version_getattr_reads_the_installed_version(tmp_path: Path):
    """The package that the fix leaves answers ``__version__`` with the
    installed distribution's version and a DeprecationWarning, and other
    names with AttributeError.
    """
    import subprocess
    import sys

    from eco_lint.rules.metadata.meta001 import VersionGetattr

    site = tmp_path / "site"
    (site / "flask_greeting").mkdir(parents=True)
    (site / "flask_greeting-1.2.0.dist-info").mkdir()
    (site / "flask_greeting-1.2.0.dist-info/METADATA").write_text(
        "Metadata-Version: 2.4\nName: Flask-Greeting\nVersion: 1.2.0\n"
    )
    old = '"""Greet."""\n\n__version__ = "1.2.0"\n\nGREETING = "hello"\n'
    new = VersionGetattr(INIT, "Flask-Greeting").apply(old, Repo(tmp_path))
    (site / "flask_greeting/__init__.py").write_text(new or "")
    script = (
        "import warnings, flask_greeting as g\n"
        "with warnings.catch_warnings(record=True) as w:\n"
        "    warnings.simplefilter('always')\n"
        "    print(g.__version__, g.GREETING, w[0].category.__name__)\n"
        "print(hasattr(g, 'missing'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={"PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == "1.2.0 hello DeprecationWarning\nFalse\n"
