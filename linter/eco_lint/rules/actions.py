"""GHA: the GitHub Actions workflows under `.github/workflows/`."""

from __future__ import annotations

import json
import re
import typing as t

from ..registry import Fail
from ..registry import Skip
from ..repo import Repo
from ._base import Actions

WORKFLOWS = ".github/workflows/"
TESTS = WORKFLOWS + "tests.yaml"
PRE_COMMIT = WORKFLOWS + "pre-commit.yaml"
ZIZMOR = WORKFLOWS + "zizmor.yaml"
LOCK = WORKFLOWS + "lock.yaml"

#: ``owner/repo[/path]@<40 hex>``.
_PINNED = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}")
#: The ``# v1.2.3`` comment that gha-update writes after a pin.
_VERSION = re.compile(r"\s#\s*v?\d\S*")
#: An expression, and the contexts that carry data a pull request, a
#: dispatcher or an earlier step controls.
_EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
_TAINTED = re.compile(
    r"\b(?:matrix|inputs|steps|needs)\.|\bgithub\.(?:event|head_ref)\b"
)
#: tox envs that run the test suite, which the tests matrix must cover.
_TEST_ENV = re.compile(r"(?:py|pypy)\d[\w.]*|tests-min|tests-dev")
#: Actions that run pre-commit outside the locked environment, or push
#: commits from CI.
_PRE_COMMIT_ACTIONS = ("pre-commit/action", "pre-commit-ci/lite-action")
_BOTS = (
    ".github/dependabot.yml",
    ".github/dependabot.yaml",
    "renovate.json",
    "renovate.json5",
    ".renovaterc",
    ".renovaterc.json",
    ".renovaterc.json5",
    ".github/renovate.json",
    ".github/renovate.json5",
    ".gitlab/renovate.json",
)


def _jobs(data: t.Any) -> dict[str, dict[str, t.Any]]:
    jobs = data.get("jobs") if isinstance(data, dict) else None

    if not isinstance(jobs, dict):
        return {}

    return {str(k): v for k, v in jobs.items() if isinstance(v, dict)}


def _steps(job: dict[str, t.Any]) -> list[dict[str, t.Any]]:
    steps = job.get("steps")
    return [s for s in steps if isinstance(s, dict)] if isinstance(steps, list) else []


def _all_steps(data: t.Any) -> list[dict[str, t.Any]]:
    return [s for job in _jobs(data).values() for s in _steps(job)]


def _action(step: dict[str, t.Any]) -> str | None:
    """The action a step uses, without its ref."""
    uses = step.get("uses")
    return uses.partition("@")[0] if isinstance(uses, str) else None


def _with(step: dict[str, t.Any]) -> dict[str, t.Any]:
    value = step.get("with")
    return value if isinstance(value, dict) else {}


def _lines(run: t.Any) -> list[str]:
    """The commands of a ``run:``, one a line, whitespace collapsed."""
    if not isinstance(run, str):
        return []

    return [" ".join(line.split()) for line in run.splitlines() if line.strip()]


def _runs(steps: list[dict[str, t.Any]]) -> list[str]:
    return [line for step in steps for line in _lines(step.get("run"))]


def _normal(value: t.Any) -> t.Any:
    """A value compared without the order of its lists."""
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}

    if isinstance(value, list):
        return sorted((_normal(v) for v in value), key=repr)

    return value


def _job_line(repo: Repo, path: str, job_id: str) -> int | None:
    return repo.line_of(path, rf"^\s+{re.escape(job_id)}:\s*$")


def _line_after(repo: Repo, path: str, start: int | None, pattern: str) -> int | None:
    """The first line from ``start`` that matches a regular expression."""
    text = repo.text(path) or ""
    regex = re.compile(pattern)

    for number, line in enumerate(text.splitlines(), 1):
        if number >= (start or 1) and regex.search(line):
            return number

    return None


def _show(value: t.Any) -> str:
    """A parsed YAML value as YAML flow text shows it."""
    return json.dumps(value, ensure_ascii=False)


