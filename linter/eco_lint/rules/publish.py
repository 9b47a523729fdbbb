"""PUB: the publish workflow, from a pushed tag to PyPI and a draft release."""

from __future__ import annotations

import json
import re
import typing as t

from ..registry import Fail
from ..registry import Skip
from ..repo import Repo
from ._base import is_pure_python
from ._base import Publishing
from ._base import requirement_name

#: The publish workflow, by its path in the repository.
PATH = ".github/workflows/publish.yaml"
PYPI = "pypa/gh-action-pypi-publish"
#: gh-action-pypi-publish makes PEP 740 attestations by default since v1.11.0.
ATTESTATIONS_SINCE = (1, 11, 0)
_EPOCH = re.compile(r"SOURCE_DATE_EPOCH=\$\(\s*git log -1 --(?:pretty|format)=%ct\s*\)")
_BUILD = re.compile(r"\buv build\b|\bpython3? -m build\b|\bpyproject-build\b")


# Reading workflows ---------------------------------------------------------


def _workflow(repo: Repo) -> dict[str, t.Any]:
    return repo.workflows.get(PATH, {})


def _standard(repo: Repo) -> dict[str, t.Any]:
    data = repo.standard.yaml(PATH)
    return data if isinstance(data, dict) else {}


def _jobs(workflow: dict[str, t.Any]) -> dict[str, dict[str, t.Any]]:
    jobs = workflow.get("jobs")

    if not isinstance(jobs, dict):
        return {}

    return {str(k): v for k, v in jobs.items() if isinstance(v, dict)}


def _steps(job: dict[str, t.Any]) -> list[dict[str, t.Any]]:
    steps = job.get("steps")

    if not isinstance(steps, list):
        return []

    return [step for step in steps if isinstance(step, dict)]


def _action(step: dict[str, t.Any]) -> str:
    """The action a step uses, without its ref, lowercase."""
    return str(step.get("uses", "")).partition("@")[0].strip().lower()


def _dict(value: t.Any) -> dict[str, t.Any]:
    return value if isinstance(value, dict) else {}


def _with(step: dict[str, t.Any]) -> dict[str, t.Any]:
    return _dict(step.get("with"))


def _run(step: dict[str, t.Any]) -> str:
    return " ".join(str(step.get("run", "")).split())


def _needs(job: dict[str, t.Any]) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else [str(n) for n in needs or []]


def _permissions(workflow: dict[str, t.Any], job: dict[str, t.Any]) -> t.Any:
    """The permissions a job's token gets: its own, else the workflow's."""
    return job["permissions"] if "permissions" in job else workflow.get("permissions")


def _expr(value: t.Any) -> str:
    """A value with the spaces inside ``${{ }}`` made uniform."""
    text = " ".join(str(value if value is not None else "").split())
    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", r"${{ \1 }}", text)


def _show(value: t.Any) -> str:
    return json.dumps(value) if isinstance(value, (dict, list)) else repr(value)


def _using(
    workflow: dict[str, t.Any], action: str
) -> list[tuple[str, dict[str, t.Any]]]:
    """Each job name and step that uses an action."""
    return [
        (name, step)
        for name, job in _jobs(workflow).items()
        for step in _steps(job)
        if _action(step) == action
    ]


def _job_of(workflow: dict[str, t.Any], action: str) -> dict[str, t.Any]:
    for name, _ in _using(workflow, action):
        return _jobs(workflow)[name]

    return {}


def _release_jobs(workflow: dict[str, t.Any]) -> dict[str, dict[str, t.Any]]:
    return {
        name: job
        for name, job in _jobs(workflow).items()
        if any("gh release create" in _run(step) for step in _steps(job))
    }


def _builds(step: dict[str, t.Any]) -> bool:
    return bool(_BUILD.search(_run(step))) or _action(step) == "pypa/cibuildwheel"


def _build_jobs(workflow: dict[str, t.Any]) -> dict[str, dict[str, t.Any]]:
    """Jobs that build the distributions: ``uv build`` or cibuildwheel."""
    return {
        name: job
        for name, job in _jobs(workflow).items()
        if any(_builds(step) for step in _steps(job))
    }


def _line(repo: Repo, pattern: str) -> int | None:
    return repo.line_of(PATH, pattern)


