from __future__ import annotations

import re
import typing as t
from pathlib import Path

import pytest

from eco_lint.repo import load_yaml

from .mutate import append
from .mutate import Case
from .mutate import check_one
from .mutate import delete
from .mutate import edit
from .mutate import write

ANSWERS = ".copier-answers.yml"


def _mypy_first(repo: Path) -> None:
    """Move [tool.mypy] and [tool.pyright] before [tool.pytest.ini_options]."""
    text = (repo / "pyproject.toml").read_text()
    start, end = text.index("[tool.mypy]"), text.index("[tool.ruff]")
    block = text[start:end]
    text = text[:start] + text[end:]
    text = text.replace(
        "[tool.pytest.ini_options]", block + "[tool.pytest.ini_options]"
    )
    (repo / "pyproject.toml").write_text(text)


FAILING = {
    "DRF001": [
        Case(lambda r: delete(r, ANSWERS)),
        Case(lambda r: edit(r, ANSWERS, "_commit: ", "_old_commit: ")),
    ],
    "DRF002": [
        # Only an update can bring the project to the new version.
        Case(
            lambda r: edit(r, ANSWERS, "_commit: ", "_commit: 0.0.1\n_was: "),
            fixable=False,
        ),
    ],
    "DRF003": [
        Case(
            lambda r: edit(
                r,
                ".github/workflows/tests.yaml",
                "cancel-in-progress: true",
                "cancel-in-progress: false",
            )
        ),
        Case(
            lambda r: edit(
                r, ".pre-commit-config.yaml", "      - id: debug-statements\n", ""
            )
        ),
    ],
    "DRF005": [
        Case(lambda r: edit(r, "pyproject.toml", "pretty = true\n", "")),
        Case(
            lambda r: edit(
                r,
                "pyproject.toml",
                "show_error_codes = true",
                "show_error_codes = false",
            )
        ),
        Case(_mypy_first),
        # The project's own source folder instead of the template's.
        Case(lambda r: edit(r, "pyproject.toml", 'files = ["src"]', 'files = ["lib"]')),
    ],
    "DRF004": [
        Case(lambda r: delete(r, "docs/license.md")),
        Case(lambda r: delete(r, ".github/ISSUE_TEMPLATE/config.yml")),
    ],
}


def test_drf001_not_applicable_to_pallets(make_repo: t.Callable[..., Path]):
    path = make_repo("plain-pallets-bsd")
    delete(path, ANSWERS)
    assert check_one(path, "DRF001").status == "n/a"


def test_drf003_skips_another_version(make_repo: t.Callable[..., Path]):
    path = make_repo()
    edit(path, ANSWERS, "_commit: ", "_commit: 99.0.0\n_was: ")
    result = check_one(path, "DRF003")
    assert result.status == "skip"
    assert "eco-lint carries" in result.message


def test_drf001_never_adopted_eco_repository(make_repo: t.Callable[..., Path]):
    """None of the Pallets-Eco extensions has been adopted yet: one without
    an answers file and without the eco-lint hook is not failed for it.
    """
    path = make_repo()
    delete(path, ANSWERS)
    config = (path / ".pre-commit-config.yaml").read_text()
    start = config.index("  - repo: https://github.com/pallets-eco/eco-lint")
    end = config.find("  - repo:", start + 1)
    write(
        path,
        ".pre-commit-config.yaml",
        config[:start] + (config[end:] if end > 0 else ""),
    )
    assert check_one(path, "DRF001").status == "n/a"


def test_drf003_merges_and_keeps_the_project_s_parts(
    make_repo: t.Callable[..., Path],
):
    """Workflow events, jobs, services and matrix rows, pre-commit hooks,
    newer pins and .gitignore entries of the project's stay; the
    template's own lines come back.
    """
    from eco_lint.check import fix_repository

    path = make_repo()
    tests = ".github/workflows/tests.yaml"
    pre_commit = ".pre-commit-config.yaml"
    new_sha = "f" * 40
    edit(path, tests, "cancel-in-progress: true", "cancel-in-progress: false")
    edit(
        path,
        tests,
        "jobs:\n",
        "  schedule:\n    - cron: '0 5 * * 1'\njobs:\n",
    )
    edit(
        path,
        tests,
        "    strategy:\n",
        "    services:\n      redis:\n        image: redis:7\n    strategy:\n",
    )
    edit(
        path,
        tests,
        "        include:\n",
        "        include:\n"
        "          - {name: Old SQLAlchemy, python: '3.12', tox: sqla1}\n",
    )
    append(
        path,
        tests,
        "  extra:\n    runs-on: macos-latest\n    steps:\n      - run: echo hi\n",
    )
    text = (path / tests).read_text()
    checkout = re.search(r"actions/checkout@\w+ # (v[\d.]+)", text)
    assert checkout is not None
    text = text.replace(checkout.group(0), f"actions/checkout@{new_sha} # v99.0.0")
    (path / tests).write_text(text)
    config = (path / pre_commit).read_text()
    ruff = re.search(r"(rev: )(\w+)(  # frozen: )(v[\d.]+)", config)
    assert ruff is not None
    config = config.replace(ruff.group(0), f"rev: {new_sha}  # frozen: v99.1.0")
    config = config.replace(
        "      - id: ruff-format\n",
        "      - id: ruff-format\n      - id: ruff-extra\n",
    )
    (path / pre_commit).write_text(
        config + "  - repo: local\n    hooks:\n      - id: mine\n"
        "        name: mine\n        language: pygrep\n        entry: x\n"
    )
    append(path, ".gitignore", ".env\n")
    assert check_one(path, "DRF003").status == "fail"
    run = fix_repository(str(path), applicability=("safe", "unsafe"))
    assert tests in run.written, run.failed
    text = (path / tests).read_text()
    assert "cancel-in-progress: true" in text
    assert "cron: '0 5 * * 1'" in text
    assert "image: redis:7" in text
    assert "Old SQLAlchemy" in text
    assert "  extra:\n" in text
    assert f"actions/checkout@{new_sha} # v99.0.0" in text
    assert checkout.group(0) not in text
    config = (path / pre_commit).read_text()
    assert f"rev: {new_sha}  # frozen: v99.1.0" in config
    assert "id: ruff-extra" in config
    assert "id: mine" in config
    assert ".env" in (path / ".gitignore").read_text().split()
    assert fix_repository(str(path), applicability=("safe", "unsafe")).written == ()


