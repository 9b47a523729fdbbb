from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from eco_lint.check import fix_repository
from eco_lint.facts import read_facts
from eco_lint.fix import plan
from eco_lint.repo import Repo
from eco_lint.rules.metadata import RemoveAssignment
from eco_lint.rules.metadata import TableUpdate
from eco_lint.settings import Settings

from .mutate import append
from .mutate import Case
from .mutate import check_one
from .mutate import edit
from .mutate import fix_of
from .mutate import write

PY = "pyproject.toml"
INIT = "src/flask_greeting/__init__.py"
TESTS = ".github/workflows/tests.yaml"
MAINTAINERS = (
    'maintainers = [{name = "Pallets Ecosystem", '
    'email = "contact@palletsprojects.com"}]'
)


def _add_classifier(repo: Path, classifier: str) -> None:
    edit(
        repo,
        PY,
        '    "Typing :: Typed",',
        f'    "{classifier}",\n    "Typing :: Typed",',
    )


FAILING = {
    "META001": [
        Case(lambda r: edit(r, PY, 'version = "0.1.0.dev"', 'dynamic = ["version"]')),
        # Deprecating __version__ is display only: --fix leaves it.
        Case(lambda r: append(r, INIT, '\n__version__ = "0.1.0.dev"\n'), fixable=False),
        Case(lambda r: edit(r, PY, 'version = "0.1.0.dev"\n', "")),
    ],
    "META002": [
        Case(lambda r: edit(r, PY, 'license = "MIT"', 'license = {text = "MIT"}')),
        Case(lambda r: edit(r, PY, 'license = "MIT"', 'license = "MIT License"')),
        Case(lambda r: edit(r, PY, '["LICENSE.txt"]', '["LICENSE"]')),
        Case(lambda r: _add_classifier(r, "License :: OSI Approved :: MIT License")),
        # The text or the metadata may be the right one: display only.
        Case(
            lambda r: edit(r, PY, 'license = "MIT"', 'license = "BSD-3-Clause"'),
            fixable=False,
        ),
        Case(
            lambda r: edit(r, "LICENSE.txt", "free of charge", "for a fee"),
            fixable=False,
        ),
    ],
    "META003": [
        Case(
            lambda r: edit(
                r,
                PY,
                'readme = "README.md"',
                'readme = "README.md"\nauthor = "Pallets"',
            )
        ),
        Case(lambda r: edit(r, PY, 'name = "Flask-Greeting"\n', "")),
        Case(
            lambda r: edit(
                r,
                PY,
                'dependencies = [\n    "flask>=3.1",\n]',
                'dependencies = "flask>=3.1"',
            )
        ),
        # Which requirement was meant cannot be told.
        Case(lambda r: edit(r, PY, '"flask>=3.1"', '"flask => 3.1"'), fixable=False),
        Case(
            lambda r: edit(
                r, PY, 'readme = "README.md"', 'readme = {file = "README.md"}'
            )
        ),
    ],
    "META004": [
        Case(lambda r: edit(r, PY, ', email = "contact@palletsprojects.com"', "")),
        Case(lambda r: edit(r, PY, "\nSource = ", '\n"Source Code" = ')),
        Case(lambda r: edit(r, PY, 'Chat = "https://discord.gg/pallets"\n', "")),
        Case(
            lambda r: edit(
                r,
                PY,
                "[project.urls]\n",
                '[project.urls]\nTwitter = "https://twitter.com/PalletsTeam"\n',
            )
        ),
    ],
    "META005": [
        Case(lambda r: edit(r, PY, '    "Typing :: Typed",\n', "")),
        Case(lambda r: _add_classifier(r, "Programming Language :: Python :: 3.10")),
        Case(
            lambda r: _add_classifier(r, "Programming Language :: Python :: 3 :: Only")
        ),
    ],
    "META006": [
        Case(
            lambda r: edit(r, PY, 'python_version = "3.11"', 'python_version = "3.10"')
        ),
        Case(lambda r: edit(r, PY, 'pythonVersion = "3.11"', 'pythonVersion = "3.12"')),
        # META006 fixes the type checkers' keys only: the tox env_list, the
        # tests matrix and uv.lock are fixed by the TOX, GHA and DEP rules.
        Case(lambda r: edit(r, PY, '"py3.11", ', ""), fixable=False),
        Case(
            lambda r: edit(r, TESTS, "          - {python: '3.11'}\n", ""),
            fixable=False,
        ),
        Case(
            lambda r: edit(
                r, "uv.lock", 'requires-python = ">=3.11"', 'requires-python = ">=3.10"'
            ),
            fixable=False,
        ),
        Case(
            lambda r: edit(
                r, PY, 'requires-python = ">=3.11"', 'requires-python = ">=3.12"'
            ),
            fixable=False,
        ),
    ],
}


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