def _version(text: str) -> tuple[int, ...] | None:
    match = re.fullmatch(r"v?([0-9]+(?:\.[0-9]+)*)", text.strip())
    return tuple(int(p) for p in match.group(1).split(".")) if match else None


# Rules ---------------------------------------------------------------------


class PUB001(Publishing):
    """Publish workflow runs on pushed tags only

    ## What it does
    Checks that `.github/workflows/publish.yaml` exists and that its only
    trigger is `push: tags` with the template's tag pattern. A project with
    a C extension may also have `workflow_dispatch`, to build wheels for a
    new Python version of an existing tag.

    ## Why
    A release is a pushed tag: the release steps tag the release commit and
    push it, and the workflow builds exactly that commit. Triggers on
    branches, releases or pull requests would build or publish something
    that was not tagged.

    ## Example
    ```yaml
    on:
      release:
        types: [published]
    ```

    Use instead:
    ```yaml
    on:
      push:
        tags: ['*']
    ```

    ## Fix
    Write the template's `publish.yaml`, or replace the `on:` block with the
    template's. Unsafe: it changes when the project publishes.
    """

    weight = 3

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        if repo.text(PATH) is None:
            if repo.is_file(".github/workflows/publish.yml"):
                return Fail(
                    "the publish workflow is publish.yml, not publish.yaml",
                    ".github/workflows/publish.yml",
                )

            return Fail(f"{PATH} is missing")

        workflow = _workflow(repo)

        if PATH in repo.errors:
            return Fail(f"publish.yaml {repo.errors[PATH]}", PATH)

        expected = _standard(repo).get("on", {})
        found = workflow.get("on")
        line = _line(repo, r"^['\"]?on['\"]?\s*:")

        if isinstance(found, str):
            found = {found: None}
        elif isinstance(found, list):
            found = {str(k): None for k in found}
        elif not isinstance(found, dict):
            return Fail("has no on: triggers", PATH, line)

        allowed = set(expected)

        if not is_pure_python(repo):
            allowed.add("workflow_dispatch")

        extra = sorted(set(found) - allowed)

        if extra:
            return Fail(f"also runs on {', '.join(extra)}", PATH, line)

        for event, spec in expected.items():
            value = found.get(event)

            if event not in found or not isinstance(value, dict):
                return Fail(f"does not run on {event}: {_show(spec)}", PATH, line)

            for key, pattern in spec.items():
                got = value.get(key)
                got = [got] if isinstance(got, str) else got

                if got != pattern:
                    return Fail(
                        f"{event}: {key} is {_show(got)}, not {_show(pattern)}",
                        PATH,
                        line,
                    )

            other = sorted(set(value) - set(spec))

            if other:
                return Fail(
                    f"{event} also filters on {', '.join(other)}",
                    PATH,
                    _line(repo, rf"^\s+{re.escape(other[0])}\s*:"),
                )

        return None