def _triggers(data: t.Any) -> t.Any:
    return data.get("on") if isinstance(data, dict) else None


def _compare_triggers(repo: Repo, path: str) -> Fail | None:
    """Every event the template's workflow triggers on, with the same
    filters; the repository may add events of its own.
    """
    found = _triggers(repo.workflows[path])
    expected = _triggers(repo.standard.yaml(path))
    line = repo.line_of(path, r"^on:")

    if not isinstance(expected, dict):
        return None

    if not isinstance(found, dict):
        return Fail(f"triggers on {_show(found)}, without filters", path, line)

    for event, value in expected.items():
        if event not in found:
            return Fail(f"not triggered by {event}", path, line)

        if _normal(found[event] or {}) != _normal(value or {}):
            if not found[event]:
                return Fail(f"{event} trigger has no filters", path, line)

            return Fail(f"{event} trigger is {_show(found[event])}", path, line)

    return None


def _compare_steps(repo: Repo, path: str) -> Fail | None:
    """Every action the template's workflow uses, with its ``with:``
    values; refs and extra inputs are the repository's own.
    """
    steps = _all_steps(repo.workflows[path])

    for step in _all_steps(repo.standard.yaml(path)):
        action = _action(step)

        if action is None:
            continue

        matching = [s for s in steps if _action(s) == action]

        if not matching:
            return Fail(f"does not use {action}", path)

        for key, value in _with(step).items():
            if all(_with(s).get(key) != value for s in matching):
                found = _with(matching[0])
                message = (
                    f"{action} has {key}: {_show(found[key])}, not {_show(value)}"
                    if key in found
                    else f"{action} has no {key}"
                )
                return Fail(
                    message,
                    path,
                    repo.line_of(path, rf"^\s+{re.escape(key)}:")
                    or repo.line_of(path, rf"uses:\s*{re.escape(action)}@"),
                )

    return None


