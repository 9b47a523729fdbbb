"""Tests that span the publish rules."""

from __future__ import annotations

from eco_lint.check import fix_repository
from eco_lint.registry import collect_rules
from eco_lint.settings import Settings

from ...generations import PUBLISH_SLSA
from ...mutate import check_one
from ...mutate import edit
from ...mutate import write
from .helpers import fixed
from .helpers import legacy_artifacts
from .helpers import provenance
from .helpers import PUBLISH
from .helpers import sub


def test_pub_flask_concurrency_group(make_repo):
    """Flask's group names a field the push event lacks; neither form is
    required.
    """
    path = make_repo()
    sub(
        path,
        PUBLISH,
        r"group: publish-.*",
        "group: publish-${{ github.event.push.ref }}",
    )

    for code in [c for c in collect_rules() if c.startswith("PUB")]:
        assert check_one(path, code).status == "pass", code


def test_pub_fix_migrates_legacy_artifacts(make_repo):
    """The targeted edits take the 2025-05 workflow to the template's,
    the download action's pin included.
    """
    path = make_repo()
    expected = (path / PUBLISH).read_text()
    legacy_artifacts(path)
    # The upload's own spelling of the same folder stays.
    assert fixed(path) == expected.replace(
        "path: dist/\n          if-no", "path: ./dist\n          if-no"
    )


def test_pub_fix_removes_provenance(make_repo):
    path = make_repo()
    expected = (path / PUBLISH).read_text()
    provenance(path)
    assert fixed(path) == expected


def test_pub_fix_replaces_a_slsa_workflow_keeping_other_jobs(make_repo):
    """A 2023 workflow, with a job of the project's own that needed the
    provenance job: the template's workflow, and that job needing build.
    """
    path = make_repo()
    expected = (path / PUBLISH).read_text()
    own = "  notify:\n    needs: [provenance]\n    runs-on: ubuntu-latest\n"
    write(path, PUBLISH, PUBLISH_SLSA + own)
    assert fixed(path) == expected + own.replace("[provenance]", "[build]")


def test_pub_fix_keeps_crlf(make_repo):
    path = make_repo()
    edit(path, PUBLISH, "enable-cache: false", "enable-cache: true")
    text = (path / PUBLISH).read_text()
    (path / PUBLISH).write_bytes(text.replace("\n", "\r\n").encode())
    fix_repository(str(path), Settings(select=("PUB",)))
    data = (path / PUBLISH).read_bytes().decode()
    assert data == text.replace("enable-cache: true", "enable-cache: false").replace(
        "\n", "\r\n"
    )
