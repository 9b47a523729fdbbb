"""PUB004: the PyPI upload uses trusted publishing with attestations."""

from __future__ import annotations

import re
import typing as t

from ...edits import Template
from ...edits.workflow import RemoveSteps
from ...edits.yaml import YamlSet
from ...fix import Fix
from ...registry import Fail
from ...registry import Outcome
from ...repo import Repo
from ...standard import Standard
from .._base import Publishing
from .._base import requirement_name
from .._edits import carrying
from .._facts import publishing
from .._workflows import action_id
from .._workflows import as_dict
from .._workflows import inputs
from .._workflows import is_sha
from .._workflows import jobs
from .._workflows import permissions_of
from .._workflows import ref
from .._workflows import steps
from .._workflows import using
from ._edits import removal
from ._fixes import Edits
from ._fixes import job_permissions
from ._fixes import pin_updates
from ._fixes import pinned_version
from ._fixes import replace
from ._workflow import ATTESTATIONS_SINCE
from ._workflow import expr
from ._workflow import in_job
from ._workflow import Job
from ._workflow import job_start
from ._workflow import path_of
from ._workflow import read_workflow
from ._workflow import show
from ._workflow import Step
from ._workflow import template_workflow

#: A bare major version, ``v1``.
_MAJOR = re.compile(r"v?[0-9]+")
#: Where an upload other than PyPI's is set.
_OTHER_INDEX = ("repository-url", "repository_url")


class PUB004(Publishing):
    """PyPI upload uses trusted publishing with attestations

    ## What it does
    Checks the job that uses `pypa/gh-action-pypi-publish`: it runs in the
    `publish` environment whose `url` is the project's PyPI page for the tag
    (`https://pypi.org/project/<[project].name>/${{ github.ref_name }}`), its
    only permission is `id-token: write`, the action is v1.11.0 or newer (read
    from the `# vX.Y.Z` comment when it is pinned by SHA; `release/v1` is
    the newest v1 release, and the action has no `v1` ref), and it passes no
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
    an action older than v1.11.0, or of a version the check cannot tell, to
    the template's pin. Unsafe: PyPI must
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
        uses = using(workflow, publishing().pypi)
        failed = _failures(repo, std, path, workflow, uses)
        return carrying(failed, lambda: _fix(repo, std, path, workflow, uses))


def _template_job(std: Standard) -> tuple[str, Job]:
    """The template's job that uploads to PyPI, and its name."""
    template = template_workflow(std)
    name = next(name for name, _ in using(template, publishing().pypi))
    return name, jobs(template)[name]


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


# Checking --------------------------------------------------------------


def _failures(
    repo: Repo,
    std: Standard,
    path: str,
    workflow: dict[str, t.Any],
    uses: list[tuple[str, Step]],
) -> list[Fail]:
    if not uses:
        return [Fail(f"no job uses {publishing().pypi}", path)]

    _, std_job = _template_job(std)
    failed: list[Fail] = []

    for name, step in uses:
        job = jobs(workflow)[name]
        failed += _job_failures(repo, path, workflow, name, job, step, std_job)
        failed += _version_failures(repo, step)
        failed += _credential_failures(repo, name, step)

    return failed


def _job_failures(
    repo: Repo,
    path: str,
    workflow: dict[str, t.Any],
    name: str,
    job: Job,
    step: Step,
    std_job: Job,
) -> list[Fail]:
    """Where the job uploads, in which environment, with which token."""
    failed = [
        Fail(
            f"job {name!r} uploads to {inputs(step)[key]}",
            path,
            in_job(repo, name, rf"^\s+{key}\s*:"),
        )
        for key in _OTHER_INDEX
        if key in inputs(step)
    ]

    if _environment(job.get("environment")) != _environment(std_job["environment"]):
        failed.append(
            Fail(
                f"job {name!r} runs in environment {show(job.get('environment'))},"
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
                job_start(repo, name),
            )
        )

    return failed


def pypi_version(repo: Repo, step: Step) -> tuple[int, ...] | None:
    """The version of the PyPI upload action a step uses, as the check and
    the fix both read it (see :func:`pinned_version`). ``None`` for a bare
    major version such as ``v1``: the action has no such ref, only
    ``release/v1`` branches and ``v1.x.y`` tags.
    """
    if _MAJOR.fullmatch(ref(step)):
        return None

    return pinned_version(repo, step)


