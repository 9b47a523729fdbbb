from __future__ import annotations

import difflib
import re
from pathlib import Path

from eco_lint.fix import plan
from eco_lint.repo import load_yaml
from eco_lint.repo import Repo
from eco_lint.template import template_root

from .mutate import append
from .mutate import Case
from .mutate import check_one
from .mutate import delete
from .mutate import edit
from .mutate import fix_of
from .mutate import move
from .mutate import write

WF = ".github/workflows/"
TESTS = WF + "tests.yaml"
PRE_COMMIT = WF + "pre-commit.yaml"
PUBLISH = WF + "publish.yaml"
ZIZMOR = WF + "zizmor.yaml"
LOCK = WF + "lock.yaml"
SHA = "0123456789abcdef0123456789abcdef01234567"
TESTS_ON = (
    "on:\n"
    "  pull_request:\n"
    "    paths-ignore: ['docs/**', 'README.md']\n"
    "  push:\n"
    "    branches: [main, stable]\n"
    "    paths-ignore: ['docs/**', 'README.md']\n"
)
TOX_ENV = (
    "        env:\n"
    "          TOX_ENV: ${{ matrix.tox || format('py{0}', matrix.python) }}\n"
)


def sub(repo: Path, name: str, pattern: str, repl: str, count: int = 1) -> None:
    """Replace matches of a regular expression; it must match."""
    path = repo / name
    text, found = re.subn(pattern, repl, path.read_text(), count=count, flags=re.M)
    assert found, f"{pattern!r} not in {name}"
    path.write_text(text)


def _lock_permissions_on_workflow(repo: Path) -> None:
    sub(repo, LOCK, r"^    permissions:\n(      .*\n)+", "")
    edit(
        repo,
        LOCK,
        "permissions: {}\n",
        "permissions:\n  issues: write\n  pull-requests: write\n  discussions: write\n",
    )


def _dynamic_matrix(path: Path) -> None:
    edit(path, TESTS, "tox run\n" + TOX_ENV, "tox run -e ${{ matrix.tox }}\n")
    edit(
        path,
        TESTS,
        "      matrix:\n",
        "      matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}\n      old-matrix:\n",
    )