class PUB002(Publishing):
    """A build job hands one dist artifact to the upload jobs

    ## What it does
    Checks that a separate `build` job, without the `id-token` permission,
    builds the distributions and uploads them as one artifact, named as in
    the template, from a step with an `id` and `if-no-files-found: error`.
    The job declares the upload's `artifact-id` in its `outputs`, and every
    job that downloads the artifact (the release and the PyPI upload)
    downloads it with `artifact-ids: ${{ needs.build.outputs.artifact-id }}`.

    ## Why
    The build runs the project's build backend; it must not hold the token
    that can publish to PyPI. Downloading by id gets exactly the files this
    run built, and an empty build fails at once instead of publishing
    nothing.

    ## Example
    One job that runs `uv build` and then `pypa/gh-action-pypi-publish` with
    `id-token: write`, or downloads with `name: artifact` only.

    Use instead: the template's `build`, `create-release` and `publish-pypi`
    jobs.

    ## Fix
    Split the workflow into the template's jobs and wire the artifact by id.
    Unsafe: it rewrites the publish workflow.
    """

    weight = 4
    requires = frozenset({"PUB001"})

    @classmethod
    def applies(cls, repo: Repo) -> bool:
        # A C extension builds an sdist and a wheel matrix in separate jobs.
        return is_pure_python(repo)

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        workflow = _workflow(repo)
        jobs = _jobs(workflow)
        standard = _standard(repo)
        std_jobs = _jobs(standard)
        # The template's build job is the one that declares outputs.
        name = next(n for n, job in std_jobs.items() if "outputs" in job)
        std_build = std_jobs[name]
        build = jobs.get(name)

        if build is None:
            return Fail(f"has no separate {name!r} job", PATH)

        line = _line(repo, rf"^  {re.escape(name)}:")
        permissions = _permissions(workflow, build)

        if permissions == "write-all" or (
            isinstance(permissions, dict) and "id-token" in permissions
        ):
            return Fail(f"the {name} job can request an id-token", PATH, line)

        if any(_action(step) == PYPI for step in _steps(build)):
            return Fail(f"the {name} job also publishes to PyPI", PATH, line)

        (std_upload,) = [
            s for s in _steps(std_build) if _action(s) == "actions/upload-artifact"
        ]
        artifact = _with(std_upload)["name"]
        uploads = [
            step
            for step in _steps(build)
            if _action(step) == "actions/upload-artifact"
            and _with(step).get("name") == artifact
        ]

        if not uploads:
            return Fail(
                f"the {name} job uploads no artifact named {artifact!r}", PATH, line
            )

        upload = uploads[0]
        upload_line = _line(repo, r"actions/upload-artifact@")

        if not upload.get("id"):
            return Fail(f"the {artifact} upload step has no id", PATH, upload_line)

        empty = _with(std_upload)["if-no-files-found"]

        if _with(upload).get("if-no-files-found") != empty:
            return Fail(
                f"the {artifact} upload does not set if-no-files-found: {empty}",
                PATH,
                upload_line,
            )

        outputs = _dict(build.get("outputs"))

        for key, value in std_build["outputs"].items():
            want = _expr(value).replace(
                f"steps.{std_upload['id']}.", f"steps.{upload['id']}."
            )

            if _expr(outputs.get(key)) != want:
                return Fail(
                    f"the {name} job does not declare outputs.{key}: {want}",
                    PATH,
                    line,
                )

        (ids,) = {
            _expr(_with(step).get("artifact-ids"))
            for _, step in _using(standard, "actions/download-artifact")
        }
        downstream = {
            job_name: job
            for job_name, job in jobs.items()
            if job_name != name
            and any(
                _action(s) in (PYPI, "actions/download-artifact")
                or "gh release create" in _run(s)
                for s in _steps(job)
            )
        }

        if not downstream:
            return Fail(f"no job uses the {name} job's artifact", PATH)

        for job_name, job in downstream.items():
            downloads = [
                s for s in _steps(job) if _action(s) == "actions/download-artifact"
            ]
            job_line = _line(repo, rf"^  {re.escape(job_name)}:")

            if not downloads:
                return Fail(f"job {job_name!r} downloads no artifact", PATH, job_line)

            for step in downloads:
                found = _with(step).get("artifact-ids")

                if _expr(found) != ids:
                    what = (
                        f"by artifact-ids: {found}"
                        if found is not None
                        else f"by name {_with(step)['name']!r}"
                        if "name" in _with(step)
                        else "every artifact"
                    )
                    return Fail(
                        f"job {job_name!r} downloads {what}, not artifact-ids: {ids}",
                        PATH,
                        job_line,
                    )

            if name not in _needs(job):
                return Fail(f"job {job_name!r} does not need {name}", PATH, job_line)

        return None


