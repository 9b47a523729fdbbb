"""PUB002: a build job hands one dist artifact to the upload jobs."""

from __future__ import annotations

import re
from pathlib import Path

from eco_lint.fix import plan
from eco_lint.repo import Repo

from ...mutate import apply_fix
from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import fix_of
from ...mutate import write
from .helpers import IDS
from .helpers import legacy_artifacts
from .helpers import pip_build
from .helpers import PUBLISH
from .helpers import sub

FAILING = {
    "PUB002": [
        Case(lambda r: sub(r, PUBLISH, r"^    outputs:\n      artifact-id: .*\n", "")),
        Case(lambda r: edit(r, PUBLISH, IDS, "name: dist", count=2)),
        Case(
            lambda r: edit(
                r,
                PUBLISH,
                "    outputs:\n",
                "    permissions:\n      id-token: write\n    outputs:\n",
            )
        ),
        Case(lambda r: edit(r, PUBLISH, "          if-no-files-found: error\n", "")),
        Case(lambda r: edit(r, PUBLISH, "        id: upload-artifact\n", "")),
        Case(legacy_artifacts),
        Case(lambda r: (pip_build(r), edit(r, PUBLISH, IDS, "name: dist", count=2))),
    ],
}


def test_pub002_not_applicable_to_c_extension(make_repo):
    path = make_repo()
    write(path, "src/flask_greeting/_speedups.c", "/* speedups */\n")
    assert check_one(path, "PUB002").status == "n/a"


def _upload_uses(repo: Path) -> str:
    """The build job's ``uses:`` line of upload-artifact, as rendered."""
    (found,) = re.findall(r"actions/upload-artifact@\S+ # \S+", read(repo))
    return found


def read(repo: Path) -> str:
    return (repo / PUBLISH).read_text()


def _sbom(repo: Path, before: str) -> str:
    """Upload an SBOM of the build from the build job, before a line."""
    step = (
        "      - run: uvx cyclonedx-py environment -o sbom.cdx.json\n"
        f"      - uses: {_upload_uses(repo)}\n"
        "        with:\n"
        "          name: sbom\n"
        "          path: sbom.cdx.json\n"
    )
    edit(repo, PUBLISH, before, step + before)
    return step


def test_pub002_fix_changes_only_the_dist_upload(quick_repo):
    """The upload of ``./dist`` from before artifact ids, and an SBOM
    uploaded after it: the fix names, ids and guards the dist upload, and
    leaves the SBOM's as it is.
    """
    path: Path = quick_repo()
    legacy_artifacts(path)
    sbom = _sbom(path, "  create-release:\n")

    _, changes = apply_fix(path, "PUB002")
    new = changes[PUBLISH]

    assert new is not None
    assert sbom in new
    assert new.count("id: upload-artifact") == 1
    assert new.count("if-no-files-found: error") == 1
    assert "          name: dist\n          path: ./dist\n" in new


def test_pub002_fix_gives_the_id_to_the_dist_upload_alone(quick_repo):
    """An SBOM uploaded between the build and the dist upload, which has
    lost its id: only the dist upload gets the id the outputs read, and
    the SBOM keeps its name.
    """
    path: Path = quick_repo()
    uses = _upload_uses(path)
    edit(path, PUBLISH, "        id: upload-artifact\n", "")
    sbom = _sbom(path, f"      - uses: {uses}\n")
    lines = read(path).splitlines()
    dist_line = (
        lines.index(f"      - uses: {uses}", lines.index("          name: sbom")) + 1
    )

    result = check_one(path, "PUB002")

    assert [(f.message, f.line) for f in result.locations] == [
        ("the dist upload step has no id", dist_line)
    ]

    _, changes = apply_fix(path, "PUB002")
    new = changes[PUBLISH]

    assert new is not None
    assert sbom in new
    assert new.count("id: upload-artifact") == 1
    assert (
        f"      - uses: {uses}\n        id: upload-artifact\n"
        "        with:\n          name: dist\n" in new
    )


def test_pub002_fix_refuses_when_no_upload_is_the_dists(quick_repo):
    """Wheels and sdist uploaded as two artifacts: which one the releases
    should get is the maintainer's choice, so the fix refuses and says so.
    """
    path: Path = quick_repo()
    uses = _upload_uses(path)
    edit(
        path,
        PUBLISH,
        "          name: dist\n          path: dist/\n",
        "          name: wheels\n          path: dist/*.whl\n",
    )
    edit(
        path,
        PUBLISH,
        "  create-release:\n",
        f"      - uses: {uses}\n        with:\n          name: sdist\n"
        "          path: dist/*.tar.gz\n  create-release:\n",
    )
    repo = Repo(path)
    fix = fix_of(repo, "PUB002")
    assert fix is not None

    changes, failed = plan(repo, [fix])

    assert changes == []
    ((_, reason),) = failed
    assert "uploads 2 artifacts" in reason
    assert "name the one that holds the distributions 'dist'" in reason


def test_pub002_pin_update_leaves_a_longer_pin_alone(quick_repo):
    """The dists uploaded with ``@v3``, too old for artifact ids, from a
    step without the id the outputs read, and an SBOM with ``@v3.1.2``:
    moving the first to the template's pin must not rewrite the start of
    the second.
    """
    path: Path = quick_repo()
    uses = _upload_uses(path)
    edit(path, PUBLISH, uses, "actions/upload-artifact@v3")
    edit(path, PUBLISH, "        id: upload-artifact\n", "")
    sbom = (
        "      - uses: actions/upload-artifact@v3.1.2\n"
        "        with:\n"
        "          name: sbom\n"
        "          path: sbom.cdx.json\n"
    )
    edit(path, PUBLISH, "  create-release:\n", sbom + "  create-release:\n")

    _, changes = apply_fix(path, "PUB002")
    new = changes[PUBLISH]

    assert new is not None
    assert f"      - uses: {uses}\n        id: upload-artifact\n" in new
    assert sbom in new
