"""PUB004: the PyPI upload uses trusted publishing with attestations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ...mutate import append
from ...mutate import apply_fix
from ...mutate import Case
from ...mutate import check_one
from ...mutate import fix_of
from .helpers import PUBLISH
from .helpers import pypi_with
from .helpers import sub

FAILING = {
    "PUB004": [
        Case(
            lambda r: sub(
                r, PUBLISH, r"pypi\.org/project/[^/]+/", "pypi.org/project/Other/"
            )
        ),
        Case(
            lambda r: sub(
                r,
                PUBLISH,
                r"^    environment:\n      name: .*\n      url: .*\n",
                "    environment: publish\n",
            )
        ),
        Case(
            lambda r: sub(
                r,
                PUBLISH,
                r"^      id-token: write.*$",
                "      id-token: write\n      contents: write",
            )
        ),
        Case(
            lambda r: sub(
                r,
                PUBLISH,
                r"(gh-action-pypi-publish@[0-9a-f]{40} # )v[0-9.]+",
                r"\g<1>v1.10.3",
            )
        ),
        Case(lambda r: pypi_with(r, "          password: ${{ secrets.PYPI_TOKEN }}\n")),
        Case(lambda r: pypi_with(r, "          attestations: false\n")),
        Case(
            lambda r: pypi_with(
                r, "          repository-url: https://test.pypi.org/legacy/\n"
            )
        ),
    ],
}


def test_token_upload_in_release_yml_is_caught(make_repo):
    """A workflow named release.yaml that uploads with a token is the
    publish workflow: PUB004 reports the token there.
    """
    path = make_repo()
    (path / PUBLISH).rename(path / ".github/workflows/release.yaml")
    append(
        path,
        ".github/workflows/release.yaml",
        "        with:\n          password: ${{ secrets.PYPI_TOKEN }}\n",
    )
    result = check_one(path, "PUB004")
    assert result.status == "fail", result
    assert result.path == ".github/workflows/release.yaml"
    assert check_one(path, "GHA001").status == "pass"


def test_pub004_flask_form(make_repo):
    """An older action release with ``packages-dir``, and the project name
    spelled differently in the environment URL.
    """
    path = make_repo()
    sub(
        path,
        PUBLISH,
        r"(gh-action-pypi-publish@[0-9a-f]{40} # )v[0-9.]+",
        r"\g<1>v1.13.0",
    )
    pypi_with(path, '          packages-dir: "dist/"\n')
    sub(path, PUBLISH, r"pypi\.org/project/[^/]+/", "pypi.org/project/flask_greeting/")
    assert check_one(path, "PUB004").status == "pass"


def test_pub004_release_branch(make_repo):
    path = make_repo()
    sub(
        path,
        PUBLISH,
        r"gh-action-pypi-publish@.*$",
        "gh-action-pypi-publish@release/v1",
    )
    assert check_one(path, "PUB004").status == "pass"


def _pypi_ref(repo: Path, new: str) -> None:
    sub(repo, PUBLISH, r"gh-action-pypi-publish@.*$", f"gh-action-pypi-publish@{new}")


def test_pub004_check_and_fix_read_a_major_pin_alike(quick_repo):
    """``@v1``, as many workflows pin it: the action has ``release/v1``
    branches and full ``v1.x.y`` tags but no ``v1``, so the check cannot
    tell its version and the fix moves it to the template's pin, after
    which the check passes.
    """
    path: Path = quick_repo()
    _pypi_ref(path, "v1")

    result = check_one(path, "PUB004")

    assert result.status == "fail"
    assert result.message == (
        "pypa/gh-action-pypi-publish has no ref 'v1': pin a release"
        " (v1.11.0 or newer) or release/v1"
    )
    _, changes = apply_fix(path, "PUB004")
    new = changes[PUBLISH]
    assert new is not None
    (path / PUBLISH).write_text(new)
    assert check_one(path, "PUB004").status == "pass"


@pytest.mark.parametrize(
    ("pin", "status"),
    [("release/v1", "pass"), ("v1.12.4", "pass"), ("v1.10.0", "fail")],
)
def test_pub004_fix_moves_only_what_the_check_reports(quick_repo, pin, status):
    """A release branch and a release tag: the fix moves the pin exactly
    when the check finds the version older than attestations.
    """
    path: Path = quick_repo()
    _pypi_ref(path, pin)

    assert check_one(path, "PUB004").status == status
    fix = fix_of(path, "PUB004")
    assert (fix is not None) == (status == "fail")


def test_pub004_fix_removes_a_testpypi_upload_and_moves_the_other_pin(quick_repo):
    """The job uploads to TestPyPI and then to PyPI, both with an action
    older than v1.11.0: the fix removes the TestPyPI step and moves the pin
    of the one left, each edit finding its own step.
    """
    path: Path = quick_repo()
    text = (path / PUBLISH).read_text()
    step = re.search(r"( +)- uses: pypa/gh-action-pypi-publish@\S+ # \S+\n", text)
    assert step is not None
    indent = step.group(1)
    old = f"{indent}- uses: pypa/gh-action-pypi-publish@v1.8.0\n"
    test = f"{old}{indent}  with:\n{indent}    repository-url: https://test.pypi.org/legacy/\n"
    (path / PUBLISH).write_text(text.replace(step.group(0), test + old))
    assert len(check_one(path, "PUB004").locations) == 2

    _, changes = apply_fix(path, "PUB004")
    new = changes[PUBLISH]
    assert new is not None
    assert new == text