class PUB003(Publishing):
    """Builds are reproducible with SOURCE_DATE_EPOCH

    ## What it does
    Checks that every job that builds the distributions (`uv build`, or
    cibuildwheel) first exports `SOURCE_DATE_EPOCH` from the time of the last
    commit, with `git log -1 --pretty=%ct`.

    ## Why
    Build backends stamp archive entries with the current time unless
    `SOURCE_DATE_EPOCH` is set. With the commit time the sdist and wheels are
    byte-for-byte reproducible, so anyone can check that the files on PyPI
    came from the tagged commit.

    ## Example
    ```yaml
    - run: uv build
    ```

    Use instead:
    ```yaml
    - run: echo "SOURCE_DATE_EPOCH=$(git log -1 --pretty=%ct)" >> $GITHUB_ENV
    - run: uv build
    ```

    ## Fix
    Insert the `SOURCE_DATE_EPOCH` step before the build step. Safe.
    """

    weight = 2
    requires = frozenset({"PUB001"})

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        builds = _build_jobs(_workflow(repo))

        if not builds:
            return Fail("no job builds the distributions with uv build", PATH)

        for name, job in builds.items():
            steps = _steps(job)
            index = next(i for i, step in enumerate(steps) if _builds(step))
            build = _run(steps[index])
            match = _BUILD.search(build)
            exported = any(
                _EPOCH.search(_run(step)) and "GITHUB_ENV" in _run(step)
                for step in steps[:index]
            ) or bool(
                match
                and (epoch := _EPOCH.search(build))
                and epoch.start() < match.start()
            )

            if not exported:
                what = match.group(0) if match else "cibuildwheel"
                return Fail(
                    f"job {name!r} runs {what} without SOURCE_DATE_EPOCH from the"
                    " last commit",
                    PATH,
                    _line(repo, r"uv build|-m build|pyproject-build|cibuildwheel@"),
                )

        return None


class PUB004(Publishing):
    """PyPI upload uses trusted publishing with attestations

    ## What it does
    Checks the job that uses `pypa/gh-action-pypi-publish`: it runs in the
    `publish` environment whose `url` is the project's PyPI page for the tag
    (`https://pypi.org/project/<[project].name>/${{ github.ref_name }}`), its
    only permission is `id-token: write`, the action is v1.11.0 or newer (read
    from the `# vX.Y.Z` comment when it is pinned by SHA), and it passes no
    `password`, `user` or secret, does not set `attestations: false`, and
    uploads to no other index (`repository-url`, such as TestPyPI).

    ## Why
    Trusted publishing trades a short-lived OIDC token for the upload, so no
    long-lived PyPI token exists to leak. The `publish` environment requires
    a maintainer's approval after the draft release is reviewed. Since
    v1.11.0 the action signs PEP 740 attestations by default, which replaced
    the SLSA provenance job.

    ## Example
    ```yaml
    publish:
      environment: publish
      steps:
        - uses: pypa/gh-action-pypi-publish@release/v1
          with:
            password: ${{ secrets.PYPI_TOKEN }}
    ```

    Use instead: the template's `publish-pypi` job, and a trusted publisher
    configured for the workflow on PyPI.

    ## Fix
    Write the template's `publish-pypi` job. Unsafe: PyPI must trust the
    workflow before the next release, and the token secret should be
    revoked.
    """

    weight = 5
    requires = frozenset({"PUB001"})

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        workflow = _workflow(repo)
        uses = _using(workflow, PYPI)

        if not uses:
            return Fail(f"no job uses {PYPI}", PATH)

        std_job = _job_of(_standard(repo), PYPI)

        for name, step in uses:
            job = _jobs(workflow)[name]
            line = _line(repo, rf"^  {re.escape(name)}:")

            for key in ("repository-url", "repository_url"):
                if key in _with(step):
                    return Fail(
                        f"job {name!r} uploads to {_with(step)[key]}",
                        PATH,
                        repo.line_of(PATH, rf"^\s+{key}\s*:"),
                    )
            found = cls._environment(job.get("environment"))
            want = cls._environment(std_job["environment"])

            if found != want:
                return Fail(
                    f"job {name!r} runs in environment {_show(job.get('environment'))}"
                    f", not {_show(std_job['environment'])}",
                    PATH,
                    _line(repo, r"^\s+environment:") or line,
                )

            permissions = _permissions(workflow, job)

            if permissions != std_job["permissions"]:
                return Fail(
                    f"job {name!r} has permissions {_show(permissions)}, not"
                    f" {_show(std_job['permissions'])}",
                    PATH,
                    line,
                )

            fail = cls._step(repo, name, step)

            if fail is not None:
                return fail

        return None

    @staticmethod
    def _environment(value: t.Any) -> tuple[str, str]:
        """The environment's name and URL, with the project name in a PyPI
        URL normalized, since PyPI redirects every spelling.
        """
        if not isinstance(value, dict):
            return str(value), ""

        url = re.sub(
            r"(pypi\.org/project/)([^/]+)",
            lambda m: m.group(1) + requirement_name(m.group(2)),
            _expr(value.get("url")),
        )
        return str(value.get("name")), url

    @staticmethod
    def _step(repo: Repo, job: str, step: dict[str, t.Any]) -> Fail | None:
        ref = str(step.get("uses", "")).partition("@")[2].strip()
        line = repo.line_of(PATH, rf"{re.escape(PYPI)}@{re.escape(ref)}")
        text = (repo.text(PATH) or "").splitlines()[line - 1] if line else ""
        comment = re.search(r"#\s*(v?[0-9][0-9.]*)\s*$", text)

        if re.fullmatch(r"[0-9a-f]{40}", ref):
            version = _version(comment.group(1)) if comment else None
        elif re.fullmatch(r"release/v[0-9]+", ref):
            # The branch follows the newest release of its major version.
            version = (int(ref[len("release/v") :]), 1_000_000)
        else:
            version = _version(ref)

        if version is None:
            return Fail(f"cannot tell which version {ref!r} of {PYPI} is", PATH, line)

        if version < ATTESTATIONS_SINCE:
            since = ".".join(map(str, ATTESTATIONS_SINCE))
            return Fail(
                f"{PYPI} is {comment.group(1) if comment else ref}, older than"
                f" v{since}, which makes attestations",
                PATH,
                line,
            )

        options = _with(step)

        for key in ("password", "user"):
            if key in options:
                return Fail(
                    f"job {job!r} uploads with a {key}, not trusted publishing",
                    PATH,
                    repo.line_of(PATH, rf"^\s+{key}\s*:"),
                )

        if any("secrets." in str(v) for v in [*options.values(), step.get("env")]):
            return Fail(
                f"job {job!r} passes a secret to {PYPI}",
                PATH,
                repo.line_of(PATH, r"secrets\."),
            )

        if str(options.get("attestations", True)).lower() == "false":
            return Fail(
                "attestations are turned off",
                PATH,
                repo.line_of(PATH, r"^\s+attestations\s*:"),
            )

        return None