FAILING = {
    "GHA001": [
        Case(lambda r: move(r, TESTS, WF + "tests.yml")),
        Case(lambda r: delete(r, ZIZMOR)),
        Case(lambda r: write(r, WF + "docs.yml", "name: Docs\n")),
    ],
    "GHA002": [
        Case(lambda r: sub(r, TESTS, r"(actions/checkout@)[0-9a-f]{40}", r"\1v7")),
        Case(
            lambda r: sub(r, TESTS, r"(astral-sh/setup-uv@[0-9a-f]{40}) # \S+", r"\1")
        ),
        # The template does not pin octo/ci: the fix reports it, not guesses.
        Case(
            lambda r: append(
                r, TESTS, "  reuse:\n    uses: octo/ci/.github/workflows/a.yaml@main\n"
            ),
            fixable=False,
        ),
    ],
    "GHA003": [
        Case(lambda r: edit(r, TESTS, "permissions: {}\n", "")),
        Case(
            lambda r: edit(
                r, ZIZMOR, "permissions: {}\n", "permissions:\n  contents: read\n"
            )
        ),
        Case(
            lambda r: edit(
                r,
                TESTS,
                "  typing:\n",
                "  typing:\n    permissions:\n      contents: write\n",
            )
        ),
        Case(
            lambda r: edit(
                r,
                PUBLISH,
                "      id-token: write  # trusted publishing to PyPI\n",
                "      id-token: write\n      packages: write\n",
            )
        ),
        Case(
            lambda r: sub(
                r,
                PUBLISH,
                r"^    permissions:\n      contents: .*\n",
                "    permissions: write-all\n",
            )
        ),
        Case(_lock_permissions_on_workflow),
    ],
    "GHA004": [
        Case(
            lambda r: edit(
                r, TESTS, "persist-credentials: false", "persist-credentials: true"
            )
        ),
        Case(
            lambda r: sub(
                r, ZIZMOR, r"^        with:\n          persist-credentials: false\n", ""
            )
        ),
    ],
    "GHA005": [
        # zizmor rates github.ref_name High: a tag or branch name is chosen
        # by whoever pushes it.
        Case(
            lambda r: append(
                r, PRE_COMMIT, "      - run: echo ${{ github.ref_name }}\n"
            )
        ),
        Case(
            lambda r: append(
                r, PRE_COMMIT, "      - run: echo ${{ github.head_ref }}\n"
            )
        ),
        # A matrix built at run time is not written in the workflow.
        Case(_dynamic_matrix),
        # An output moved to env: is split by the shell differently: the fix
        # is display only.
        Case(
            lambda r: append(
                r,
                PUBLISH,
                "      - run: |\n"
                "          echo checking\n"
                '          test -n "${{ needs.build.outputs.artifact-id }}"\n',
            ),
            fixable=False,
        ),
    ],
    "GHA006": [
        Case(
            lambda r: edit(
                r, TESTS, "cancel-in-progress: true", "cancel-in-progress: false"
            )
        ),
        Case(
            lambda r: edit(
                r, LOCK, "concurrency:\n  group: lock\n  cancel-in-progress: true\n", ""
            )
        ),
    ],
    "GHA007": [
        Case(
            lambda r: sub(
                r,
                ZIZMOR,
                r"^      - uses: zizmorcore/zizmor-action@.*\n(        .*\n)+",
                "",
            )
        ),
        Case(
            lambda r: edit(
                r, ZIZMOR, "advanced-security: false", "advanced-security: true"
            )
        ),
        Case(lambda r: edit(r, ZIZMOR, '    paths: ["**/*.yaml?"]\n', "")),
        Case(lambda r: edit(r, ZIZMOR, "          annotations: true\n", "")),
    ],
    "GHA008": [
        Case(
            lambda r: write(
                r,
                ".github/dependabot.yml",
                "version: 2\nupdates:\n  - package-ecosystem: github-actions\n"
                "    directory: /\n    schedule:\n      interval: monthly\n",
            )
        ),
        Case(
            lambda r: write(r, "renovate.json", '{"extends": ["config:recommended"]}\n')
        ),
    ],
    "GHA009": [
        # Setting the standard triggers would stop CI on pushes to other
        # branches: the fix refuses.
        Case(
            lambda r: edit(r, TESTS, TESTS_ON, "on: [push, pull_request]\n"),
            fixable=False,
        ),
        Case(
            lambda r: edit(
                r, TESTS, "branches: [main, stable]", "branches: [main, '*.x']"
            ),
            fixable=False,
        ),
        Case(
            lambda r: edit(r, TESTS, TESTS_ON, "on:\n  push:\n    branches: [main]\n")
        ),
        Case(
            lambda r: edit(
                r, TESTS, "['docs/**', 'README.md']", "['docs/**', '*.md', '*.rst']", 2
            )
        ),
    ],
    "GHA010": [
        Case(lambda r: edit(r, TESTS, TOX_ENV, "")),
        Case(lambda r: sub(r, TESTS, r"^  typing:\n(    .*\n)+", "")),
        Case(
            lambda r: edit(
                r, TESTS, "--group dev tox run -e typing", "tox run -e typing"
            )
        ),
        Case(
            lambda r: sub(
                r, TESTS, r"^      - uses: astral-sh/setup-uv@.*\n(        .*\n)+", ""
            )
        ),
    ],
    "GHA011": [
        Case(lambda r: edit(r, TESTS, "          - {python: '3.12'}\n", "")),
        # The project's own rows are kept: the fix refuses to remove them.
        Case(
            lambda r: edit(
                r,
                TESTS,
                "          - {python: '3.11'}\n",
                "          - {python: '3.11'}\n          - {python: '3.10'}\n",
            ),
            fixable=False,
        ),
        # unquoted, 3.10 is the float 3.1: a row the fix refuses to drop
        Case(
            lambda r: edit(
                r,
                TESTS,
                "          - {python: '3.11'}\n",
                "          - {python: '3.11'}\n          - {python: 3.10}\n",
            ),
            fixable=False,
        ),
        Case(lambda r: edit(r, "pyproject.toml", ' "py3.15t",', "")),
    ],
    "GHA012": [
        Case(
            lambda r: append(
                r,
                TESTS,
                f"      - uses: pre-commit/action@{SHA} # v3.0.1\n",
            )
        ),
        Case(lambda r: edit(r, PRE_COMMIT, "--show-diff-on-failure ", "")),
        Case(
            lambda r: edit(
                r, PRE_COMMIT, "path: ~/.cache/pre-commit", "path: ~/.cache/pip"
            )
        ),
        Case(
            lambda r: append(
                r,
                PRE_COMMIT,
                f"      - uses: pre-commit-ci/lite-action@{SHA} # v1.1.0\n"
                "        if: ${{ !cancelled() }}\n",
            )
        ),
    ],
    "GHA013": [
        # The project's own schedule is kept: the fix refuses.
        Case(
            lambda r: edit(r, LOCK, "cron: '0 0 * * *'", "cron: '0 0 28 * *'"),
            fixable=False,
        ),
        Case(lambda r: edit(r, LOCK, "pr-inactive-days: 14", "pr-inactive-days: 30")),
        Case(
            lambda r: edit(
                r,
                LOCK,
                "      discussions: write  # lock inactive closed discussions\n",
                "",
            )
        ),
    ],
}


