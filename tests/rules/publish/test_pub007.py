"""PUB007: release builds use no cache."""

from __future__ import annotations

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from .helpers import PUBLISH

FAILING = {
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