class GHA001(Actions):
    """The standard workflows exist, as .yaml files

    ## What it does
    Checks that `.github/workflows/` has every workflow of the template
    (`tests`, `pre-commit`, `publish`, `lock` and `zizmor`), and that every
    workflow file ends in `.yaml`, not `.yml`.

    ## Why
    The workflows run the tests, the hooks and the security scan on each
    pull request and publish releases. The zizmor workflow's `**/*.yaml?`
    paths filter does not match `.yml` files, so changes to them would not
    be scanned.

    ## Example
    `.github/workflows/tests.yml`, and no `zizmor.yaml`.

    Use instead: `.github/workflows/tests.yaml` and the template's
    `zizmor.yaml`.

    ## Fix
    Rename `.yml` files and write the template's missing workflows. Safe.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        for name in repo.glob(r"\.github/workflows/[^/]+\.yml"):
            return Fail(f"workflow {name} is spelled .yml", name)

        missing = [
            name
            for name in repo.standard.files()
            if name.startswith(WORKFLOWS) and not repo.is_file(name)
        ]

        if missing:
            return Fail(f"missing {', '.join(missing)}")

        return None


class GHA002(Actions):
    """Actions are pinned to commit SHAs

    ## What it does
    Checks that every `uses:` of a step or of a reusable workflow job is
    pinned to a full 40-character commit SHA, with the version it stands for
    in a comment on the same line. Local `./` actions and `docker://` images
    are exempt.

    ## Why
    A tag or a branch can be moved to other code after review, and the
    workflows hold the publishing token of the project. The comment tells
    reviewers which release the SHA is and lets `gha-update` (the
    `update-actions` tox env) refresh it.

    ## Example
    ```yaml
          - uses: actions/checkout@v6
    ```

    Use instead:
    `- uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2`.

    ## Fix
    Run `tox run -e update-actions` (`gha-update`). Safe, though it also
    moves each action to its newest release.
    """

    weight = 5

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if not repo.workflows:
            return Skip("no workflows")

        for path, data in repo.workflows.items():
            lines = (repo.text(path) or "").splitlines()
            jobs = _jobs(data).values()
            uses = [job.get("uses") for job in jobs]
            uses += [step.get("uses") for job in jobs for step in _steps(job)]

            for ref in uses:
                if not isinstance(ref, str) or ref.startswith(("./", "docker://")):
                    continue

                line = repo.line_of(path, rf"uses:\s*['\"]?{re.escape(ref)}")

                if not _PINNED.fullmatch(ref):
                    return Fail(f"{ref} is not pinned to a commit SHA", path, line)

                for number, text in enumerate(lines, 1):
                    if ref in text and not text.lstrip().startswith("#"):
                        after = text.split(ref, 1)[1]

                        if not _VERSION.match(after.lstrip("'\"")):
                            return Fail(f"{ref} has no version comment", path, number)

        return None


class GHA003(Actions):
    """Permissions are empty by default and granted per job

    ## What it does
    Checks that every workflow sets `permissions: {}` at the top, and that a
    job is granted only read access or one of the write permissions the
    template's same workflow grants: `contents: write` to create the
    release, `id-token: write` to publish to PyPI, and `issues`,
    `pull-requests` and `discussions: write` to lock old threads. A
    workflow the template does not have may grant any of those.

    ## Why
    Without a `permissions` key, the `GITHUB_TOKEN` gets the repository's
    default permissions, often write access to everything. If a step is
    compromised, it can only do what its own job was granted.

    ## Example
    ```yaml
    permissions:
      contents: write
      id-token: write
    jobs:
      ...
    ```

    Use instead: `permissions: {}` at the top, and `permissions:` with the
    one write scope on the job that needs it.

    ## Fix
    Set `permissions: {}` and move each write permission to the job that
    uses it. Unsafe: a job that needed a removed permission fails until it
    is granted again.
    """

    weight = 5

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if not repo.workflows:
            return Skip("no workflows")

        standard = {
            name: _writes(repo.standard.yaml(name))
            for name in repo.standard.files()
            if name.startswith(WORKFLOWS)
        }
        anywhere = set().union(*standard.values())

        for path, data in repo.workflows.items():
            top = repo.line_of(path, r"^permissions:")

            if "permissions" not in data:
                return Fail("no top-level permissions", path)

            if data["permissions"] != {}:
                return Fail(
                    f"top-level permissions {_show(data['permissions'])}", path, top
                )

            allowed = standard.get(path, anywhere)

            for job_id, job in _jobs(data).items():
                value = job.get("permissions", {})
                granted = _grants(value)

                if granted is None:
                    return Fail(
                        f"job {job_id} has permissions {_show(value)}",
                        path,
                        _job_line(repo, path, job_id),
                    )

                extra = sorted(granted - allowed)

                if extra:
                    return Fail(
                        f"job {job_id} is granted {extra[0]}: write",
                        path,
                        _line_after(
                            repo,
                            path,
                            _job_line(repo, path, job_id),
                            rf"^\s+{re.escape(extra[0])}:\s*write",
                        ),
                    )

        return None


def _grants(value: t.Any) -> set[str] | None:
    """The scopes a ``permissions:`` value grants write access to, or
    ``None`` for ``write-all`` and values that are not understood.
    """
    if value == "read-all":
        return set()

    if not isinstance(value, dict):
        return None

    return {str(scope) for scope, level in value.items() if level == "write"}


def _writes(data: t.Any) -> set[str]:
    """Every scope that a workflow grants write access to, in any job."""
    return {
        scope
        for job in _jobs(data).values()
        for scope in _grants(job.get("permissions", {})) or ()
    }


class GHA004(Actions):
    """Checkouts do not keep credentials

    ## What it does
    Checks that every `actions/checkout` step sets
    `persist-credentials: false`.

    ## Why
    By default, checkout writes the job's token into `.git/config`, where
    every later step, and anything uploaded as an artifact from the
    workspace, can read it. No Pallets workflow pushes from CI.

    ## Example
    ```yaml
          - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2
    ```

    Use instead: the same step with `with: {persist-credentials: false}`.

    ## Fix
    Add `persist-credentials: false` to each checkout. Safe for workflows
    that do not push.
    """

    weight = 5

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if not repo.workflows:
            return Skip("no workflows")

        for path, data in repo.workflows.items():
            for job_id, job in _jobs(data).items():
                for step in _steps(job):
                    if _action(step) != "actions/checkout":
                        continue

                    if _with(step).get("persist-credentials") not in (False, "false"):
                        return Fail(
                            f"a checkout in job {job_id} keeps credentials",
                            path,
                            _line_after(
                                repo,
                                path,
                                _job_line(repo, path, job_id),
                                r"uses:\s*['\"]?actions/checkout@",
                            ),
                        )

        return None


class GHA005(Actions):
    """No untrusted expressions in run scripts

    ## What it does
    Checks that no `run:` script has a `${{ }}` expression that reads
    `matrix`, `inputs`, `github.event`, `github.head_ref`, or the outputs of
    `steps` or `needs`.

    ## Why
    GitHub pastes an expression's value into the script before the shell
    reads it, so a branch name, a pull request title or an output with
    `$(...)` in it runs as a command (script injection). An environment
    variable is passed as data and quoted by the shell.

    ## Example
    ```yaml
          - run: uv run --locked tox run -e ${{ matrix.tox }}
    ```

    Use instead:
    ```yaml
          - run: uv run --locked --no-default-groups --group dev tox run
            env:
              TOX_ENV: ${{ matrix.tox }}
    ```

    ## Fix
    Move each expression to the step's `env:` and read the variable in the
    script. Safe for the known patterns; other scripts need review.
    """

    weight = 4

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if not repo.workflows:
            return Skip("no workflows")

        for path, data in repo.workflows.items():
            for step in _all_steps(data):
                run = step.get("run")

                if not isinstance(run, str):
                    continue

                for match in _EXPRESSION.finditer(run):
                    if _TAINTED.search(match.group(1)):
                        return Fail(
                            f"run: script expands {match.group(0)}",
                            path,
                            repo.line_of(path, re.escape(match.group(0))),
                        )

        return None


class GHA006(Actions):
    """Workflows cancel superseded runs

    ## What it does
    Checks that each workflow the template sets `concurrency` with
    `cancel-in-progress: true` on (tests, pre-commit, zizmor, publish and
    lock) does the same, where the repository has it.

    ## Why
    A new push to a pull request makes the runs of the previous one
    useless. Cancelling them frees the runners and keeps two runs of the
    same workflow from racing each other.

    ## Example
    A `tests.yaml` without a `concurrency` key.

    Use instead: the template's `concurrency` block, whose group is the
    workflow and the pull request or ref, with `cancel-in-progress: true`.

    ## Fix
    Add the template's `concurrency` block. Safe.
    """

    weight = 1

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        names = [
            name
            for name in repo.standard.files()
            if name.startswith(WORKFLOWS)
            and _cancels(repo.standard.yaml(name))
            and name in repo.workflows
        ]

        if not names:
            return Skip("none of the workflows is present")

        for name in names:
            if not _cancels(repo.workflows[name]):
                return Fail(
                    "no concurrency with cancel-in-progress: true",
                    name,
                    repo.line_of(name, r"^concurrency:"),
                )

        return None


def _cancels(data: t.Any) -> bool:
    concurrency = data.get("concurrency") if isinstance(data, dict) else None
    return (
        isinstance(concurrency, dict) and concurrency.get("cancel-in-progress") is True
    )


class GHA007(Actions):
    """zizmor scans the workflows

    ## What it does
    Checks `zizmor.yaml` against the template's: the same triggers with the
    `**/*.yaml?` paths filter, and the `zizmorcore/zizmor-action` step with
    `advanced-security: false` and `annotations: true`.

    ## Why
    zizmor finds the workflow mistakes that the other GHA rules describe,
    and new ones, on every change to a workflow. Without Advanced Security
    it reports findings as annotations on the pull request.

    ## Example
    ```yaml
        - uses: zizmorcore/zizmor-action@<sha> # v0.6.0
    ```

    Use instead: the same step with
    `with: {advanced-security: false, annotations: true}`.

    ## Fix
    Write the template's `zizmor.yaml`, keeping the pins. Safe.
    """

    weight = 3

    @classmethod
    def applies(cls, repo: Repo) -> bool:
        return ZIZMOR in repo.standard.files()

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if ZIZMOR not in repo.workflows:
            return Skip(f"no {ZIZMOR}")

        return _compare_triggers(repo, ZIZMOR) or _compare_steps(repo, ZIZMOR)


class GHA008(Actions):
    """No Dependabot or Renovate

    ## What it does
    Checks that there is no Dependabot config (`.github/dependabot.yml`) and
    no Renovate config (`renovate.json`, `.renovaterc`, ...).

    ## Why
    Pallets refreshes action pins, hook pins and `uv.lock` together with
    `tox run -m update`, in one reviewed pull request. A bot opens one pull
    request per dependency, in a form the `# frozen:` and `# vX` comments
    are not kept in.

    ## Example
    `.github/dependabot.yml` with a `github-actions` ecosystem.

    Use instead: the `update-actions`, `update-pre_commit` and
    `update-requirements` tox envs.

    ## Fix
    Delete the file. Safe.
    """

    weight = 1

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        for name in _BOTS:
            if repo.is_file(name):
                return Fail(f"update bot config {name}", name)

        return None


class GHA009(Actions):
    """Tests run on pull requests and on pushes to main and stable

    ## What it does
    Checks the triggers of `tests.yaml` against the template's:
    `pull_request`, and `push` to the branches `[main, stable]`, both
    ignoring changes to `docs/**` and `README.md` only.

    ## Why
    Pallets develops on `main` and keeps the current release line on
    `stable`; `*.x` branches and `master` are gone. Without branch filters,
    a branch pushed to the repository runs twice, once for the push and
    once for its pull request; without the paths filter, a docs typo runs
    the whole matrix.

    ## Example
    ```yaml
    on: [push, pull_request]
    ```

    Use instead:
    ```yaml
    on:
      pull_request:
        paths-ignore: ['docs/**', 'README.md']
      push:
        branches: [main, stable]
        paths-ignore: ['docs/**', 'README.md']
    ```

    ## Fix
    Write the template's `on:` block. Safe.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if TESTS not in repo.workflows:
            return Skip(f"no {TESTS}")

        return _compare_triggers(repo, TESTS)