def _without_job_names(repo: Path) -> None:
    """Pallets workflows name only the tests job."""
    for path in (repo / WF).glob("*.yaml"):
        text = path.read_text()
        text = re.sub(r"(?m)^    name: (?!\$\{\{).*\n", "", text)
        path.write_text(text)


def test_gha_pallets_forms_pass(make_repo):
    """Flask's workflows: no job names, older pins, setup-uv v8's
    ``prune-cache``, an ``id`` on setup-python, a ``packages-dir`` input.
    """
    path: Path = make_repo()
    _without_job_names(path)

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


def test_gha009_extra_event_passes(make_repo):
    path: Path = make_repo()
    edit(path, TESTS, "on:\n", "on:\n  workflow_dispatch:\n")
    assert check_one(path, "GHA009").status == "pass"


def test_gha011_python_list_matrix(make_repo):
    """A ``python:`` list counts as rows, as well as ``include``."""
    path: Path = make_repo()
    edit(
        path,
        TESTS,
        "          - {python: '3.13'}\n          - {python: '3.12'}\n",
        "",
    )
    edit(
        path,
        TESTS,
        "      matrix:\n",
        "      matrix:\n        python: ['3.13', '3.12']\n",
    )
    assert check_one(path, "GHA011").status == "pass"


def test_gha011_tests_dev_row(make_repo):
    """Flask's tests-dev env runs on the lowest Python."""
    path: Path = make_repo()
    edit(path, "pyproject.toml", '"tests-min",', '"tests-min", "tests-dev",')
    assert check_one(path, "GHA011").status == "fail"
    edit(
        path,
        TESTS,
        "tox: tests-min}\n",
        "tox: tests-min}\n"
        "          - {name: Development Versions, python: '3.10', tox: tests-dev}\n",
    )
    assert check_one(path, "GHA011").status == "pass"


def test_gha013_not_a_repeat_of_gha001(make_repo):
    path: Path = make_repo()
    delete(path, LOCK)
    assert check_one(path, "GHA013").status == "skip"


def test_gha007_checked_beside_a_yml_workflow(make_repo):
    path: Path = make_repo()
    write(path, WF + "docs.yml", "name: Docs\n")
    assert check_one(path, "GHA001").status == "fail"
    assert check_one(path, "GHA007").status == "pass"
    delete(path, ZIZMOR)
    assert check_one(path, "GHA007").status == "skip"


def _apply_fix(path: Path, code: str) -> tuple[str, dict[str, str | None]]:
    """The applicability of a rule's fix and the files it would change."""
    repo = Repo(path)
    fix = fix_of(repo, code)
    assert fix is not None
    changes, failed = plan(repo, [fix])
    assert failed == []
    return fix.applicability, {c.path: c.new for c in changes}


