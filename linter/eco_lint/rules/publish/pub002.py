"""PUB002: a build job hands one dist artifact to the upload jobs."""

from __future__ import annotations

import re
import typing as t

from ...edits import Edit
from ...edits.yaml import YamlRemove
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import is_pure_python
from .._base import Publishing
from ._edits import AddStep
from ._edits import Needs
from ._edits import node
from ._edits import Put
from ._edits import StepPut
from ._fixes import combined
from ._fixes import pin_updates
from ._fixes import replace
from ._fixes import step_keys
from ._fixes import template_build
from ._workflow import action_of
from ._workflow import ARTIFACT_IDS_SINCE
from ._workflow import as_dict
from ._workflow import DOWNLOAD
from ._workflow import expr
from ._workflow import find_line
from ._workflow import in_job
from ._workflow import inputs_of
from ._workflow import jobs_of
from ._workflow import needs_of
from ._workflow import PATH
from ._workflow import path_of
from ._workflow import permissions_of
from ._workflow import PYPI
from ._workflow import read_workflow
from ._workflow import RELEASE
from ._workflow import release_jobs
from ._workflow import run_of
from ._workflow import steps_of
from ._workflow import template_workflow
from ._workflow import UPLOAD
from ._workflow import using
from ._workflow import within


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
    Give the upload step the template's name, `id` and
    `if-no-files-found`, declare the `artifact-id` output, download by
    `artifact-ids` into `dist/` (moving artifact actions too old for ids
    to the template's pins), make the upload jobs need the build job, and
    take `id-token` from it. Safe when only what cannot change the
    published files is added; Unsafe when the artifact's name, the download
    folder or an action changes. A workflow without the template's build
    job, or that builds with something other than `uv build`, is replaced
    by the template's, keeping its other jobs; Unsafe.
    """

    weight = 4
    fixable = True
    requires = frozenset({"PUB001"})

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        # A C extension builds an sdist and a wheel matrix in separate jobs.
        return is_pure_python(repo)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        path = path_of(repo)

        workflow = read_workflow(repo)
        jobs = jobs_of(workflow)
        standard = template_workflow(std)
        std_jobs = jobs_of(standard)
        # The template's build job is the one that declares outputs.
        name = next(n for n, job in std_jobs.items() if "outputs" in job)
        std_build = std_jobs[name]
        build = jobs.get(name)

        if build is None:
            return Fail(f"has no separate {name!r} job", path)

        line = find_line(repo, rf"^  {re.escape(name)}:")
        permissions = permissions_of(workflow, build)
        failed: list[Fail] = []

        if permissions == "write-all" or (
            isinstance(permissions, dict) and "id-token" in permissions
        ):
            message = f"the {name} job can request an id-token"
            failed.append(
                Fail(message, path, in_job(repo, name, r"id-token|write-all"))
            )

        if any(action_of(step) == PYPI for step in steps_of(build)):
            message = f"the {name} job also publishes to PyPI"
            failed.append(Fail(message, path, in_job(repo, name, re.escape(PYPI))))

        (std_upload,) = [s for s in steps_of(std_build) if action_of(s) == UPLOAD]
        artifact = inputs_of(std_upload)["name"]
        uploads = [
            step
            for step in steps_of(build)
            if action_of(step) == UPLOAD and inputs_of(step).get("name") == artifact
        ]

        if not uploads:
            message = f"the {name} job uploads no artifact named {artifact!r}"
            failed.append(Fail(message, path, line))
        else:
            failed += cls._upload(repo, name, build, uploads[0], std_build)

        (ids,) = {
            expr(inputs_of(step).get("artifact-ids"))
            for _, step in using(standard, DOWNLOAD)
        }
        downstream = {
            job_name: job
            for job_name, job in jobs.items()
            if job_name != name
            and any(
                action_of(s) in (PYPI, DOWNLOAD) or RELEASE in run_of(s)
                for s in steps_of(job)
            )
        }

        if not downstream:
            return [*failed, Fail(f"no job uses the {name} job's artifact", path)]

        for job_name, job in downstream.items():
            downloads = [s for s in steps_of(job) if action_of(s) == DOWNLOAD]
            job_line = find_line(repo, rf"^  {re.escape(job_name)}:")

            if not downloads:
                message = f"job {job_name!r} downloads no artifact"
                failed.append(Fail(message, path, job_line))

            for step in downloads:
                found = inputs_of(step).get("artifact-ids")

                if expr(found) != ids:
                    what = (
                        f"by artifact-ids: {found}"
                        if found is not None
                        else f"by name {inputs_of(step)['name']!r}"
                        if "name" in inputs_of(step)
                        else "every artifact"
                    )
                    failed.append(
                        Fail(
                            f"job {job_name!r} downloads {what},"
                            f" not artifact-ids: {ids}",
                            path,
                            in_job(repo, job_name, rf"{re.escape(DOWNLOAD)}@"),
                        )
                    )

            if name not in needs_of(job):
                message = f"job {job_name!r} does not need {name}"
                failed.append(Fail(message, path, job_line))

        return failed

    @staticmethod
    def _upload(
        repo: Repo,
        name: str,
        build: dict[str, t.Any],
        upload: dict[str, t.Any],
        std_build: dict[str, t.Any],
    ) -> list[Fail]:
        """How the build job's upload step and outputs differ."""
        path = path_of(repo)
        (std_upload,) = [s for s in steps_of(std_build) if action_of(s) == UPLOAD]
        artifact = inputs_of(std_upload)["name"]
        job = find_line(repo, rf"^  {re.escape(name)}:")
        upload_line = in_job(repo, name, rf"{re.escape(UPLOAD)}@")
        failed: list[Fail] = []

        if not upload.get("id"):
            message = f"the {artifact} upload step has no id"
            failed.append(Fail(message, path, upload_line))

        empty = inputs_of(std_upload)["if-no-files-found"]

        if inputs_of(upload).get("if-no-files-found") != empty:
            failed.append(
                Fail(
                    f"the {artifact} upload does not set if-no-files-found: {empty}",
                    path,
                    within(repo, job, r"^\s+if-no-files-found\s*:") or upload_line,
                )
            )

        outputs = as_dict(build.get("outputs"))

        for key, value in std_build["outputs"].items():
            want = expr(value).replace(
                f"steps.{std_upload['id']}.",
                # Without an id, the fix gives it the template's.
                f"steps.{upload.get('id') or std_upload['id']}.",
            )

            if expr(outputs.get(key)) != want:
                failed.append(
                    Fail(
                        f"the {name} job does not declare outputs.{key}: {want}",
                        path,
                        in_job(repo, name, rf"^\s+{re.escape(key)}\s*:"),
                    )
                )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if path_of(repo) != PATH:
            return None  # the template edits only its own publish.yaml

        workflow = read_workflow(repo)
        jobs = jobs_of(workflow)
        name = template_build(std)
        build = jobs.get(name)

        # Without the template's build job, or with a build that is not
        # ``uv build`` (the pip-installed ``build`` of older layouts), the
        # workflow is too far from the template's to edit.
        if (
            build is None
            or any(action_of(step) == PYPI for step in steps_of(build))
            or not any(re.search(r"\buv build\b", run_of(s)) for s in steps_of(build))
        ):
            return replace(repo)

        edits: list[Edit] = []
        unsafe = False
        permissions = build.get("permissions")

        if permissions == "write-all":
            edits.append(YamlRemove(PATH, ("jobs", name, "permissions")))
            unsafe = True
        elif isinstance(permissions, dict) and "id-token" in permissions:
            edits.append(YamlRemove(PATH, ("jobs", name, "permissions", "id-token")))

        upload_keys = step_keys(std, name, UPLOAD)
        std_upload = node(template_workflow(std), upload_keys)
        uploads = [s for s in steps_of(build) if action_of(s) == UPLOAD]

        if not uploads:
            edits.append(AddStep(PATH, name, upload_keys))
            upload_id = std_upload["id"]
            unsafe = True
        else:
            options = inputs_of(uploads[0])

            for key in ("name", "if-no-files-found"):
                if options.get(key) != std_upload["with"][key]:
                    edits.append(
                        StepPut(
                            PATH,
                            name,
                            ("with", key),
                            action=UPLOAD,
                            keys=(*upload_keys, "with", key),
                        )
                    )
                    # A new name changes what the downloads get.
                    unsafe |= key == "name"

            upload_id = uploads[0].get("id") or std_upload["id"]
            update = pin_updates(repo, std, uploads[:1], ARTIFACT_IDS_SINCE[UPLOAD])
            edits += update
            unsafe |= bool(update)

            if not uploads[0].get("id"):
                edits.append(
                    StepPut(
                        PATH,
                        name,
                        ("id",),
                        action=UPLOAD,
                        keys=(*upload_keys, "id"),
                    )
                )

        outputs = as_dict(build.get("outputs"))

        for key, value in jobs_of(template_workflow(std))[name]["outputs"].items():
            want = expr(value).replace(
                f"steps.{std_upload['id']}.", f"steps.{upload_id}."
            )

            if expr(outputs.get(key)) != want:
                edits.append(
                    Put(PATH, ("jobs", name, "outputs", key), value=want)
                    if upload_id != std_upload["id"]
                    else Put(
                        PATH,
                        ("jobs", name, "outputs", key),
                        ("jobs", name, "outputs", key),
                    )
                )

        downstream = {
            job_name: job
            for job_name, job in jobs.items()
            if job_name != name
            and any(
                action_of(s) in (PYPI, DOWNLOAD) or RELEASE in run_of(s)
                for s in steps_of(job)
            )
        }
        std_release = next(iter(release_jobs(template_workflow(std))))
        download_keys = step_keys(std, std_release, DOWNLOAD)
        std_download = inputs_of(node(template_workflow(std), download_keys))

        if not downstream:
            return replace(repo)

        for job_name, job in downstream.items():
            downloads = [s for s in steps_of(job) if action_of(s) == DOWNLOAD]

            if not downloads:
                edits.append(AddStep(PATH, job_name, download_keys, 0))
                unsafe = True

            for step in downloads:
                options = inputs_of(step)

                if expr(options.get("artifact-ids")) != expr(
                    std_download["artifact-ids"]
                ):
                    edits += [
                        StepPut(
                            PATH,
                            job_name,
                            ("with", key),
                            action=DOWNLOAD,
                            remove=True,
                        )
                        for key in ("name", "pattern")
                        if key in options
                    ]
                    edits.append(
                        StepPut(
                            PATH,
                            job_name,
                            ("with", "artifact-ids"),
                            action=DOWNLOAD,
                            keys=(*download_keys, "with", "artifact-ids"),
                        )
                    )
                    # By the same name into a folder, the files are the same.
                    unsafe |= options.get("name") != std_upload["with"]["name"]
                    update = pin_updates(
                        repo, std, [step], ARTIFACT_IDS_SINCE[DOWNLOAD]
                    )
                    edits += update
                    unsafe |= bool(update)

                if "path" not in options:
                    # The files now go to the template's folder, which the
                    # upload reads by default.
                    edits.append(
                        StepPut(
                            PATH,
                            job_name,
                            ("with", "path"),
                            action=DOWNLOAD,
                            keys=(*download_keys, "with", "path"),
                        )
                    )
                    edits.append(
                        StepPut(
                            PATH,
                            job_name,
                            ("with", "packages-dir"),
                            action=PYPI,
                            remove=True,
                        )
                    )
                    unsafe = True

            if name not in needs_of(job):
                edits.append(Needs(PATH, job_name, name))

        return combined(
            "Pass the dist artifact from the build job by id", edits, unsafe
        )
