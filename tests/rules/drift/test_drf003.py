from __future__ import annotations

import re
import typing as t
from pathlib import Path

from ...mutate import append
from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from .helpers import ANSWERS

FAILING = {
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
}


def test_drf003_skips_another_version(make_repo: t.Callable[..., Path]):
    path = make_repo()
    edit(path, ANSWERS, "_commit: ", "_commit: 99.0.0\n_was: ")
    result = check_one(path, "DRF003")
    assert result.status == "skip"
    assert "eco-lint carries" in result.message


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