def _own_content(path: Path) -> None:
    """What Flask and Click keep on purpose after adoption: a matrix row
    of their own, an ignored folder, a Read the Docs build made of
    ``build.jobs``, a pinned docs requirement, type-checked test folders,
    an env list written over more lines with envs of their own, and the
    last item of an array without its comma.
    """
    tests = ".github/workflows/tests.yaml"
    text = (path / tests).read_text()
    rows = re.findall(r"(?m)^          - \{.*\}\n", text)
    edit(
        path,
        tests,
        rows[-1],
        rows[-1]
        + "          - {name: Development Versions, python: '3.13', tox: tests-dev}\n",
    )
    append(path, ".gitignore", ".venv/\n")
    rtd = (path / ".readthedocs.yaml").read_text()
    head = rtd.index("  commands:")
    write(
        path,
        ".readthedocs.yaml",
        "# Do not specify sphinx key here to be in full control of build steps.\n"
        + rtd[:head]
        + "  jobs:\n    install:\n      - asdf plugin add uv\n"
        "      - asdf install uv latest\n      - asdf global uv latest\n"
        "    build:\n      html:\n"
        "        - uv run --group docs sphinx-build -W -b dirhtml docs"
        " $READTHEDOCS_OUTPUT/html\n",
    )
    py = "pyproject.toml"
    edit(path, py, '    "sphinx",\n', '    "sphinx<9",\n    "sphinx-tabs",\n')
    edit(path, py, 'files = ["src"]', 'files = ["src", "tests/typing"]')
    edit(path, py, 'include = ["src"]', 'include = ["src", "tests/typing"]')
    text = (path / py).read_text()
    text = re.sub(
        r'(?m)^(    "py.*), ("py3\.\d+t",)$', r'\1,\n    \2 "stress",', text, count=1
    )
    assert '    "stress",' not in text and ' "stress",' in text
    (path / py).write_text(text)
    edit(path, py, '    "uv.lock",\n]', '    "uv.lock"\n]')
    append(
        path,
        py,
        '\n[tool.tox.env.stress]\ndescription = "stress tests"\n'
        'commands = [["pytest", "-m", "stress"]]\n',
    )


def test_drf003_drf005_leave_the_project_s_own_content(
    make_repo: t.Callable[..., Path],
):
    """An adopted project's own rows, entries, jobs and values are not
    drift, and the merge leaves them as they are.
    """
    from eco_lint.check import fix_repository

    path = make_repo()
    _own_content(path)
    result = check_one(path, "DRF003")
    assert result.status == "pass", result.message
    assert check_one(path, "DRF005").status == "pass"
    # Real drift beside them is still found, and the merge keeps them.
    edit(path, ".github/workflows/tests.yaml", "fail-fast: false", "fail-fast: true")
    edit(path, ".readthedocs.yaml", "python: '3.13'", "python: '3.12'")
    assert check_one(path, "DRF003").status == "fail"
    run = fix_repository(str(path), applicability=("safe", "unsafe"))
    assert ".readthedocs.yaml" in run.written, run.failed
    rtd = load_yaml((path / ".readthedocs.yaml").read_text())
    assert rtd["build"]["tools"]["python"] == "3.13"
    assert "jobs" in rtd["build"] and "commands" not in rtd["build"]
    assert "Development Versions" in (path / ".github/workflows/tests.yaml").read_text()
    assert check_one(path, "DRF003").status == "pass"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('    "sphinx<9",\n', ""),
        ('files = ["src", "tests/typing"]', 'files = ["tests/typing"]'),
        ("strict = true", "strict = false"),
    ],
)
def test_drf005_still_finds_changed_values(
    make_repo: t.Callable[..., Path], old: str, new: str
):
    path = make_repo()
    _own_content(path)
    edit(path, "pyproject.toml", old, new)
    assert check_one(path, "DRF005").status == "fail"


def test_drf005_native_pytest_table(make_repo: t.Callable[..., Path]):
    """pytest 9's native ``[tool.pytest]`` stands for the template's
    ``[tool.pytest.ini_options]`` (pytest reads one of them): it is no
    drift, the rebuild keeps it without adding the other, and the project
    facts read the settings from it.
    """
    from eco_lint.check import fix_repository
    from eco_lint.facts import pytest_settings
    from eco_lint.repo import Repo
    from eco_lint.settings import Settings

    path = make_repo()
    edit(path, "pyproject.toml", "[tool.pytest.ini_options]\n", "[tool.pytest]\n")
    assert check_one(path, "DRF005").status == "pass"
    assert pytest_settings(Repo(path)) == (["tests"], frozenset({"error"}))
    edit(path, "pyproject.toml", "strict = true", "strict = false")
    assert check_one(path, "DRF005").status == "fail"
    run = fix_repository(str(path), Settings(select=("DRF005",)), ("safe", "unsafe"))
    assert run.written == ("pyproject.toml",), run.failed
    text = (path / "pyproject.toml").read_text()
    assert "[tool.pytest]\n" in text and "ini_options" not in text
    assert "\n\n[tool.coverage.run]" in text
    assert check_one(path, "DRF005").status == "pass"
