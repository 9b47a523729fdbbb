from __future__ import annotations

import re
from pathlib import Path

from eco_lint.check import fix_repository
from eco_lint.repo import Repo
from eco_lint.settings import Settings

from .generations import PUBLISH_SLSA
from .mutate import append
from .mutate import Case
from .mutate import check_one
from .mutate import delete
from .mutate import edit
from .mutate import fix_of
from .mutate import write

PUBLISH = ".github/workflows/publish.yaml"
EPOCH = (
    '      - run: echo "SOURCE_DATE_EPOCH=$(git log -1 --pretty=%ct)" >> $GITHUB_ENV\n'
)
IDS = "artifact-ids: ${{ needs.build.outputs.artifact-id }}"


def sub(repo: Path, name: str, pattern: str, new: str) -> None:
    """Replace a regular expression's first match; it must match."""
    path = repo / name
    text, count = re.subn(pattern, new, path.read_text(), count=1, flags=re.M)
    assert count, f"{pattern!r} not in {name}"
    path.write_text(text)


def pypi_with(repo: Path, options: str) -> None:
    """Give the PyPI upload step, the workflow's last line, a ``with:``."""
    append(repo, PUBLISH, f"        with:\n{options}")


def legacy_artifacts(repo: Path) -> None:
    """The artifact as publish workflows passed it before ids (2025-05):
    an unnamed upload of ``./dist``, downloads of every artifact into
    ``artifact/``, and an older download-artifact.
    """
    sub(repo, PUBLISH, r"^    outputs:\n      artifact-id: .*\n", "")
    edit(
        repo,
        PUBLISH,
        "        id: upload-artifact\n        with:\n          name: dist\n"
        "          path: dist/\n          if-no-files-found: error\n",
        "        with:\n          path: ./dist\n",
    )
    edit(
        repo, PUBLISH, f"        with:\n          {IDS}\n          path: dist/\n", "", 2
    )
    edit(repo, PUBLISH, "${GITHUB_REF_NAME} dist/*", "${GITHUB_REF_NAME} artifact/*")
    pypi_with(repo, "          packages-dir: artifact/\n")
    sub(repo, PUBLISH, r"(download-artifact@[0-9a-f]{40} # )v[0-9.]+", r"\g<1>v4.1.8")
    sub(repo, PUBLISH, r"(download-artifact@[0-9a-f]{40} # )v[0-9.]+$", r"\g<1>v4.1.8")


def pip_build(repo: Path) -> None:
    """Build with the ``build`` package, as before uv (2025-05)."""
    edit(
        repo,
        PUBLISH,
        "      - run: uv build\n",
        "      - run: pip install build\n      - run: python -m build\n",
    )


def provenance(repo: Path) -> None:
    """A SLSA provenance job between the build and the uploads (2023-01)."""
    edit(repo, PUBLISH, "    needs: [build]\n", "    needs: [provenance]\n", 2)
    edit(
        repo,
        PUBLISH,
        "    outputs:\n",
        "    outputs:\n      hash: ${{ steps.hash.outputs.hash }}\n",
    )
    edit(
        repo,
        PUBLISH,
        "      - run: uv build\n",
        "      - run: uv build\n      - name: generate hash\n        id: hash\n"
        '        run: cd dist && echo "hash=$(sha256sum * | base64 -w0)"'
        " >> $GITHUB_OUTPUT\n",
    )
    edit(
        repo,
        PUBLISH,
        "  create-release:\n",
        "  provenance:\n    needs: [build]\n    permissions:\n      actions: read\n"
        "      id-token: write\n      contents: write\n    uses: slsa-framework/"
        "slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@v2.1.0\n"
        "    with:\n      base64-subjects: ${{ needs.build.outputs.hash }}\n"
        "  create-release:\n",
    )
    edit(repo, PUBLISH, " dist/*", " dist/* *.intoto.jsonl/*")


