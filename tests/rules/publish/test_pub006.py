"""PUB006: a draft GitHub release gets the built files."""

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
from .helpers import PUBLISH
from .helpers import sub

FAILING = {
    "PUB006": [
        Case(
            lambda r: write(r, ".github/release.yml", "changelog:\n  categories: []\n")
        ),
        Case(
            lambda r: edit(r, PUBLISH, "gh release create --draft", "gh release create")
        ),
        Case(lambda r: edit(r, PUBLISH, " dist/*", " --generate-notes dist/*")),
        Case(
            lambda r: edit(
                r, PUBLISH, "${GITHUB_REF_NAME} dist/*", "${GITHUB_REF_NAME} artifact/*"
            )
        ),
        Case(
            lambda r: edit(
                r, PUBLISH, "${{ github.token }}", "${{ secrets.RELEASE_TOKEN }}"
            )
        ),
        Case(
            lambda r: sub(
                r,
                PUBLISH,
                r"^      contents: write.*$",
                "      contents: write\n      actions: read",
            )
        ),
        Case(
            lambda r: sub(r, PUBLISH, r"^  create-release:\n(    .*\n|      .*\n)*", "")
        ),
    ],
}


def test_pub006_folded_run(make_repo):
    """flask-sqlalchemy-lite folds the command over two lines."""
    path = make_repo()
    sub(
        path,
        PUBLISH,
        r"^        run: gh release create .*$",
        "        run: >\n          gh release create --draft --repo"
        " ${{ github.repository }}\n          ${{ github.ref_name }} dist/*",
    )
    assert check_one(path, "PUB006").status == "pass"


def test_release_files_follow_the_artifact_name(make_repo):
    """A build artifact that is not named dist is PUB002's finding; the
    release that attaches what that artifact holds is not charged again.
    """
    path = make_repo()
    text = (path / PUBLISH).read_text()
    assert "dist/*" in text
    edit(
        path,
        PUBLISH,
        "${GITHUB_REF_NAME} dist/*",
        "${GITHUB_REF_NAME} artifact/*",
    )
    edit(
        path,
        PUBLISH,
        "          path: dist/\n      - name: create release\n",
        "          path: artifact/\n      - name: create release\n",
    )
    assert check_one(path, "PUB006").status == "pass"


def _release_run(repo: Path) -> str:
    (found,) = re.findall(r"^        run: (gh release create .*)$", read(repo), re.M)
    return found


def read(repo: Path) -> str:
    return (repo / PUBLISH).read_text()


def test_pub006_fix_attaches_the_folder_the_job_downloads_to(quick_repo):
    """The release job downloads the artifact into ``artifact/`` and
    creates a release that is not a draft: the fix makes it a draft of the
    files in ``artifact/``, where they are, not of an empty ``dist/``.
    """
    path: Path = quick_repo()
    edit(
        path,
        PUBLISH,
        "          path: dist/\n      - name: create release\n",
        "          path: artifact/\n      - name: create release\n",
    )
    edit(path, PUBLISH, "create --draft --repo", "create --repo")
    edit(path, PUBLISH, "${GITHUB_REF_NAME} dist/*", "${GITHUB_REF_NAME} artifact/*")

    _, changes = apply_fix(path, "PUB006")
    new = changes[PUBLISH]
    assert new is not None
    (path / PUBLISH).write_text(new)

    assert _release_run(path) == (
        "gh release create --draft --repo ${GITHUB_REPOSITORY} ${GITHUB_REF_NAME}"
        " artifact/*"
    )
    assert check_one(path, "PUB006").status == "pass"


def test_pub006_fix_gives_a_download_without_path_the_template_folder(quick_repo):
    """A download with no ``path`` puts the files in the workspace: the fix
    that attaches ``dist/*`` downloads them there too.
    """
    path: Path = quick_repo()
    edit(
        path,
        PUBLISH,
        "          path: dist/\n      - name: create release\n",
        "      - name: create release\n",
    )
    edit(path, PUBLISH, " dist/*", " --generate-notes dist/*")

    _, changes = apply_fix(path, "PUB006")
    new = changes[PUBLISH]

    assert new is not None
    assert "          path: dist/\n      - name: create release\n" in new
    assert "--generate-notes" not in new


def test_pub006_fix_refuses_between_two_download_folders(quick_repo):
    """The dists in ``dist/`` and an SBOM in ``sbom/``, attached with
    generated notes: the template's command would drop one folder, so the
    fix refuses and says what to do.
    """
    path: Path = quick_repo()
    uses = re.findall(r"actions/download-artifact@\S+ # \S+", read(path))[0]
    edit(
        path,
        PUBLISH,
        "      - name: create release\n",
        f"      - uses: {uses}\n        with:\n          name: sbom\n"
        "          path: sbom/\n      - name: create release\n",
    )
    edit(path, PUBLISH, " dist/*", " --generate-notes dist/* sbom/*")
    repo = Repo(path)
    fix = fix_of(repo, "PUB006")
    assert fix is not None

    changes, failed = plan(repo, [fix])

    assert changes == []
    ((_, reason),) = failed
    assert reason == (
        "job 'create-release' downloads into dist/ and sbom/: give the"
        " release command the template's options by hand, attaching the"
        " files of each folder"
    )


def test_pub006_reports_dist_when_the_job_downloads_elsewhere(quick_repo):
    """The release job downloads the artifact into ``artifact/`` but
    attaches ``dist/*``, which is empty there: the release would have no
    files. The check says so, and the fix attaches ``artifact/*``.
    """
    path: Path = quick_repo()
    edit(
        path,
        PUBLISH,
        "          path: dist/\n      - name: create release\n",
        "          path: ./artifact/\n      - name: create release\n",
    )

    result = check_one(path, "PUB006")
    assert result.status == "fail"
    assert [f.message for f in result.locations] == [
        "the release attaches dist/*, not artifact/*"
    ]

    _, changes = apply_fix(path, "PUB006")
    new = changes[PUBLISH]
    assert new is not None
    (path / PUBLISH).write_text(new)
    assert _release_run(path).endswith("${GITHUB_REF_NAME} artifact/*")
    assert check_one(path, "PUB006").status == "pass"
