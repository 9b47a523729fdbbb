"""META002: the licence is an SPDX expression with its text."""

from __future__ import annotations

import textwrap
from pathlib import Path

from eco_lint.repo import Repo

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import fix_of
from ...mutate import write
from .helpers import add_classifier
from .helpers import fixed_files
from .helpers import PY

FAILING = {
    "META002": [
        Case(lambda r: edit(r, PY, 'license = "MIT"', 'license = {text = "MIT"}')),
        Case(lambda r: edit(r, PY, 'license = "MIT"', 'license = "MIT License"')),
        Case(lambda r: edit(r, PY, '["LICENSE.txt"]', '["LICENSE"]')),
        Case(lambda r: add_classifier(r, "License :: OSI Approved :: MIT License")),
        # The text or the metadata may be the right one: display only.
        Case(
            lambda r: edit(r, PY, 'license = "MIT"', 'license = "BSD-3-Clause"'),
            fixable=False,
        ),
        Case(
            lambda r: edit(r, "LICENSE.txt", "free of charge", "for a fee"),
            fixable=False,
        ),
    ],
}


def test_meta002_license_text_rewrapped(make_repo):
    """Blinker's MIT text has no title and wraps at 72 columns."""
    path: Path = make_repo()
    text = (path / "LICENSE.txt").read_text()
    body = text.partition("\n\n")[2].replace("(c) ", "")
    paragraphs = [textwrap.fill(p, 72) for p in body.split("\n\n")]
    write(path, "LICENSE.txt", "\n\n".join(paragraphs) + "\n")
    assert check_one(path, "META002").status == "pass"


def test_meta002_other_license_skips_text(make_repo):
    path: Path = make_repo()
    edit(path, PY, 'license = "MIT"', 'license = "Apache-2.0"')
    assert check_one(path, "META002").status == "pass"


def test_meta002_fix_reads_the_license_file(make_repo):
    """A license table that points at a file becomes the SPDX id of the
    text in that file, next to ``readme``.
    """
    path: Path = make_repo()
    edit(path, PY, 'license = "MIT"', 'license = {file = "LICENSE.txt"}')
    fix = fix_of(Repo(path), "META002")
    assert fix is not None and fix.applicability == "safe"
    assert 'readme = "README.md"\nlicense = "MIT"\n' in (
        fixed_files(path, "META002")[PY] or ""
    )