def test_meta002_license_text_rewrapped(make_repo):
    """Blinker's MIT text has no title and wraps at 72 columns."""
    path: Path = make_repo()
    text = (path / "LICENSE.txt").read_text()
    body = text.partition("\n\n")[2].replace("(c) ", "")
    paragraphs = [textwrap.fill(p, 72) for p in body.split("\n\n")]
    write(path, "LICENSE.txt", "\n\n".join(paragraphs) + "\n")
    assert check_one(path, "META002").status == "pass"


def test_meta002_other_license_skips_text(make_repo):
    path: Path = make_repo()
    edit(path, PY, 'license = "MIT"', 'license = "Apache-2.0"')
    assert check_one(path, "META002").status == "pass"


def test_meta003_readme_table(make_repo):
    path: Path = make_repo()
    edit(
        path,
        PY,
        'readme = "README.md"',
        'readme = {file = "README.md", content-type = "text/markdown"}',
    )
    assert check_one(path, "META003").status == "pass"


def test_meta003_reports_unknown_key_line(make_repo):
    path: Path = make_repo()
    edit(path, PY, 'readme = "README.md"', 'readme = "README.md"\nhome-page = "x"')
    result = check_one(path, "META003")
    assert result.status == "fail"
    assert "use urls" in result.message
    assert result.line == 6


def test_meta004_authors_and_donate(make_repo):
    """Blinker adds authors without an email; pallets-eco projects may keep
    a Donate link.
    """
    path: Path = make_repo()
    edit(path, PY, "maintainers = ", 'authors = [{name = "Jason"}]\nmaintainers = ')
    edit(
        path,
        PY,
        "[project.urls]\n",
        '[project.urls]\nDonate = "https://palletsprojects.com/donate"\n',
    )
    assert check_one(path, "META004").status == "pass"


def test_meta006_flask_matrix(make_repo):
    """Flask runs the development versions on the oldest Python, and PyPy."""
    path: Path = make_repo()
    edit(
        path,
        TESTS,
        "          - {name: Minimum Versions",
        "          - {name: Development Versions, python: '3.11', tox: tests-dev}\n"
        "          - {name: Minimum Versions",
    )
    assert check_one(path, "META006").status == "pass"


def test_meta006_points_at_mypy(make_repo):
    path: Path = make_repo()
    edit(path, PY, 'python_version = "3.11"', 'python_version = "3.10"')
    result = check_one(path, "META006")
    assert (
        result.message == "mypy python_version is 3.10, requires-python minimum is 3.11"
    )
    assert (
        (path / PY)
        .read_text()
        .splitlines()[result.line - 1]
        .startswith("python_version")
    )


def _fixed(path: Path, code: str) -> dict[str, str | None]:
    """The files one rule's fix would write, by path."""
    repo = Repo(path)
    fix = fix_of(repo, code)
    assert fix is not None
    changes, failed = plan(repo, [fix])
    assert failed == []
    return {c.path: c.new for c in changes}


def _refused(path: Path, code: str) -> str:
    """Why a rule's fix changes nothing."""
    repo = Repo(path)
    fix = fix_of(repo, code)
    assert fix is not None
    changes, failed = plan(repo, [fix])
    assert changes == []
    ((_, reason),) = failed
    return reason


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
    reason = _refused(path, "META001")
    assert "src/flask_greeting/cli.py read __version__" in reason
    assert "importlib.metadata.version('Flask-Greeting')" in reason


def _flit_dynamic(path: Path, version: str = "3.0.0.dev") -> None:
    """Flask before 3.0, and Flask-Security now: flit_core reads the
    version from ``__version__``, assigned after the imports.
    """
    edit(path, PY, 'version = "0.1.0.dev"', 'dynamic = ["version"]')
    append(path, INIT, f'\n__version__ = "{version}"\n')


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
    fixed = _fixed(path, "META001")
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
    fixed = _fixed(path, "META001")
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
    fixed = _fixed(path, "META001")
    assert '__version__ = "1.9.8"' in (path / INIT).read_text()
    assert INIT not in fixed

    for name, text in fixed.items():
        (path / name).write_text(text or "")

    result = check_one(path, "META001")
    assert result.message == "__version__ holds a second copy of the version"
    reason = _refused(path, "META001")
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
    assert 'version = "0.1.0.dev"\n' in (_fixed(path, "META001")[PY] or "")


def test_meta002_fix_reads_the_license_file(make_repo):
    """A license table that points at a file becomes the SPDX id of the
    text in that file, next to ``readme``.
    """
    path: Path = make_repo()
    edit(path, PY, 'license = "MIT"', 'license = {file = "LICENSE.txt"}')
    fix = fix_of(Repo(path), "META002")
    assert fix is not None and fix.applicability == "safe"
    assert 'readme = "README.md"\nlicense = "MIT"\n' in (
        _fixed(path, "META002")[PY] or ""
    )


