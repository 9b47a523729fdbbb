"""Tests that span several GitHub Actions rules."""

from __future__ import annotations

import re
from pathlib import Path

from ...mutate import append
from ...mutate import check_one
from ...mutate import edit
from ...mutate import write
from .helpers import lock_permissions_on_workflow
from .helpers import PRE_COMMIT
from .helpers import PUBLISH
from .helpers import SHA
from .helpers import sub
from .helpers import TESTS
from .helpers import WF
from .helpers import without_job_names


def test_gha_pallets_forms_pass(make_repo):
    """Flask's workflows: no job names, older pins, setup-uv v8's
    ``prune-cache``, an ``id`` on setup-python, a ``packages-dir`` input.
    """
    path: Path = make_repo()
    without_job_names(path)

    for name in (path / WF).glob("*.yaml"):
        name.write_text(
            re.sub(r"@[0-9a-f]{40} # v\S+", f"@{SHA} # v1.0.0", name.read_text())
        )

    sub(
        path,
        TESTS,
        r"^          enable-cache: true\n",
        "          enable-cache: true\n          prune-cache: false\n",
        count=0,
    )
    edit(
        path,
        PRE_COMMIT,
        "        with:\n          python-version-file",
        "        id: setup-python\n        with:\n          python-version-file",
    )
    append(path, PUBLISH, '        with:\n          packages-dir: "dist/"\n')

    for code in [f"GHA{n:03}" for n in range(1, 14)]:
        result = check_one(path, code)
        assert result.status == "pass", result


def test_gha_extra_workflow_passes(make_repo):
    """click's nightly.yaml: its own matrix, a checkout of another branch,
    ``cancel-in-progress: false``, read access, and a value passed by env.
    """
    path: Path = make_repo()
    write(
        path,
        WF + "nightly.yaml",
        "name: Nightly\n"
        "on:\n"
        "  schedule:\n"
        "    - cron: '0 6 * * *'\n"
        "  workflow_dispatch:\n"
        "permissions: {}\n"
        "concurrency:\n"
        "  group: ${{ github.workflow }}\n"
        "  cancel-in-progress: false\n"
        "jobs:\n"
        "  random:\n"
        "    runs-on: ubuntu-latest\n"
        "    permissions:\n"
        "      contents: read\n"
        "    strategy:\n"
        "      matrix:\n"
        "        branch: [main, stable]\n"
        "    steps:\n"
        f"      - uses: actions/checkout@{SHA} # v7.0.1\n"
        "        with:\n"
        "          persist-credentials: false\n"
        "          ref: ${{ matrix.branch }}\n"
        "      - uses: ./.github/actions/setup\n"
        "      - uses: docker://alpine:3\n"
        '      - run: echo "$REF" ${{ github.event_name }}\n'
        "        env:\n"
        "          REF: ${{ matrix.branch }}\n",
    )

    for code in [f"GHA{n:03}" for n in range(1, 14)]:
        result = check_one(path, code)
        assert result.status == "pass", result


def test_tests_rules_read_the_workflow_that_runs_the_tests(make_repo):
    """A tests workflow named ci.yaml is read by the tests rules: a matrix
    job that never sets up its Python is caught there.
    """
    path: Path = make_repo()
    (path / TESTS).rename(path / ".github/workflows/ci.yaml")
    assert check_one(path, "GHA001").status == "pass"
    assert check_one(path, "GHA010").status == "pass"
    edit(
        path,
        ".github/workflows/ci.yaml",
        "          python-version: ${{ matrix.python }}\n",
        "          python-version-file: pyproject.toml\n",
    )
    result = check_one(path, "GHA010")
    assert result.status == "fail", result
    assert result.path == ".github/workflows/ci.yaml"


def test_lock_permissions_on_the_workflow_are_one_finding(make_repo):
    """The lock-threads job granted its permissions through the workflow is
    GHA003's finding; GHA013 does not charge it a second time.
    """
    path: Path = make_repo()
    lock_permissions_on_workflow(path)
    assert check_one(path, "GHA003").status == "fail"
    assert check_one(path, "GHA013").status == "pass"