def _version_failures(repo: Repo, step: Step) -> list[Fail]:
    """Whether the action is a version that makes attestations."""
    path = path_of(repo)
    pypi = publishing().pypi
    found = ref(step)
    line = repo.line_of(path, rf"{re.escape(pypi)}@{re.escape(found)}")
    since = "v" + ".".join(map(str, ATTESTATIONS_SINCE))

    if _MAJOR.fullmatch(found):
        message = (
            f"{pypi} has no ref {found!r}: pin a release ({since} or newer)"
            f" or release/v{found.removeprefix('v')}"
        )
        return [Fail(message, path, line)]

    number = pypi_version(repo, step)

    if number is None:
        return [Fail(f"cannot tell which version {found!r} of {pypi} is", path, line)]

    if number < ATTESTATIONS_SINCE:
        shown = "v" + ".".join(map(str, number)) if is_sha(found) else found
        message = f"{pypi} is {shown}, older than {since}, which makes attestations"
        return [Fail(message, path, line)]

    return []


def _credential_failures(repo: Repo, job: str, step: Step) -> list[Fail]:
    """Whether the upload uses a password or secret, or no attestations."""
    path = path_of(repo)
    options = inputs(step)
    failed = [
        Fail(
            f"job {job!r} uploads with a {key}, not trusted publishing",
            path,
            in_job(repo, job, rf"^\s+{key}\s*:"),
        )
        for key in ("password", "user")
        if key in options
    ]

    if any("secrets." in str(v) for v in [*options.values(), step.get("env")]):
        message = f"job {job!r} passes a secret to {publishing().pypi}"
        failed.append(Fail(message, path, in_job(repo, job, r"secrets\.")))

    if str(options.get("attestations", True)).lower() == "false":
        line = in_job(repo, job, r"^\s+attestations\s*:")
        failed.append(Fail("attestations are turned off", path, line))

    return failed


# Fixing ----------------------------------------------------------------


def _fix(
    repo: Repo,
    std: Standard,
    path: str,
    workflow: dict[str, t.Any],
    uses: list[tuple[str, Step]],
) -> Fix | None:
    pub = publishing()

    if path != pub.path:
        return None  # the template edits only its own publish.yaml

    if not uses:
        return replace(repo)

    std_name, std_job = _template_job(std)
    edits = Edits()

    for name in dict.fromkeys(name for name, _ in uses):
        job = jobs(workflow)[name]
        found = [s for s in steps(job) if action_id(s) == pub.pypi]
        _index_edits(name, found, edits)

        for step in found:
            _step_edits(repo, std, name, step, edits)

        _job_edits(workflow, name, job, (std_name, std_job), edits)

    return edits.fix("Publish to PyPI with trusted publishing")


def _index_edits(name: str, found: list[Step], edits: Edits) -> None:
    """Remove the uploads to another index, or the index when it is the
    only upload.
    """
    pub = publishing()
    testpypi = [s for s in found if set(_OTHER_INDEX) & set(inputs(s))]

    if not testpypi:
        return

    edits.unsafe = True

    if len(testpypi) < len(found):
        edits.add(RemoveSteps(pub.path, pub.pypi, name, _OTHER_INDEX))
    else:
        edits.add(*(removal(name, ("with", k), pub.pypi) for k in _OTHER_INDEX))


def _step_edits(repo: Repo, std: Standard, name: str, step: Step, edits: Edits) -> None:
    """Remove credentials and turned off attestations; move an old action
    to the template's pin.
    """
    pub = publishing()

    for key, value in inputs(step).items():
        if (
            key in ("password", "user")
            or "secrets." in str(value)
            or (key == "attestations" and str(value).lower() == "false")
        ):
            edits.add(removal(name, ("with", key), pub.pypi), unsafe=True)

    for key, value in as_dict(step.get("env")).items():
        if "secrets." in str(value):
            edits.add(removal(name, ("env", key), pub.pypi), unsafe=True)

    update = pin_updates(repo, std, [step], ATTESTATIONS_SINCE, pypi_version)
    edits.add(*update, unsafe=bool(update))


def _job_edits(
    workflow: dict[str, t.Any],
    name: str,
    job: Job,
    template: tuple[str, Job],
    edits: Edits,
) -> None:
    """Give the job the template job's environment and permissions."""
    std_name, std_job = template
    found = _environment(job.get("environment"))
    want = _environment(std_job["environment"])

    if found != want:
        route = ("jobs", std_name, "environment")
        # PyPI trusts a workflow in a named environment.
        put = YamlSet(
            publishing().path,
            ("jobs", name, "environment"),
            Template(route),
            ordered=True,
        )
        edits.add(put, unsafe=found[0] != want[0])

    grant, granting = job_permissions(
        workflow, job, name, std_job, std_name, "id-token"
    )
    edits.add(*grant, unsafe=granting)