def test_meta003_fix_setuptools_people_and_urls(make_repo):
    path: Path = make_repo()
    edit(
        path,
        PY,
        MAINTAINERS,
        'author = "A, B"\nauthor_email = "a@example.com, b@example.com"\n'
        'home-page = "https://github.com/pallets-eco/flask-greeting/"',
    )
    text = _fixed(path, "META003")[PY] or ""
    assert (
        'authors = [{name = "A", email = "a@example.com"}, '
        '{name = "B", email = "b@example.com"}]\n' in text
    )
    assert "author =" not in text and "home-page" not in text
    assert 'Source = "https://example.com/"' not in text


@pytest.mark.parametrize(
    "line", ['classifier = "X"', 'home-page = "https://example.com/"']
)
def test_meta003_fix_leaves_conflicting_spellings(make_repo, line):
    """Both spellings with different values, or a home page whose label
    has another URL: which one is right is the maintainer's call.
    """
    path: Path = make_repo()
    edit(path, PY, 'readme = "README.md"', f'readme = "README.md"\n{line}')
    assert fix_of(Repo(path), "META003") is None


def test_meta004_fix_keeps_other_labels_in_place(make_repo):
    path: Path = make_repo()
    edit(
        path, PY, "\nSource = ", '\nFunding = "https://example.com/"\n"Source Code" = '
    )
    text = _fixed(path, "META004")[PY] or ""
    assert (
        'Funding = "https://example.com/"\n'
        'Source = "https://github.com/pallets-eco/flask-greeting/"\n'
        'Chat = "https://discord.gg/pallets"\n' in text
    )


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_table_update_keeps_the_rest(tmp_path: Path, newline: str):
    old = (
        "# mine\n[project]\nname = 'x'  # kept\ndynamic = [\"version\"]\n\n"
        "[tool.mypy]\nstrict = true\n"
    ).replace("\n", newline)
    (tmp_path / PY).write_bytes(old.encode())
    repo = Repo(tmp_path)
    edit = TableUpdate(
        PY,
        ("project",),
        values=(("version", "1.0"), ("name", "y")),
        undynamic=("version",),
        missing_only=True,
        after=(("version", "name"),),
    )
    new = edit.apply(old, repo)
    assert new == (
        "# mine\n[project]\nname = 'x'  # kept\nversion = \"1.0\"\n\n"
        "[tool.mypy]\nstrict = true\n"
    ).replace("\n", newline)
    assert edit.apply(new, repo) == new


def test_remove_assignment_keeps_code_around_it(tmp_path: Path):
    old = (
        'import a\n\n__version__ = (\n    "1.0"\n)\n\n\ndef f():\n    __version__ = 2\n'
    )
    new = RemoveAssignment("m.py", "__version__").apply(old, Repo(tmp_path))
    assert new == "import a\n\n\ndef f():\n    __version__ = 2\n"


def test_meta005_does_not_promise_types_for_an_untyped_package(make_repo):
    """Flask-Login has neither py.typed nor a type checker: the classifier
    is not added, and the version classifiers still go.
    """
    from .rules.layout.helpers import untyped

    path: Path = make_repo()
    untyped(path)
    assert check_one(path, "META005").status == "fail"
    reason = _refused(path, "META005")
    assert "not typed" in reason and "Typing :: Typed" in reason
    _add_version_classifier(path)
    fix = fix_of(Repo(path), "META005")
    assert fix is not None and fix.applicability == "safe"
    text = _fixed(path, "META005")[PY] or ""
    assert "Typing :: Typed" not in text and ":: 3.11" not in text


def test_meta005_typed_false_asks_no_classifier(make_repo):
    from .rules.layout.helpers import untyped

    path: Path = make_repo()
    untyped(path, "false")
    assert check_one(path, "META005").status == "pass"
    _add_version_classifier(path)
    assert check_one(path, "META005").status == "fail"


def test_meta005_classifier_follows_py_typed(make_repo):
    """A package that ships py.typed says so: the fix is safe."""
    from .rules.layout.helpers import untyped

    path: Path = make_repo()
    untyped(path)
    write(path, "src/flask_greeting/py.typed", "")
    fix = fix_of(Repo(path), "META005")
    assert fix is not None and fix.applicability == "safe"
    assert '"Typing :: Typed"' in (_fixed(path, "META005")[PY] or "")


def _add_version_classifier(path: Path) -> None:
    edit(
        path,
        PY,
        '    "Programming Language :: Python",\n',
        '    "Programming Language :: Python",\n'
        '    "Programming Language :: Python :: 3.11",\n',
    )


def test_version_getattr_reads_the_installed_version(tmp_path: Path):
    """The package that the fix leaves answers ``__version__`` with the
    installed distribution's version and a DeprecationWarning, and other
    names with AttributeError.
    """
    import subprocess
    import sys

    from eco_lint.rules.metadata import VersionGetattr

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