def _changed_lines(old: str, new: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_gha002_fix_edits_only_the_uses_lines(make_repo):
    """Quotes stay; an action the template does not pin is left alone."""
    path: Path = make_repo()
    sub(path, TESTS, r"actions/checkout@\S+ # \S+", "'actions/checkout@v4' # old", 2)
    append(path, TESTS, "      - uses: octo/act@v1\n")
    old = (path / TESTS).read_text()
    applicability, changes = _apply_fix(path, "GHA002")
    assert applicability == "unsafe"
    pins = load_yaml((template_root() / "includes" / "pins.yaml").read_text())
    pin = pins["actions"]["actions/checkout"]
    assert (
        _changed_lines(old, changes[TESTS] or "")
        == [
            "-      - uses: 'actions/checkout@v4' # old",
            f"+      - uses: 'actions/checkout@{pin['sha']}' # {pin['tag']}",
        ]
        * 2
    )
    write(path, TESTS, changes[TESTS] or "")
    assert fix_of(Repo(path), "GHA002") is None


def test_gha003_fix_moves_workflow_grants_to_jobs(make_repo):
    path: Path = make_repo()
    write(
        path,
        WF + "triage.yaml",
        "name: Triage\n"
        "on:\n  issues:\n"
        "permissions:\n  issues: write  # label new issues\n"
        "jobs:\n"
        "  label:\n    runs-on: ubuntu-latest\n    steps:\n      - run: 'true'\n"
        "  quiet:\n    runs-on: ubuntu-latest\n    permissions: {}\n"
        "    steps:\n      - run: 'true'\n",
    )
    applicability, changes = _apply_fix(path, "GHA003")
    assert applicability == "unsafe"
    assert changes[WF + "triage.yaml"] == (
        "name: Triage\n"
        "on:\n  issues:\n"
        "permissions: {}\n"
        "jobs:\n"
        "  label:\n    runs-on: ubuntu-latest\n"
        "    permissions:\n      issues: write # label new issues\n"
        "    steps:\n      - run: 'true'\n"
        "  quiet:\n    runs-on: ubuntu-latest\n    permissions: {}\n"
        "    steps:\n      - run: 'true'\n"
    )


def test_gha005_fix_is_display_only_on_windows(make_repo):
    """``${GITHUB_HEAD_REF}`` is not an environment variable in PowerShell."""
    path: Path = make_repo()
    edit(path, PRE_COMMIT, "runs-on: ubuntu-latest", "runs-on: windows-latest")
    append(path, PRE_COMMIT, "      - run: echo ${{ github.head_ref }}\n")
    fix = fix_of(Repo(path), "GHA005")
    assert fix is not None and fix.applicability == "display"
    edit(path, PRE_COMMIT, "runs-on: windows-latest", "runs-on: ubuntu-latest")
    applicability, changes = _apply_fix(path, "GHA005")
    assert applicability == "safe"
    assert "      - run: echo ${GITHUB_HEAD_REF}\n" in (changes[PRE_COMMIT] or "")


def test_gha010_fix_keeps_the_jobs_own_keys_and_actions(make_repo):
    path: Path = make_repo()
    edit(path, TESTS, TOX_ENV, "")
    edit(
        path,
        TESTS,
        "    strategy:\n",
        "    timeout-minutes: 30\n    strategy:\n",
    )
    edit(
        path,
        TESTS,
        "  typing:\n",
        f"      - uses: codecov/codecov-action@{SHA} # v5.0.0\n  typing:\n",
    )
    applicability, changes = _apply_fix(path, "GHA010")
    assert applicability == "unsafe"
    text = changes[TESTS] or ""
    assert TOX_ENV in text
    assert "    timeout-minutes: 30\n" in text
    assert f"codecov/codecov-action@{SHA} # v5.0.0\n  typing:\n" in text
    write(path, TESTS, text)
    assert check_one(path, "GHA010").status == "pass"
    assert check_one(path, "GHA011").status == "pass"


def test_gha005_static_matrix_is_trusted(make_repo):
    """Flask, Werkzeug and Click pass ``matrix.tox`` and ``matrix.python``,
    written in the workflow, to their tox step; zizmor does not flag
    static matrix values.
    """
    path: Path = make_repo()
    edit(
        path,
        TESTS,
        "tox run\n" + TOX_ENV,
        "tox run -e ${{ matrix.tox || format('py{0}', matrix.python) }}\n",
    )
    assert check_one(path, "GHA005").status == "pass"


def test_gha005_reports_every_place_with_zizmor_severity(make_repo):
    path: Path = make_repo()
    append(
        path, PRE_COMMIT, "      - run: echo ${{ github.ref_name }} ${{ inputs.x }}\n"
    )
    append(path, PRE_COMMIT, "      - run: echo ${{ github.sha }} ${{ secrets.X }}\n")
    result = check_one(path, "GHA005")
    assert [f.message.partition(":")[0] for f in result.locations] == [
        "script expands github.ref_name (high)",
        "script expands inputs.x (low)",
    ]
    assert all(f.line and f.column for f in result.locations)


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
    _lock_permissions_on_workflow(path)
    assert check_one(path, "GHA003").status == "fail"
    assert check_one(path, "GHA013").status == "pass"


def test_setup_python_may_install_more_versions_before_the_matrix_one(make_repo):
    """setup-python makes the last of several listed versions the default,
    so a list that ends with the matrix value gives it.
    """
    path: Path = make_repo()
    edit(
        path,
        TESTS,
        "          python-version: ${{ matrix.python }}\n",
        "          python-version: |\n"
        "            3.12\n"
        "            ${{ matrix.python }}\n",
    )
    assert check_one(path, "GHA010").status == "pass"
    edit(
        path,
        TESTS,
        "            3.12\n            ${{ matrix.python }}\n",
        "            ${{ matrix.python }}\n            3.12\n",
    )
    assert check_one(path, "GHA010").status == "fail"