FAILING = {
    "PUB001": [
        Case(lambda r: delete(r, PUBLISH)),
        # Publishing on the project's other events stays its decision: the
        # fix refuses to drop a trigger.
        Case(
            lambda r: edit(
                r, PUBLISH, "  push:\n", "  release:\n    types: [published]\n  push:\n"
            ),
            fixable=False,
        ),
        Case(
            lambda r: edit(
                r,
                PUBLISH,
                "    tags: ['*']\n",
                "    tags: ['*']\n    branches: [main]\n",
            )
        ),
        Case(
            lambda r: edit(
                r,
                PUBLISH,
                "    tags: ['*']\n",
                "    tags: ['*']\n  workflow_dispatch:\n",
            ),
            fixable=False,
        ),
        Case(lambda r: edit(r, PUBLISH, "    tags: ['*']", "    tags: ['v*']")),
    ],
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
    "PUB003": [
        Case(lambda r: edit(r, PUBLISH, EPOCH, "")),
        Case(
            lambda r: edit(
                r,
                PUBLISH,
                EPOCH + "      - run: uv build\n",
                "      - run: uv build\n" + EPOCH,
            )
        ),
    ],
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
    "PUB005": [
        Case(
            lambda r: append(
                r,
                PUBLISH,
                "  provenance:\n    needs: [build]\n    uses: slsa-framework/"
                "slsa-github-generator/.github/workflows/generator_generic_slsa3.yml"
                "@v2.1.0\n",
            )
        ),
        Case(
            lambda r: edit(
                r,
                PUBLISH,
                "    outputs:\n",
                "    outputs:\n      hash: ${{ steps.hash.outputs.hash }}\n",
            )
        ),
        Case(lambda r: edit(r, PUBLISH, " dist/*", " dist/* multiple.intoto.jsonl")),
        Case(provenance),
    ],
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
    "PUB007": [
        Case(lambda r: edit(r, PUBLISH, "enable-cache: false", "enable-cache: true")),
        Case(
            lambda r: edit(
                r,
                PUBLISH,
                "          enable-cache: false\n",
                "          version: latest\n",
            )
        ),
        Case(
            lambda r: edit(
                r,
                PUBLISH,
                "python-version-file: pyproject.toml\n",
                "python-version-file: pyproject.toml\n          cache: pip\n",
            )
        ),
    ],
}


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

    for code in FAILING:
        assert check_one(path, code).status == "pass", code


def test_pub001_c_extension_may_dispatch(make_repo):
    path = make_repo()
    write(path, "src/flask_greeting/_speedups.c", "/* speedups */\n")
    edit(path, PUBLISH, "    tags: ['*']\n", "    tags: ['*']\n  workflow_dispatch:\n")
    assert check_one(path, "PUB001").status == "pass"


def test_pub001_publish_yml(make_repo):
    """The publish rules read the workflow that uploads to PyPI whatever
    its name; the .yml spelling is GHA001's one finding.
    """
    path = make_repo()
    (path / PUBLISH).rename(path / ".github/workflows/publish.yml")
    assert check_one(path, "PUB001").status == "pass"
    assert check_one(path, "PUB004").status == "pass"
    result = check_one(path, "GHA001")
    assert result.status == "fail"
    assert result.path == ".github/workflows/publish.yml"


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


def test_pub002_not_applicable_to_c_extension(make_repo):
    path = make_repo()
    write(path, "src/flask_greeting/_speedups.c", "/* speedups */\n")
    assert check_one(path, "PUB002").status == "n/a"


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


def test_pub007_prune_cache(make_repo):
    """setup-uv v8 in flask also sets ``prune-cache: false``."""
    path = make_repo()
    edit(
        path,
        PUBLISH,
        "enable-cache: false\n",
        "enable-cache: false\n          prune-cache: false\n",
    )
    assert check_one(path, "PUB007").status == "pass"


def _fixed(path: Path) -> str:
    """The workflow after the PUB fixes alone."""
    run = fix_repository(
        str(path), Settings(select=("PUB",)), applicability=("safe", "unsafe")
    )
    assert run.failed == ()
    return (path / PUBLISH).read_text()


def test_pub_fix_migrates_legacy_artifacts(make_repo):
    """The targeted edits take the 2025-05 workflow to the template's,
    the download action's pin included.
    """
    path = make_repo()
    expected = (path / PUBLISH).read_text()
    legacy_artifacts(path)
    # The upload's own spelling of the same folder stays.
    assert _fixed(path) == expected.replace(
        "path: dist/\n          if-no", "path: ./dist\n          if-no"
    )


def test_pub_fix_removes_provenance(make_repo):
    path = make_repo()
    expected = (path / PUBLISH).read_text()
    provenance(path)
    assert _fixed(path) == expected


def test_pub_fix_replaces_a_slsa_workflow_keeping_other_jobs(make_repo):
    """A 2023 workflow, with a job of the project's own that needed the
    provenance job: the template's workflow, and that job needing build.
    """
    path = make_repo()
    expected = (path / PUBLISH).read_text()
    own = "  notify:\n    needs: [provenance]\n    runs-on: ubuntu-latest\n"
    write(path, PUBLISH, PUBLISH_SLSA + own)
    assert _fixed(path) == expected + own.replace("[provenance]", "[build]")


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


def test_pub001_fix_keeps_dispatch_for_c_extension(make_repo):
    path = make_repo()
    write(path, "src/flask_greeting/_speedups.c", "/* speedups */\n")
    edit(
        path,
        PUBLISH,
        "    tags: ['*']\n",
        "    tags: ['v*']\n  workflow_dispatch:\n",
    )
    _fixed(path)
    assert check_one(path, "PUB001").status == "pass"
    assert "workflow_dispatch" in (path / PUBLISH).read_text()


def test_pub001_no_fix_writes_c_extension_workflow(make_repo):
    path = make_repo()
    write(path, "src/flask_greeting/_speedups.c", "/* speedups */\n")
    delete(path, PUBLISH)
    assert fix_of(Repo(path), "PUB001") is None


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