class PUB005(Publishing):
    """No SLSA provenance job

    ## What it does
    Checks that the publish workflow has no `slsa-framework/slsa-github-generator`
    job, uploads no `*.intoto.jsonl` file and computes no `hash` output for
    one.

    ## Why
    PyPI's trusted publishing makes PEP 740 attestations itself, so Pallets
    removed the SLSA job in June 2025. The generator can only be pinned by
    tag, it needs `contents: write` and `id-token: write`, and it held the
    artifact actions at old versions.

    ## Example
    A `provenance` job that uses
    `slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml`
    with `base64-subjects: ${{ needs.build.outputs.hash }}`.

    Use instead: nothing; `pypa/gh-action-pypi-publish` attests the upload.

    ## Fix
    Delete the provenance job and the `hash` output, and make the other jobs
    need `build`. Safe.
    """

    weight = 2
    requires = frozenset({"PUB001"})

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        text = repo.text(PATH) or ""

        if "slsa-framework/" in text:
            return Fail(
                "has a SLSA provenance job", PATH, _line(repo, r"slsa-framework/")
            )

        if ".intoto.jsonl" in text:
            return Fail(
                "publishes a *.intoto.jsonl provenance file",
                PATH,
                _line(repo, r"\.intoto\.jsonl"),
            )

        for name, job in _jobs(_workflow(repo)).items():
            outputs = job.get("outputs")

            if isinstance(outputs, dict) and {"hash", "hashes"} & set(outputs):
                return Fail(
                    f"job {name!r} outputs a hash for provenance",
                    PATH,
                    _line(repo, r"^\s+hash(es)?\s*:"),
                )

        return None


