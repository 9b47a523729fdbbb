"""The pre-commit hooks run eco-lint where maintainers already are."""

from __future__ import annotations

import shutil
import typing as t
from pathlib import Path

import pytest
import yaml

from .conftest import BIN
from .conftest import copied_project
from .conftest import run

ROOT = Path(__file__).parents[1]


def test_hook_manifest_is_valid(env: dict[str, str]):
    run([BIN / "pre-commit", "validate-manifest", ".pre-commit-hooks.yaml"], ROOT, env)
    hooks = {
        h["id"]: h
        for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    }
    assert set(hooks) == {"eco-lint", "eco-lint-fix"}
    assert all(h["pass_filenames"] is False for h in hooks.values())
    assert hooks["eco-lint-fix"]["entry"].endswith("--fix")


def test_this_repository_follows_the_standard(env: dict[str, str]):
    """eco-lint run on this repository passes, waivers shown."""
    result = run([BIN / "eco-lint", "check", "."], ROOT, env, check=False)
    assert result.returncode == 0, result.stdout
    assert "score 100/100" in result.stdout
    assert "Ignored BLD001: hatchling maps copier.yml" in result.stdout


@pytest.fixture(scope="module")
def hook_repo(
    tmp_path_factory: pytest.TempPathFactory, env: dict[str, str], template_tag: str
) -> Path:
    """This repository's working tree, committed and tagged in a temporary
    clone: the source of both the template and the hook.
    """
    repo = tmp_path_factory.mktemp("hook-repo") / "eco-lint"
    listed = run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"], ROOT, env
    ).stdout.split("\n")

    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)

    run(["git", "init", "-q"], repo, env)
    run(["git", "add", "-A"], repo, env)
    run(["git", "commit", "-q", "-m", "eco-lint"], repo, env)
    run(["git", "tag", template_tag], repo, env)
    return repo


def test_hook_in_a_generated_project(
    hook_repo: Path, template_tag: str, env: dict[str, str], tmp_path: Path
):
    """The template pins the eco-lint hook to its own version; the hook
    passes on the new project, fails when a workflow loses
    persist-credentials: false, and eco-lint-fix restores it.
    """
    project = copied_project(hook_repo, template_tag, env, tmp_path)
    commit = run(["git", "rev-parse", "HEAD"], hook_repo, env).stdout.strip()
    config = (project / ".pre-commit-config.yaml").read_text()
    assert (
        "  - repo: https://github.com/pallets-eco/eco-lint\n"
        f"    rev: {commit}  # frozen: {template_tag}\n"
    ) in config
    run([BIN / "uv", "lock", "--quiet"], project, env)
    run(["git", "add", "-A"], project, env)
    run(["git", "commit", "-q", "-m", "lock"], project, env)
    # Upstream hook repositories are out of reach here: run only eco-lint's,
    # from the local clone at the pinned commit.
    hooks = tmp_path / "hooks.yaml"
    hooks.write_text(
        yaml.safe_dump(
            {
                "repos": [
                    {
                        "repo": str(hook_repo),
                        "rev": commit,
                        "hooks": [{"id": "eco-lint"}, {"id": "eco-lint-fix"}],
                    }
                ]
            }
        )
    )
    hook_env = {**env, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit")}

    def hook(name: str) -> t.Any:
        return run(
            [BIN / "pre-commit", "run", name, "--all-files", "-c", hooks],
            project,
            hook_env,
            check=False,
        )

    assert hook("eco-lint").returncode == 0
    workflow = project / ".github/workflows/zizmor.yaml"
    original = workflow.read_text()
    workflow.write_text(
        original.replace("        with:\n          persist-credentials: false\n", "")
    )
    run(["git", "add", "-A"], project, env)
    failed = hook("eco-lint")
    assert failed.returncode == 1
    assert "GHA004 [*]" in failed.stdout
    fixed = hook("eco-lint-fix")
    assert fixed.returncode == 1
    assert "files were modified by this hook" in fixed.stdout
    assert workflow.read_text() == original
    run(["git", "add", "-A"], project, env)
    assert hook("eco-lint").returncode == 0