class GHA010(Actions):
    """Tests and type checks run through tox with uv

    ## What it does
    Checks that each job of the template's `tests.yaml` is there (by its
    id, or by the command it runs) with the same actions and commands: the
    `tests` job sets up uv and Python and runs
    `uv run --locked --no-default-groups --group dev tox run` with the env
    from `TOX_ENV`, and the `typing` job runs `tox run -e typing` with a
    mypy cache.

    ## Why
    CI then runs exactly what a contributor runs locally, from the locked
    versions in `uv.lock`, and a stale lock fails the run. `TOX_ENV` keeps
    the matrix value out of the script (see GHA005).

    ## Example
    ```yaml
          - run: pip install tox && tox run -e py${{ matrix.python }}
    ```

    Use instead:
    ```yaml
          - run: uv run --locked --no-default-groups --group dev tox run
            env:
              TOX_ENV: ${{ matrix.tox || format('py{0}', matrix.python) }}
    ```

    ## Fix
    Write the template's jobs, keeping the matrix. Safe.
    """

    weight = 3

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if TESTS not in repo.workflows:
            return Skip(f"no {TESTS}")

        jobs = _jobs(repo.workflows[TESTS])

        for job_id, expected in _jobs(repo.standard.yaml(TESTS)).items():
            commands = _runs(_steps(expected))
            job = jobs.get(job_id) or next(
                (j for j in jobs.values() if set(commands) & set(_runs(_steps(j)))),
                None,
            )

            if job is None:
                return Fail(f"no {job_id} job", TESTS)

            steps = _steps(job)
            actions = {_action(s) for s in steps}

            for step in _steps(expected):
                action = _action(step)

                if action is not None and action not in actions:
                    return Fail(f"job {job_id} does not use {action}", TESTS)

                for command in _lines(step.get("run")):
                    found = [s for s in steps if command in _lines(s.get("run"))]

                    if not found:
                        return Fail(f"job {job_id} does not run {command!r}", TESTS)

                    env = step.get("env") or {}
                    missing = [k for k in env if k not in (found[0].get("env") or {})]

                    if missing:
                        return Fail(
                            f"job {job_id} runs {command!r} without {missing[0]}",
                            TESTS,
                            repo.line_of(TESTS, re.escape(command)),
                        )

        return None