class PUB006(Publishing):
    """A draft GitHub release gets the built files

    ## What it does
    Checks the job that runs `gh release create`: it has only the template's
    `contents: write` permission, creates a `--draft` release with the files
    in `dist/*`, without `--generate-notes`, and authenticates with
    `GH_TOKEN: ${{ github.token }}`. There must be no `.github/release.yml`
    configuring generated release notes.

    ## Why
    The draft release shows the exact files before a maintainer approves
    the PyPI upload; it is published by hand afterwards, with the changelog
    section as its notes. Generated notes list pull request titles instead of
    the changelog.

    ## Example
    ```yaml
    - run: gh release create --generate-notes ${GITHUB_REF_NAME}
    ```

    Use instead:
    ```yaml
    - run: >-
        gh release create --draft --repo ${GITHUB_REPOSITORY} ${GITHUB_REF_NAME}
        dist/*
      env:
        GH_TOKEN: ${{ github.token }}
    ```

    ## Fix
    Write the template's `create-release` job and delete `.github/release.yml`.
    Safe.
    """

    weight = 2
    requires = frozenset({"PUB001"})

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        for name in (".github/release.yml", ".github/release.yaml"):
            if repo.is_file(name):
                return Fail("configures generated release notes", name)

        workflow = _workflow(repo)
        jobs = _release_jobs(workflow)

        if not jobs:
            return Fail("no job creates the release with gh release create", PATH)

        std_job = next(iter(_release_jobs(_standard(repo)).values()))
        (std_step,) = [s for s in _steps(std_job) if "gh release create" in _run(s)]
        std_token = _expr(std_step["env"]["GH_TOKEN"])

        for name, job in jobs.items():
            line = _line(repo, r"gh release create")
            permissions = _permissions(workflow, job)

            if permissions != std_job["permissions"]:
                return Fail(
                    f"job {name!r} has permissions {_show(permissions)}, not"
                    f" {_show(std_job['permissions'])}",
                    PATH,
                    _line(repo, rf"^  {re.escape(name)}:"),
                )

            for step in _steps(job):
                command = _run(step)

                if "gh release create" not in command:
                    continue

                args = command.partition("gh release create")[2].split()

                if "--generate-notes" in args:
                    return Fail("the release has generated notes", PATH, line)

                if "--draft" not in args and "-d" not in args:
                    return Fail("the release is not a --draft", PATH, line)

                if "dist/*" not in args:
                    files = [a for a in args if "*" in a] or ["no files"]
                    return Fail(
                        f"the release attaches {' '.join(files)}, not dist/*",
                        PATH,
                        line,
                    )

                env = {
                    **_dict(job.get("env")),
                    **_dict(step.get("env")),
                }

                if _expr(env.get("GH_TOKEN")) != std_token:
                    return Fail(
                        f"GH_TOKEN is {_show(env.get('GH_TOKEN'))}, not {std_token}",
                        PATH,
                        _line(repo, r"GH_TOKEN") or line,
                    )

        return None


class PUB007(Publishing):
    """Release builds use no cache

    ## What it does
    Checks that every job that builds the distributions sets
    `enable-cache: false` on `astral-sh/setup-uv`, and restores no other
    cache (`actions/cache`, or `cache:` on `actions/setup-python`).

    ## Why
    A cache is shared with the workflows that pull requests run. A poisoned
    cache entry would put an attacker's files into the build that is
    uploaded to PyPI. setup-uv caches by default on GitHub's runners.

    ## Example
    ```yaml
    - uses: astral-sh/setup-uv@<sha> # v9.0.0
      with:
        enable-cache: true
    ```

    Use instead:
    ```yaml
    - uses: astral-sh/setup-uv@<sha> # v9.0.0
      with:
        enable-cache: false
    ```

    ## Fix
    Set `enable-cache: false` and remove other caches from the build job.
    Safe.
    """

    weight = 3
    requires = frozenset({"PUB001"})

    @classmethod
    def check(cls, repo: Repo) -> Fail | Skip | None:
        builds = _build_jobs(_workflow(repo))

        if not builds:
            return Skip("no job builds the distributions; PUB003 reports it")

        for name, job in builds.items():
            for step in _steps(job):
                action = _action(step)
                options = _with(step)

                if action == "astral-sh/setup-uv" and (
                    str(options.get("enable-cache")).lower() != "false"
                ):
                    return Fail(
                        f"setup-uv in job {name!r} does not set enable-cache: false",
                        PATH,
                        _line(repo, r"astral-sh/setup-uv@"),
                    )

                if (action == "actions/setup-python" and "cache" in options) or (
                    action == "actions/cache"
                ):
                    return Fail(
                        f"job {name!r} restores a cache with {action}",
                        PATH,
                        _line(repo, rf"{re.escape(action)}@"),
                    )

        return None
