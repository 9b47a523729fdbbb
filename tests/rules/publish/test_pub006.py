"""PUB006: a draft GitHub release gets the built files."""

from __future__ import annotations

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
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
