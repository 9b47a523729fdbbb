"""PUB004: the PyPI upload uses trusted publishing with attestations."""

from __future__ import annotations

import re
import typing as t

from ...edits import Edit
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Publishing
from .._base import requirement_name
from ._edits import Put
from ._edits import RemoveSteps
from ._edits import StepPut
from ._fixes import combined
from ._fixes import job_permissions
from ._fixes import pin_updates
from ._fixes import replace
from ._workflow import action_of
from ._workflow import as_dict
from ._workflow import ATTESTATIONS_SINCE
from ._workflow import expr
from ._workflow import find_line
from ._workflow import in_job
from ._workflow import inputs_of
from ._workflow import job_of
from ._workflow import jobs_of
from ._workflow import PATH
from ._workflow import path_of
from ._workflow import permissions_of
from ._workflow import PYPI
from ._workflow import read_workflow
from ._workflow import show
from ._workflow import steps_of
from ._workflow import template_workflow
from ._workflow import using
from ._workflow import version_of


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
    Remove `password`, `user`, secrets, `attestations: false` and the
    TestPyPI upload steps (or `repository-url` when it is the only
    upload), set the template's `environment` and `permissions`, and move
    an action older than v1.11.0 to the template's pin. Unsafe: PyPI must
    trust the workflow before the next release, and the token secret should
    be revoked. Only dropping extra permissions or fixing the environment's
    URL is Safe.
    """

    weight = 5
    fixable = True
    requires = frozenset({"PUB001"})

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        path = path_of(repo)

        workflow = read_workflow(repo)
        uses = using(workflow, PYPI)

        if not uses:
            return Fail(f"no job uses {PYPI}", path)

        std_job = job_of(template_workflow(std), PYPI)
        failed: list[Fail] = []

        for name, step in uses:
            job = jobs_of(workflow)[name]
            line = find_line(repo, rf"^  {re.escape(name)}:")

            failed += [
                Fail(
                    f"job {name!r} uploads to {inputs_of(step)[key]}",
                    path,
                    in_job(repo, name, rf"^\s+{key}\s*:"),
                )
                for key in ("repository-url", "repository_url")
                if key in inputs_of(step)
            ]
            found = cls._environment(job.get("environment"))
            want = cls._environment(std_job["environment"])

            if found != want:
                failed.append(
                    Fail(
                        f"job {name!r} runs in environment"
                        f" {show(job.get('environment'))},"
                        f" not {show(std_job['environment'])}",
                        path,
                        in_job(repo, name, r"^\s+environment:"),
                    )
                )

            permissions = permissions_of(workflow, job)

            if permissions != std_job["permissions"]:
                failed.append(
                    Fail(
                        f"job {name!r} has permissions {show(permissions)}, not"
                        f" {show(std_job['permissions'])}",
                        path,
                        line,
                    )
                )

            failed += cls._step(repo, name, step)

        return failed

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
            expr(value.get("url")),
        )
        return str(value.get("name")), url

    @staticmethod
    def _step(repo: Repo, job: str, step: dict[str, t.Any]) -> list[Fail]:
        ref = str(step.get("uses", "")).partition("@")[2].strip()
        line = repo.line_of(path_of(repo), rf"{re.escape(PYPI)}@{re.escape(ref)}")
        text = (repo.text(path_of(repo)) or "").splitlines()[line - 1] if line else ""
        comment = re.search(r"#\s*(v?[0-9][0-9.]*)\s*$", text)

        if re.fullmatch(r"[0-9a-f]{40}", ref):
            version = version_of(comment.group(1)) if comment else None
        elif re.fullmatch(r"release/v[0-9]+", ref):
            # The branch follows the newest release of its major version.
            version = (int(ref[len("release/v") :]), 1_000_000)
        else:
            version = version_of(ref)

        failed: list[Fail] = []

        if version is None:
            message = f"cannot tell which version {ref!r} of {PYPI} is"
            failed.append(Fail(message, path_of(repo), line))
        elif version < ATTESTATIONS_SINCE:
            since = ".".join(map(str, ATTESTATIONS_SINCE))
            failed.append(
                Fail(
                    f"{PYPI} is {comment.group(1) if comment else ref}, older than"
                    f" v{since}, which makes attestations",
                    path_of(repo),
                    line,
                )
            )

        options = inputs_of(step)
        failed += [
            Fail(
                f"job {job!r} uploads with a {key}, not trusted publishing",
                path_of(repo),
                in_job(repo, job, rf"^\s+{key}\s*:"),
            )
            for key in ("password", "user")
            if key in options
        ]

        if any("secrets." in str(v) for v in [*options.values(), step.get("env")]):
            failed.append(
                Fail(
                    f"job {job!r} passes a secret to {PYPI}",
                    path_of(repo),
                    in_job(repo, job, r"secrets\."),
                )
            )

        if str(options.get("attestations", True)).lower() == "false":
            failed.append(
                Fail(
                    "attestations are turned off",
                    path_of(repo),
                    in_job(repo, job, r"^\s+attestations\s*:"),
                )
            )

        return failed

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        if path_of(repo) != PATH:
            return None  # the template edits only its own publish.yaml

        workflow = read_workflow(repo)
        uses = using(workflow, PYPI)

        if not uses:
            return replace(repo)

        standard = template_workflow(std)
        std_name = next(name for name, _ in using(standard, PYPI))
        std_job = jobs_of(standard)[std_name]
        edits: list[Edit] = []
        unsafe = False

        for name in dict.fromkeys(name for name, _ in uses):
            job = jobs_of(workflow)[name]
            steps = [s for s in steps_of(job) if action_of(s) == PYPI]
            other = ("repository-url", "repository_url")
            testpypi = [s for s in steps if set(other) & set(inputs_of(s))]

            if testpypi:
                unsafe = True

                if len(testpypi) < len(steps):
                    edits.append(RemoveSteps(PATH, name, PYPI, other))
                else:
                    edits += [
                        StepPut(PATH, name, ("with", k), action=PYPI, remove=True)
                        for k in other
                    ]

            for step in steps:
                for key, value in inputs_of(step).items():
                    if (
                        key in ("password", "user")
                        or "secrets." in str(value)
                        or (key == "attestations" and str(value).lower() == "false")
                    ):
                        edits.append(
                            StepPut(PATH, name, ("with", key), action=PYPI, remove=True)
                        )
                        unsafe = True

                for key, value in as_dict(step.get("env")).items():
                    if "secrets." in str(value):
                        edits.append(
                            StepPut(PATH, name, ("env", key), action=PYPI, remove=True)
                        )
                        unsafe = True

                update = pin_updates(repo, std, [step], ATTESTATIONS_SINCE)
                edits += update
                unsafe |= bool(update)

            found = cls._environment(job.get("environment"))
            want = cls._environment(std_job["environment"])

            if found != want:
                edits.append(
                    Put(
                        PATH,
                        ("jobs", name, "environment"),
                        ("jobs", std_name, "environment"),
                    )
                )
                # PyPI trusts a workflow in a named environment.
                unsafe |= found[0] != want[0]

            grant, granting = job_permissions(
                workflow, job, name, std_job, std_name, "id-token"
            )
            edits += grant
            unsafe |= granting

        return combined("Publish to PyPI with trusted publishing", edits, unsafe)
