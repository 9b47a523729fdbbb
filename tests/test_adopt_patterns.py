"""Each fixture project of real patterns, adopted with ``--defaults``:
refused with the facts it cannot infer, or adopted keeping what the
project builds and declares, then updated to the next template version
with no conflict and every change of that version in place.
"""

from __future__ import annotations

import email.parser
import tomllib
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from eco_lint.answers import copyright_lines
from eco_lint.cli import main
from eco_lint.repo import Repo
from eco_lint.update import conflicted_files

from .conftest import BIN
from .conftest import run
from .conftest import update
from .conftest import V2
from .patterns import docs_build
from .patterns import FIXTURES
from .patterns import write_repo

#: The maintainer's decisions adoption asks for: the organization (the
#: fixtures have no GitHub URL), raising the Python floor from 3.8, and a
#: version where it comes from git tags.
DECISIONS = ["--data", "org=pallets-eco", "--data", "python_min=3.10"]
VERSION = {"scm": ["--data", "version=1.7.2"], "vcs": ["--data", "version=3.0.1"]}
#: Where each fixture's tests are, which adoption records as ``tests_path``.
TESTS = {
    "translations": "tests",
    "scm": "src/flask_tagged/tests",
    "vcs": "flask_vcs/tests",
    "legacy": "tests",
    "flit": "tests",
}


def _wheel(path: Path, out: Path, env: dict[str, str]) -> dict[str, object]:
    """What the wheel built from the project carries."""
    run([BIN / "uv", "build", "--wheel", "-q", "-o", out, "."], path, env)
    (found,) = out.glob("*.whl")
    archive = zipfile.ZipFile(found)
    names = archive.namelist()
    (meta,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    message = email.parser.Parser().parsestr(archive.read(meta).decode())
    points = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    entry = archive.read(points[0]).decode() if points else ""
    return {
        "name": message["Name"],
        "requires": sorted(
            r.replace(" ", "") for r in message.get_all("Requires-Dist") or []
        ),
        "entry points": sorted(
            line.replace(" ", "") for line in entry.splitlines() if "=" in line
        ),
        "files": {n for n in names if ".dist-info/" not in n},
    }


def _commit(path: Path, env: dict[str, str], message: str) -> None:
    run(["git", "add", "-A"], path, env)
    run(["git", "commit", "-q", "-m", message], path, env)


def test_defaults_alone_name_the_decisions(tmp_path: Path, env: dict[str, str]):
    path = write_repo(tmp_path / "scm", FIXTURES["scm"](), env)
    result = CliRunner().invoke(main, ["adopt", str(path), "--defaults"])
    assert result.exit_code == 2
    assert len(result.output.splitlines()) == 1
    assert "python_min (the project supports Python 3.8" in result.output
    assert "version (the version comes from git tags through setuptools_scm)" in (
        result.output
    )
    assert run(["git", "status", "--porcelain"], path, env).stdout == ""


@pytest.mark.parametrize("name", list(FIXTURES))
def test_pattern_adopted_then_updated(
    name: str, versions: Path, env: dict[str, str], tmp_path: Path
):
    fixture = FIXTURES[name]()
    path = write_repo(tmp_path / name, fixture, env)
    before = _wheel(path, tmp_path / "before", env)
    docs = docs_build(path, env)
    assert docs is ("docs/conf.py" in fixture.files or None)
    notices = copyright_lines(Repo(path))
    args = [
        "--defaults",
        "--src-path",
        str(versions),
        *DECISIONS,
        *VERSION.get(name, []),
    ]
    result = CliRunner().invoke(main, ["adopt", str(path), *args])
    assert result.exit_code == 0, result.output
    _commit(path, env, "adopt")
    # The same distribution, dependencies, entry points and (at least) files.
    after = _wheel(path, tmp_path / "after", env)
    assert after["name"] == before["name"]
    assert after["requires"] == before["requires"]
    assert after["entry points"] == before["entry points"]
    assert t_set(before["files"]) <= t_set(after["files"])
    assert copyright_lines(Repo(path)) == notices
    # Sphinx builds the docs where it built them.
    assert docs_build(path, env) is docs
    # Adopted, it stays adopted.
    again = CliRunner().invoke(main, ["adopt", str(path), *args, "--diff"])
    assert again.exit_code == 0, again.output
    updated = update(path, env, "--vcs-ref", V2)
    # The answers record where the tests are and whether their warnings are
    # errors, so the render copier merges from is the project's pyproject
    # where the template owns it: the update applies with no conflict.
    assert "refused 'Add the pytest settings'" not in result.output
    assert "next: the tests did not turn warnings into errors" in result.output
    assert updated.returncode == 0, updated.stdout + updated.stderr
    assert conflicted_files(path) == []
    assert (
        run(["git", "diff", "--name-only", "--diff-filter=U"], path, env).stdout == ""
    )
    # And every change of the new version lands.
    assert Repo(path).answers["_commit"] == V2
    pytest_table = tomllib.loads((path / "pyproject.toml").read_text())["tool"][
        "pytest"
    ]["ini_options"]
    assert pytest_table["xfail_strict"] is True
    assert pytest_table["testpaths"] == [TESTS[name]]
    # Coverage measures the tests where they are, or with the package.
    coverage = tomllib.loads((path / "pyproject.toml").read_text())["tool"]["coverage"]
    assert all((path / source).is_dir() for source in coverage["run"]["source"][1:])
    assert "filterwarnings" not in pytest_table
    assert (path / ".github/CODEOWNERS").read_text() == "* @pallets-eco/maintainers\n"
    workflow = (path / ".github/workflows/tests.yaml").read_text()
    assert "paths-ignore: ['docs/**', 'README.md', 'CHANGES.*']" in workflow


def test_warnings_become_errors_by_answer(
    versions: Path, env: dict[str, str], tmp_path: Path
):
    """The maintainer's next step after adoption: answering
    ``warnings_as_errors`` adds the filter, as a clean merge.
    """
    path = write_repo(tmp_path / "flit", FIXTURES["flit"](), env)
    args = ["--defaults", "--src-path", str(versions), *DECISIONS]
    assert CliRunner().invoke(main, ["adopt", str(path), *args]).exit_code == 0
    _commit(path, env, "adopt")
    result = CliRunner().invoke(
        main, ["update", str(path), "--data", "warnings_as_errors=true"]
    )
    assert result.exit_code == 0, result.output
    assert conflicted_files(path) == []
    table = Repo(path).tool("pytest", "ini_options")
    assert table["filterwarnings"] == ["error"]
    assert table["testpaths"] == ["tests"]


def t_set(value: object) -> set[str]:
    assert isinstance(value, set)
    return value
