from __future__ import annotations

import textwrap
from pathlib import Path

from .mutate import append
from .mutate import Case
from .mutate import check_one
from .mutate import edit
from .mutate import write

PY = "pyproject.toml"
INIT = "src/flask_greeting/__init__.py"
TESTS = ".github/workflows/tests.yaml"


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
        Case(lambda r: append(r, INIT, '\n__version__ = "0.1.0.dev"\n')),
        Case(lambda r: edit(r, PY, 'version = "0.1.0.dev"\n', "")),
    ],
    "META002": [
        Case(lambda r: edit(r, PY, 'license = "MIT"', 'license = {text = "MIT"}')),
        Case(lambda r: edit(r, PY, 'license = "MIT"', 'license = "MIT License"')),
        Case(lambda r: edit(r, PY, '["LICENSE.txt"]', '["LICENSE"]')),
        Case(lambda r: _add_classifier(r, "License :: OSI Approved :: MIT License")),
        Case(lambda r: edit(r, PY, 'license = "MIT"', 'license = "BSD-3-Clause"')),
        Case(lambda r: edit(r, "LICENSE.txt", "free of charge", "for a fee")),
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
        Case(lambda r: edit(r, PY, '"flask>=3.1"', '"flask => 3.1"')),
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
            lambda r: edit(r, PY, 'python_version = "3.10"', 'python_version = "3.9"')
        ),
        Case(lambda r: edit(r, PY, 'pythonVersion = "3.10"', 'pythonVersion = "3.11"')),
        Case(lambda r: edit(r, PY, '"py3.10", ', "")),
        Case(lambda r: edit(r, TESTS, "          - {python: '3.10'}\n", "")),
        Case(
            lambda r: edit(
                r, "uv.lock", 'requires-python = ">=3.10"', 'requires-python = ">=3.9"'
            )
        ),
        Case(
            lambda r: edit(
                r, PY, 'requires-python = ">=3.10"', 'requires-python = ">=3.11"'
            )
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
        "          - {name: Development Versions, python: '3.10', tox: tests-dev}\n"
        "          - {name: Minimum Versions",
    )
    assert check_one(path, "META006").status == "pass"


def test_meta006_points_at_mypy(make_repo):
    path: Path = make_repo()
    edit(path, PY, 'python_version = "3.10"', 'python_version = "3.9"')
    result = check_one(path, "META006")
    assert (
        result.message == "mypy python_version is 3.9, requires-python minimum is 3.10"
    )
    assert (
        (path / PY)
        .read_text()
        .splitlines()[result.line - 1]
        .startswith("python_version")
    )
