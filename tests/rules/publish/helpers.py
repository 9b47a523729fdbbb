"""What the tests of the publish rules share: the workflow's path, and
the older forms of it that real projects still have.
"""

from __future__ import annotations

import re
from pathlib import Path

from eco_lint.check import fix_repository
from eco_lint.settings import Settings

from ...mutate import append
from ...mutate import edit

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


def fixed(path: Path) -> str:
    """The workflow after the PUB fixes alone."""
    run = fix_repository(
        str(path), Settings(select=("PUB",)), applicability=("safe", "unsafe")
    )
    assert run.failed == ()
    return (path / PUBLISH).read_text()
