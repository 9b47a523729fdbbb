"""Copy the template for a matrix of answer sets, and check that every
generated project passes its own tests, type checks, build and linters.
"""

from __future__ import annotations

import dataclasses
import sys
import tarfile
import tomllib
import typing as t
import zipfile
from pathlib import Path

import pytest
import yaml

from .answer_sets import ANSWERS
from .conftest import BIN
from .conftest import run


@dataclasses.dataclass
class Project:
    path: Path
    answers: dict[str, object]
    env: dict[str, str]

    @property
    def recorded(self) -> dict[str, object]:
        text = (self.path / ".copier-answers.yml").read_text()
        return yaml.safe_load(text)  # type: ignore[no-any-return]

    def run(self, *args: str | Path) -> str:
        return run(list(args), self.path, self.env).stdout


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(name, marks=pytest.mark.xdist_group(name)) for name in ANSWERS
    ],
)
def project(
    request: pytest.FixtureRequest,
    template_repo: Path,
    template_tag: str,
    env: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Project:
    """Copy the template with one answer set, without ``--trust``, then
    ``git init``, ``uv lock`` and ``uv sync`` the project.
    """
    answers = ANSWERS[request.param]
    path = tmp_path_factory.mktemp(request.param) / "project"
    copier_copy(answers, template_repo, template_tag, path, env)
    project_env = {**env, "UV_PYTHON": str(_recorded(path)["python_min"])}
    project = Project(path, answers, project_env)
    project.run("git", "init", "-q")
    project.run(BIN / "uv", "lock", "--quiet")
    project.run(BIN / "uv", "sync", "--locked", "--quiet")
    return project


def copier_copy(
    answers: dict[str, object],
    template: Path,
    tag: str,
    path: Path,
    env: dict[str, str],
    check: bool = True,
) -> t.Any:
    """``copier copy`` from the command line, as a maintainer runs it:
    without ``--trust``.
    """
    data_file = path.parent / "answers.yml"
    data_file.write_text(yaml.safe_dump(answers))
    args: list[str | Path] = [
        sys.executable,
        "-m",
        "copier",
        "copy",
        "--defaults",
        "--quiet",
        "--vcs-ref",
        tag,
        "--data-file",
        data_file,
        template,
        path,
    ]
    return run(args, path.parent, env, check=check)


def _recorded(path: Path) -> dict[str, object]:
    return yaml.safe_load((path / ".copier-answers.yml").read_text())  # type: ignore[no-any-return]


def test_answers_record_tag(project: Project, template_repo: Path, template_tag: str):
    recorded = project.recorded
    assert recorded["_commit"] == template_tag
    assert recorded["_src_path"] == str(template_repo)

    for key, value in project.answers.items():
        assert recorded[key] == value


def test_project_tests_pass(project: Project):
    output = project.run(
        BIN / "uv", "run", "--locked", "pytest", "-p", "no:cacheprovider"
    )
    assert " passed" in output


def test_mypy_strict(project: Project):
    assert "Success: no issues found" in project.run(
        BIN / "uv", "run", "--locked", "mypy"
    )


def test_pyright(project: Project):
    assert "0 errors, 0 warnings, 0 informations" in project.run(
        BIN / "uv", "run", "--locked", "pyright"
    )


def test_ruff_clean(project: Project):
    project.run(BIN / "uv", "run", "--locked", "ruff", "check", "--no-fix", ".")
    project.run(BIN / "uv", "run", "--locked", "ruff", "format", "--check", ".")


def test_build(project: Project, tmp_path: Path):
    project.run(BIN / "uv", "build", "--quiet", "--out-dir", tmp_path)
    license = project.recorded["license"]
    (wheel,) = tmp_path.glob("*.whl")
    (sdist,) = tmp_path.glob("*.tar.gz")

    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        text = zf.read(metadata).decode()

    assert f"License-Expression: {license}" in text.splitlines()
    assert "License-File: LICENSE.txt" in text.splitlines()
    assert any(n.endswith(".dist-info/licenses/LICENSE.txt") for n in names)

    with tarfile.open(sdist) as tf:
        members = {name.partition("/")[2] for name in tf.getnames()}

    changes = f"CHANGES.{project.recorded['changes_format']}"
    assert {changes, "LICENSE.txt", "docs/conf.py", "uv.lock"} <= members
    assert any(name.startswith("tests/test_") for name in members)


def test_license_text(project: Project):
    text = (project.path / "LICENSE.txt").read_text()
    recorded = project.recorded
    holder = f"{recorded['copyright_year']} {recorded['copyright_holder']}"

    if recorded["license"] == "MIT":
        assert text.startswith(f"MIT License\n\nCopyright (c) {holder}\n")
        assert "Permission is hereby granted, free of charge" in text
    else:
        assert text.startswith(f"Copyright {holder}\n")
        assert "3.  Neither the name of the copyright holder" in text


def test_validate_pyproject(project: Project):
    project.run(BIN / "validate-pyproject", "pyproject.toml")


def test_pre_commit_config(project: Project):
    project.run(BIN / "pre-commit", "validate-config", ".pre-commit-config.yaml")


def test_zizmor_pedantic(project: Project):
    result = run(
        [
            BIN / "zizmor",
            "--offline",
            "--no-progress",
            "--persona",
            "pedantic",
            ".github/",
        ],
        project.path,
        project.env,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert "No findings to report" in result.stdout


def test_tox(project: Project):
    python_min = project.recorded["python_min"]
    project.run(
        BIN / "uv", "run", "--locked", "tox", "run", "-e", f"py{python_min},typing"
    )


def test_docs_build(project: Project, tmp_path: Path):
    """The docs build with no warning but the intersphinx ones that come
    from having no network here.
    """
    result = run(
        [
            BIN / "uv",
            "run",
            "--locked",
            "--group",
            "docs",
            "sphinx-build",
            "-E",
            "-b",
            "dirhtml",
            "docs",
            tmp_path,
        ],
        project.path,
        project.env,
    )
    warnings = [
        line
        for line in result.stderr.splitlines()
        if "WARNING" in line and "failed to reach any of the inventories" not in line
    ]
    assert warnings == []
    assert (tmp_path / "changes" / "index.html").is_file()
    assert (tmp_path / "api" / "index.html").is_file()


def test_tox_env_list_matches_ci(project: Project):
    """Every tox env but style/typing/docs runs in the tests workflow."""
    pyproject = tomllib.loads((project.path / "pyproject.toml").read_text())
    env_list = pyproject["tool"]["tox"]["env_list"]
    workflow = yaml.safe_load(
        (project.path / ".github/workflows/tests.yaml").read_text()
    )
    matrix = workflow["jobs"]["tests"]["strategy"]["matrix"]["include"]
    ci_envs = {row.get("tox", f"py{row['python']}") for row in matrix}
    assert ci_envs == set(env_list) - {"style", "typing", "docs"}


def test_template_needs_no_trust(template_repo: Path):
    settings = yaml.safe_load((template_repo / "copier.yml").read_text())
    assert not {"_tasks", "_migrations", "_jinja_extensions"} & settings.keys()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"dependencies": ["flask>=3.1,<4"]}, None),
        ({"dependencies": ["cachelib", "Flask >= 0.9"]}, None),
        ({"dependencies": ["-e ./pkg"]}, "is not a requirement"),
        ({"dependencies": "flask"}, "Give a list"),
        ({"dependencies": ['tomli>=2.0; python_version < "3.11"']}, "double quotes"),
        ({"python_min": "3.13", "python_max": "3.13"}, None),
        ({"python_min": "3.13", "python_max": "3.14"}, None),
        ({"description": "No period"}, "ends with a period"),
        ({"description": 'Say "hi".'}, "without double quotes"),
        ({"import_name": "Flask-Greeting"}, "Not a valid import name"),
        ({"dist_name": "a" * 33}, "up to 32"),
        ({"scripts": ["Bad Name"]}, "not a valid command name"),
        ({"version": "1.0"}, None),
        ({"version": "v1.0"}, "X.Y.Z"),
    ],
)
def test_validators(
    data: dict[str, object],
    message: str | None,
    template_repo: Path,
    template_tag: str,
    env: dict[str, str],
    tmp_path: Path,
):
    """A wrong answer stops the copy with a message that says what to give."""
    answers = {**ANSWERS["flask-eco-mit"], **data}
    result = copier_copy(
        answers, template_repo, template_tag, tmp_path / "project", env, check=False
    )

    if message is None:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode != 0
        assert message in result.stderr
