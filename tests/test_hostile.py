"""Broken and hostile repositories: every one ends in a finding or a
one-line error with exit code 2, never a traceback, within bounded time and
memory, and nothing is written where it must not be.
"""

from __future__ import annotations

import shutil
import typing as t
from pathlib import Path

import pytest
from click.testing import CliRunner
from click.testing import Result

from eco_lint.cli import main

from .mutate import append
from .mutate import edit
from .mutate import write

PYPROJECT = "pyproject.toml"
TESTS = ".github/workflows/tests.yaml"
PRECOMMIT = ".pre-commit-config.yaml"
ANSWERS = ".copier-answers.yml"


def invoke(*args: str | Path) -> Result:
    """Run the command in-process; fail on a traceback or an exit code
    other than 0, 1 or 2.
    """
    result = CliRunner().invoke(main, [str(a) for a in args])

    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        trace = "".join(traceback.format_exception(*result.exc_info))  # type: ignore[misc]
        pytest.fail(f"traceback:\n{trace}\n{result.output}", pytrace=False)

    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    return result


def _bomb(levels: int = 9, width: int = 9) -> str:
    """A YAML alias bomb of about a kilobyte: 9 levels of 9 aliases."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]

    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")

    return "\n".join(lines) + "\n"


# Each case breaks one file of a standard project in one way the readers
# must survive. ``at`` is the file, ``how`` changes it.
Change = t.Callable[[Path], None]


def _set(name: str, text: str) -> Change:
    return lambda path: write(path, name, text)


def _edit(name: str, old: str, new: str) -> Change:
    return lambda path: edit(path, name, old, new)


def _append(name: str, text: str) -> Change:
    return lambda path: append(path, name, text)


def _directory(name: str) -> Change:
    def change(path: Path) -> None:
        target = path / name

        if target.exists():
            target.unlink()

        target.mkdir(parents=True)
        (target / "x").write_text("x")

    return change


def _loop(name: str) -> Change:
    def change(path: Path) -> None:
        target = path / name
        target.unlink(missing_ok=True)
        target.symlink_to(target.name)

    return change


def _jobs(text: str) -> Change:
    def change(path: Path) -> None:
        source = (path / TESTS).read_text()
        head = source.split("\njobs:", 1)[0]
        write(path, TESTS, f"{head}\njobs:{text}")

    return change


CASES: dict[str, Change] = {
    # Workflows of the wrong shape.
    "jobs-list": _jobs(" [1, 2]\n"),
    "jobs-number": _jobs(" 5\n"),
    "job-null": _jobs("\n  tests:\n"),
    "job-list": _jobs("\n  tests: [1]\n"),
    "steps-number": _jobs("\n  tests:\n    runs-on: x\n    steps: 5\n"),
    "uses-list": _jobs("\n  tests:\n    runs-on: x\n    steps:\n      - uses: [1]\n"),
    "with-list": _jobs(
        "\n  t:\n    runs-on: x\n    steps:\n      - uses: a/b@c\n        with: [1]\n"
    ),
    "matrix-list": _jobs("\n  t:\n    strategy:\n      matrix: [1]\n"),
    "workflow-list": _set(TESTS, "- 1\n- 2\n"),
    "workflow-scalar": _set(TESTS, "5\n"),
    "workflow-dir": _directory(".github/workflows/other.yaml"),
    "workflow-bad-yaml": _set(TESTS, "jobs: [\n"),
    "workflow-bomb": _set(TESTS, _bomb() + "jobs: {}\n"),
    "workflow-self-alias": _set(TESTS, "a: &a [*a]\n"),
    # pyproject.toml of the wrong types.
    "requires-python-float": _edit(
        PYPROJECT, 'requires-python = ">=3.11"', "requires-python = 3.11"
    ),
    "classifiers-number": _edit(PYPROJECT, "classifiers = [", "classifiers = 5\nx = ["),
    "dependencies-number": _edit(
        PYPROJECT, "dependencies = [", "dependencies = 5\nx = ["
    ),
    "name-newline": _edit(PYPROJECT, 'name = "Flask-Greeting"', 'name = "a\\nb"'),
    "name-number": _edit(PYPROJECT, 'name = "Flask-Greeting"', "name = 5"),
    "build-system-number": _set(PYPROJECT, 'build-system = 5\n[project]\nname = "x"\n'),
    "tool-number": _set(PYPROJECT, 'tool = 5\n[project]\nname = "x"\n'),
    "env-list-number": _edit(PYPROJECT, "env_list = [", "env_list = 5\nx = ["),
    "tox-commands-number": _edit(
        PYPROJECT, "[tool.tox.env_run_base]", "[tool.tox.env_run_base]\ncommands = [1]"
    ),
    "mypy-files-numbers": _append(PYPROJECT, "\n[tool.mypy]\nfiles = [5]\n"),
    "filterwarnings-table": _append(
        PYPROJECT, "\n[tool.pytest.ini_options]\nfilterwarnings = [{a = 1}]\n"
    ),
    "readme-table": _edit(
        PYPROJECT, 'readme = "README.md"', 'readme = {file = "README.md"}'
    ),
    "pyproject-empty": _set(PYPROJECT, ""),
    "pyproject-bad": _set(PYPROJECT, "[project\n"),
    "pyproject-latin1": lambda path: (path / PYPROJECT).write_bytes(
        b'[project]\nname = "caf\xe9"\n'
    ),
    "pyproject-cr-only": lambda path: (path / PYPROJECT).write_bytes(
        (path / PYPROJECT).read_bytes().replace(b"\n", b"\r")
    ),
    "pyproject-dir": _directory(PYPROJECT),
    "pyproject-loop": _loop(PYPROJECT),
    "toml-deep": _set(PYPROJECT, "x = " + "[" * 10_000 + "]" * 10_000 + "\n"),
    "toml-deep-keys": _set(PYPROJECT, "[" + ".".join(["a"] * 1500) + "]\n"),
    # pre-commit.
    "precommit-repos-number": _set(PRECOMMIT, "repos: 5\n"),
    "precommit-repo-null": _set(PRECOMMIT, "repos:\n  -\n"),
    "precommit-hooks-text": _set(PRECOMMIT, "repos:\n  - repo: x\n    hooks: x\n"),
    "precommit-bomb": _set(PRECOMMIT, _bomb() + "repos: []\n"),
    "precommit-deep": _set(PRECOMMIT, "repos: " + "[" * 10_000 + "]" * 10_000),
    "precommit-deep-block": _set(PRECOMMIT, "repos:\n" + "- " * 10_000 + "x\n"),
    # Answers.
    "answers-bad-yaml": _set(ANSWERS, "_commit: [\n"),
    "answers-list": _set(ANSWERS, "- 1\n"),
    "answers-wrong-types": _set(
        ANSWERS, "_commit: 0.1.0\nproject_name: 5\npython_min: [1]\n"
    ),
    "answers-bad-choice": _set(
        ANSWERS, "_commit: 0.1.0\nproject_name: X\npython_min: abc\n"
    ),
    "answers-bomb": _set(ANSWERS, _bomb() + "_commit: 0.1.0\n"),
    "answers-dir": _directory(ANSWERS),
    # Other files.
    "setup-py-deep": _set("setup.py", "x = " + "(" * 10_000 + ")" * 10_000 + "\n"),
    "setup-py-long": _set("setup.py", "x = 1" + " + 1" * 200_000 + "\n"),
    "setup-py-null": _set("setup.py", "setup(name='x')\x00\n"),
    "setup-cfg-bad": _set("setup.cfg", "no section\n"),
    "tox-ini-bad": _set("tox.ini", "[tox\n"),
    "readthedocs-list": _set(".readthedocs.yaml", "- 1\n"),
    "readme-binary": lambda path: (path / "README.md").write_bytes(b"\xff\xfe\x00"),
}


@pytest.fixture(scope="module")
def base(render: t.Callable[[str], Path]) -> Path:
    return render("flask-eco-mit")


@pytest.mark.parametrize("case", list(CASES))
def test_broken_file_is_a_finding(case: str, base: Path, tmp_path: Path):
    path = tmp_path / "repo"
    shutil.copytree(base, path, symlinks=True)
    CASES[case](path)
    result = invoke("check", path)
    # No rule fell back on the engine's guard: each reads through the
    # typed readers.
    assert "could not check" not in result.output
    # A broken file is never "0 failures"; a folder named like a workflow
    # is no workflow.
    assert result.exit_code == (0 if case == "workflow-dir" else 1), result.output
    assert "0 failures, score 100/100" not in result.output or case == "workflow-dir"


_FIXED_CASES = [
    "requires-python-float",
    "pyproject-bad",
    "pyproject-empty",
    "filterwarnings-table",
    "answers-bad-yaml",
    "answers-wrong-types",
    "workflow-bomb",
    "job-null",
    "name-newline",
]


@pytest.mark.parametrize(
    ("case", "answers"),
    [(c, "recorded") for c in _FIXED_CASES]
    # With the answers inferred, the answers file is removed: a case that
    # breaks that file would leave nothing broken, so it has no such variant.
    + [(c, "inferred") for c in _FIXED_CASES if not c.startswith("answers-")],
)
def test_broken_file_fix_writes_no_guess(
    case: str, answers: str, base: Path, tmp_path: Path
):
    """A fix never renders from values inferred without the broken file."""
    path = tmp_path / "repo"
    shutil.copytree(base, path, symlinks=True)
    CASES[case](path)

    if answers == "inferred":
        (path / ANSWERS).unlink(missing_ok=True)

    before = _tree(path)
    result = invoke("check", "--unsafe-fixes", path)
    assert result.exit_code == 1, result.output
    after = _tree(path)

    for name, text in after.items():
        if before.get(name) != text:
            assert b"None" not in text, name
            assert b"pypi.org/project/None" not in text, name

    assert not [n for n in after if n.endswith(".tmp") or "eco-lint-journal" in n]


def _tree(path: Path) -> dict[str, bytes]:
    return {
        p.relative_to(path).as_posix(): p.read_bytes()
        for p in sorted(path.rglob("*"))
        if p.is_file() and not p.is_symlink() and ".git/" not in p.as_posix()
    }


def test_same_table_fixed_twice_in_one_round(base: Path, tmp_path: Path):
    """A readme sub-table, a classifier licence and a dependency listed
    twice in two spellings: several fixes to one table.
    """
    path = tmp_path / "repo"
    shutil.copytree(base, path, symlinks=True)
    edit(path, PYPROJECT, 'readme = "README.md"', "")
    edit(
        path,
        PYPROJECT,
        "classifiers = [",
        'classifiers = [\n    "License :: OSI Approved :: MIT License",',
    )
    edit(
        path,
        PYPROJECT,
        "dependencies = [",
        'dependencies = [\n    "Flask>=3",\n    "flask >= 3.0",',
    )
    append(
        path,
        PYPROJECT,
        '\n[project.readme]\nfile = "README.md"\ncontent-type = "text/markdown"\n',
    )
    invoke("check", "--unsafe-fixes", path)
    invoke("check", path)


def _header(path: Path) -> None:
    append(path, PYPROJECT, "\n[ " + " " * 3_000 + "x\n")


def _poetry(path: Path) -> None:
    spec = ">=1" + " " * 3_000 + "x"
    append(path, PYPROJECT, f'\n[tool.poetry.dependencies]\nflask = "{spec}"\n')


def _heading(path: Path) -> None:
    write(path, "README.md", "#" + " " * 60_000 + "x\n")


def _run_step(path: Path) -> None:
    step = 'steps:\n      - run: "' + "${{" * 40_000 + '"'
    edit(path, TESTS, "steps:", step)
    edit(path, ".github/workflows/publish.yaml", "steps:", step)


def _sdist_globs(path: Path) -> None:
    edit(path, PYPROJECT, '    "docs/",', '    "docs/",\n    "' + "**/" * 10 + 'x",')
    write(path, "a/" * 40 + "deep.txt", "x\n")


@pytest.mark.parametrize(
    "change", [_header, _poetry, _heading, _run_step, _sdist_globs]
)
def test_adversarial_text_is_checked_in_bounded_time(
    change: Change, base: Path, tmp_path: Path
):
    """Patterns that would backtrack on these inputs are written so that
    they cannot: the whole check stays within a few seconds of CPU.
    """
    import time

    path = tmp_path / "repo"
    shutil.copytree(base, path, symlinks=True)
    change(path)
    start = time.process_time()
    invoke("check", path)
    assert time.process_time() - start < 5