class GHA011(Actions):
    """The tests matrix runs every tox test env

    ## What it does
    Checks that the tests matrix and the tox `env_list` match both ways:
    every test env of `env_list` (`py3.X`, `py3.Xt`, `pypy3.X`, `tests-min`,
    `tests-dev`) has a matrix row, and every row runs an env of `env_list`.
    A row runs its `tox` value, or `py` and its `python` value. Rows for
    Windows and Mac repeat a version and are fine.

    ## Why
    `tox run` locally and CI should test the same set of Pythons. An env
    missing from the matrix is never tested in CI; a row missing from
    `env_list` is never tested locally.

    ## Example
    `env_list = ["py3.14", "py3.13", "py3.12", ...]` with no
    `{python: '3.12'}` row.

    Use instead: one row per test env, `{name: PyPy, python: 'pypy-3.11',
    tox: pypy3.11}` for envs whose name is not `py` and the version.

    ## Fix
    Add the missing rows and envs. Safe.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        env_list = repo.tool("tox", "env_list")

        if not isinstance(env_list, list):
            return Skip("no [tool.tox] env_list")

        if TESTS not in repo.workflows:
            return Skip(f"no {TESTS}")

        rows = _matrix_rows(repo.workflows[TESTS])

        if rows is None:
            return Fail("the tests workflow has no matrix", TESTS)

        matrix = {_row_env(row) for row in rows} - {None}
        envs = [str(e) for e in env_list]
        missing = [e for e in envs if _TEST_ENV.fullmatch(e) and e not in matrix]
        extra = sorted(str(e) for e in matrix if e not in envs)
        line = repo.line_of(TESTS, r"^\s+matrix:")

        found = []

        if missing:
            found.append(f"no matrix row runs {', '.join(missing)}")

        if extra:
            found.append(f"matrix runs {', '.join(extra)}, not in env_list")

        return Fail("; ".join(found), TESTS, line) if found else None


def _matrix_rows(data: t.Any) -> list[dict[str, t.Any]] | None:
    """The rows of the first job with a matrix: its ``include`` entries and
    the values of a ``python`` list.
    """
    for job in _jobs(data).values():
        strategy = job.get("strategy")
        matrix = strategy.get("matrix") if isinstance(strategy, dict) else None

        if not isinstance(matrix, dict):
            continue

        include = matrix.get("include")
        rows = [r for r in include if isinstance(r, dict)] if include else []
        python = matrix.get("python")

        if isinstance(python, list):
            rows += [{"python": value} for value in python]

        return rows

    return None


def _row_env(row: dict[str, t.Any]) -> str | None:
    """The tox env a row runs, as the template's ``TOX_ENV`` picks it."""
    if row.get("tox"):
        return str(row["tox"])

    if "python" in row:
        return f"py{row['python']}"

    return None


