"""The template works with the oldest Copier it declares, as its users run
it: ``copier copy --defaults`` answers every question, and ``copier update``
merges a newer version without creating again the files the project owns.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from eco_lint.template import template_root

from .conftest import BIN
from .conftest import run
from .conftest import V2


def _floor() -> str:
    settings = yaml.safe_load((template_root() / "copier.yml").read_text())
    return str(settings["_min_copier_version"])


@pytest.fixture(scope="session")
def floor_copier(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    """The ``copier`` command of the oldest version ``copier.yml`` allows,
    in a virtualenv of its own.
    """
    venv = tmp_path_factory.mktemp("copier-floor") / "venv"
    run([BIN / "uv", "venv", "-q", "--python", sys.executable, venv], venv.parent, env)
    run(
        [
            BIN / "uv",
            "pip",
            "install",
            "-q",
            "--python",
            venv / "bin/python",
            f"copier=={_floor()}.*",
        ],
        venv.parent,
        env,
    )
    version = run([venv / "bin/copier", "--version"], venv.parent, env).stdout
    assert version.split()[-1].startswith(f"{_floor()}.")
    return venv / "bin/copier"


def _copy_with_defaults(
    copier: Path, source: Path, tag: str, env: dict[str, str], tmp_path: Path
) -> Path:
    """``copier copy --defaults`` into a folder named as a project would be."""
    project = tmp_path / "flask-greeting"
    copied = run(
        [copier, "copy", "--defaults", "--vcs-ref", tag, source, project],
        tmp_path,
        env,
    )
    assert "Traceback" not in copied.stderr
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["project_name"] == "Flask-Greeting"
    assert answers["description"] == "Flask-Greeting, a Pallets ecosystem project."
    assert answers["dependencies"] == ["flask>=3.1"]
    assert "The description is the default one" in copied.stderr
    return project


def test_current_copier_copies_with_defaults(
    template_repo: Path, template_tag: str, env: dict[str, str], tmp_path: Path
):
    """Copier validates default answers since 9.11: each default passes."""
    _copy_with_defaults(BIN / "copier", template_repo, template_tag, env, tmp_path)


def test_floor_copies_with_defaults_then_updates(
    floor_copier: Path,
    versions: Path,
    template_tag: str,
    env: dict[str, str],
    tmp_path: Path,
):
    project = _copy_with_defaults(floor_copier, versions, template_tag, env, tmp_path)
    run(["git", "init", "-q"], project, env)
    # The project owns its changelog; deleted, an update must not bring it back.
    (project / "CHANGES.md").unlink()
    run(["git", "add", "-A"], project, env)
    run(["git", "commit", "-q", "-m", "start"], project, env)
    updated = run([floor_copier, "update", "--defaults", "--vcs-ref", V2], project, env)
    assert "git diff --name-only --diff-filter=U" in updated.stderr
    assert (project / ".github/CODEOWNERS").is_file()
    assert "xfail_strict = true" in (project / "pyproject.toml").read_text()
    assert not (project / "CHANGES.md").exists()
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["_commit"] == V2


def test_dependencies_take_environment_markers(
    template_repo: Path, template_tag: str, env: dict[str, str], tmp_path: Path
):
    """A marker passes the template's validator, and the project rendered
    with it passes eco-lint's rules on dependencies and tox.
    """
    import copier

    from eco_lint.check import run_rules
    from eco_lint.repo import Repo
    from eco_lint.settings import Settings

    from .answer_sets import ANSWERS

    marked = "tomli>=2.0 ; python_version < '3.11'"
    project = tmp_path / "project"
    copier.run_copy(
        str(template_repo),
        project,
        data={**ANSWERS["flask-eco-mit"], "dependencies": ["flask>=3.1", marked]},
        defaults=True,
        quiet=True,
        vcs_ref=template_tag,
    )
    pyproject = (project / "pyproject.toml").read_text()
    assert f'    "{marked}",\n' in pyproject
    assert "\"tomli==2.0 ; python_version < '3.11'\"," in pyproject
    report = run_rules(Repo(project), Settings(select=("META", "TOX", "DEP001")))
    assert [r.code for r in report.failures] == []
