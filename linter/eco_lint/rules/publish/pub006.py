"""PUB006: a draft GitHub release gets the built files."""

from __future__ import annotations

import re

from ...edits import Edit
from ...edits.text import DeleteFile
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import is_pure_python
from .._base import Publishing
from ._edits import Put
from ._edits import StepPut
from ._fixes import combined
from ._fixes import job_permissions
from ._fixes import replace
from ._fixes import step_keys
from ._fixes import template_build
from ._workflow import artifact_globs
from ._workflow import as_dict
from ._workflow import expr
from ._workflow import find_line
from ._workflow import in_job
from ._workflow import jobs_of
from ._workflow import PATH
from ._workflow import path_of
from ._workflow import permissions_of
from ._workflow import read_workflow
from ._workflow import RELEASE
from ._workflow import release_jobs
from ._workflow import run_of
from ._workflow import show
from ._workflow import steps_of
from ._workflow import template_workflow


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
    Delete `.github/release.yml`, and set the release job's permissions,
    command and `GH_TOKEN` to the template's, or add the template's
    `create-release` job when no job creates the release. Unsafe: it
    changes what the release has; dropping extra permissions alone is
    Safe.
    """

    weight = 2
    fixable = True
    requires = frozenset({"PUB001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        path = path_of(repo)

        failed = [
            Fail("configures generated release notes", name)
            for name in (".github/release.yml", ".github/release.yaml")
            if repo.is_file(name)
        ]
        workflow = read_workflow(repo)
        jobs = release_jobs(workflow)

        if not jobs:
            message = "no job creates the release with gh release create"
            return [*failed, Fail(message, path)]

        std_job = next(iter(release_jobs(template_workflow(std)).values()))
        (std_step,) = [s for s in steps_of(std_job) if RELEASE in run_of(s)]
        std_token = expr(std_step["env"]["GH_TOKEN"])

        for name, job in jobs.items():
            line = in_job(repo, name, RELEASE)
            permissions = permissions_of(workflow, job)

            if permissions != std_job["permissions"]:
                failed.append(
                    Fail(
                        f"job {name!r} has permissions {show(permissions)}, not"
                        f" {show(std_job['permissions'])}",
                        path,
                        find_line(repo, rf"^  {re.escape(name)}:"),
                    )
                )

            for step in steps_of(job):
                command = run_of(step)

                if RELEASE not in command:
                    continue

                args = command.partition(RELEASE)[2].split()

                if "--generate-notes" in args:
                    failed.append(Fail("the release has generated notes", path, line))

                if "--draft" not in args and "-d" not in args:
                    failed.append(Fail("the release is not a --draft", path, line))

                if not {"dist/*", *artifact_globs(workflow, job)} & set(args):
                    files = [a for a in args if "*" in a] or ["no files"]
                    failed.append(
                        Fail(
                            f"the release attaches {' '.join(files)}, not dist/*",
                            path,
                            line,
                        )
                    )

                env = {
                    **as_dict(job.get("env")),
                    **as_dict(step.get("env")),
                }

                if expr(env.get("GH_TOKEN")) != std_token:
                    failed.append(
                        Fail(
                            f"GH_TOKEN is {show(env.get('GH_TOKEN'))}, not {std_token}",
                            path,
                            in_job(repo, name, r"GH_TOKEN"),
                        )
                    )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if path_of(repo) != PATH:
            return None  # the template edits only its own publish.yaml

        edits: list[Edit] = [
            DeleteFile(name)
            for name in (".github/release.yml", ".github/release.yaml")
            if repo.is_file(name)
        ]
        unsafe = bool(edits)
        workflow = read_workflow(repo)
        standard = template_workflow(std)
        std_name, std_job = next(iter(release_jobs(standard).items()))
        jobs = release_jobs(workflow)

        if not jobs:
            if template_build(std) not in jobs_of(workflow) or not is_pure_python(repo):
                return replace(repo)

            edits.append(Put(PATH, ("jobs", std_name), ("jobs", std_name)))
            return combined("Create a draft release with the built files", edits, True)

        run_keys = step_keys(std, std_name, None, RELEASE)
        (std_step,) = [s for s in steps_of(std_job) if RELEASE in run_of(s)]

        for name, job in jobs.items():
            grant, granting = job_permissions(
                workflow, job, name, std_job, std_name, "contents"
            )
            edits += grant
            unsafe |= granting

            for step in steps_of(job):
                if RELEASE not in run_of(step):
                    continue

                args = run_of(step).partition(RELEASE)[2].split()

                if (
                    "--generate-notes" in args
                    or not {"--draft", "-d"} & set(args)
                    or "dist/*" not in args
                ):
                    edits.append(
                        StepPut(
                            PATH,
                            name,
                            ("run",),
                            run=RELEASE,
                            keys=(*run_keys, "run"),
                        )
                    )
                    unsafe = True

                env = {**as_dict(job.get("env")), **as_dict(step.get("env"))}

                if expr(env.get("GH_TOKEN")) != expr(std_step["env"]["GH_TOKEN"]):
                    edits.append(
                        StepPut(
                            PATH,
                            name,
                            ("env", "GH_TOKEN"),
                            run=RELEASE,
                            keys=(*run_keys, "env", "GH_TOKEN"),
                        )
                    )
                    unsafe = True

        return combined("Create a draft release with the built files", edits, unsafe)