class GHA012(Actions):
    """pre-commit runs in CI from the lock

    ## What it does
    Checks that `pre-commit.yaml` runs the template's command,
    `uv run --locked --no-default-groups --group pre-commit pre-commit run
    --show-diff-on-failure --color=always --all-files`, with the
    `actions/cache` step for `~/.cache/pre-commit`, and that no workflow
    uses `pre-commit/action` or `pre-commit-ci/lite-action`.

    ## Why
    The locked `pre-commit` group pins pre-commit itself, so CI and the
    `style` tox env agree. `pre-commit/action` installs an unpinned
    pre-commit, and lite-action pushes fix-up commits with a write token.

    ## Example
    ```yaml
        - uses: pre-commit/action@<sha> # v3.0.1
        - uses: pre-commit-ci/lite-action@<sha> # v1.1.0
    ```

    Use instead: the template's `actions/cache` and `uv run` steps.

    ## Fix
    Write the template's `pre-commit.yaml`, keeping the pins. Safe.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        for path, data in repo.workflows.items():
            for step in _all_steps(data):
                if _action(step) in _PRE_COMMIT_ACTIONS:
                    return Fail(
                        f"uses {_action(step)}",
                        path,
                        repo.line_of(path, rf"uses:\s*{_action(step)}@"),
                    )

        if PRE_COMMIT not in repo.workflows:
            return Skip(f"no {PRE_COMMIT}")

        steps = _all_steps(repo.workflows[PRE_COMMIT])
        commands = _runs(steps)

        for step in _all_steps(repo.standard.yaml(PRE_COMMIT)):
            for command in _lines(step.get("run")):
                if command not in commands:
                    return Fail(f"does not run {command!r}", PRE_COMMIT)

            cache = _with(step).get("path")

            if cache is not None and not any(
                _action(s) == _action(step) and _with(s).get("path") == cache
                for s in steps
            ):
                return Fail(f"does not use {_action(step)} for {cache}", PRE_COMMIT)

        return None


class GHA013(Actions):
    """Old closed threads are locked daily

    ## What it does
    Checks `lock.yaml` against the template's: the same daily cron,
    `dessant/lock-threads` with 14 inactive days for issues, pull requests
    and discussions, and the write permissions on the job rather than on
    the workflow.

    ## Why
    Comments on long-closed issues are rarely about the same bug; locking
    them sends people to open a new issue with a fresh example. The
    permissions belong to the one job that locks.

    ## Example
    ```yaml
    permissions:
      issues: write
      pull-requests: write
    jobs:
      lock:
        steps:
          - uses: dessant/lock-threads@89ae32b08ed1a541efecbab17912962a5e38981c # v6.0.2
            with:
              issue-inactive-days: 30
    ```

    Use instead: the template's `lock.yaml`.

    ## Fix
    Write the template's `lock.yaml`, keeping the pin. Safe.
    """

    weight = 1

    @classmethod
    def applies(cls, repo: Repo) -> bool:
        return LOCK in repo.standard.files()

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if LOCK not in repo.workflows:
            return Skip(f"no {LOCK}")

        failed = _compare_triggers(repo, LOCK) or _compare_steps(repo, LOCK)

        if failed:
            return failed

        found = repo.workflows[LOCK]

        if found.get("permissions") not in ({}, None):
            return Fail(
                "permissions are granted to the whole workflow",
                LOCK,
                repo.line_of(LOCK, r"^permissions:"),
            )

        jobs = _jobs(found)

        for job_id, job in _jobs(repo.standard.yaml(LOCK)).items():
            actions = {_action(s) for s in _steps(job)} - {None}
            match = next(
                (
                    j
                    for j in jobs.values()
                    if actions <= {_action(s) for s in _steps(j)}
                ),
                {},
            )

            if _writes({"jobs": {job_id: match}}) != _writes({"jobs": {job_id: job}}):
                return Fail(
                    f"job {job_id} has permissions {_show(match.get('permissions'))}",
                    LOCK,
                    _job_line(repo, LOCK, job_id),
                )

        return None
