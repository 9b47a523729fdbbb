"""PUB001: the publish workflow runs on pushed tags only."""

from __future__ import annotations

from eco_lint.repo import Repo

from ...mutate import Case
from ...mutate import check_one
from ...mutate import delete
from ...mutate import edit
from ...mutate import fix_of
from ...mutate import write
from .helpers import fixed
from .helpers import PUBLISH

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
}


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


def test_pub001_fix_keeps_dispatch_for_c_extension(make_repo):
    path = make_repo()
    write(path, "src/flask_greeting/_speedups.c", "/* speedups */\n")
    edit(
        path,
        PUBLISH,
        "    tags: ['*']\n",
        "    tags: ['v*']\n  workflow_dispatch:\n",
    )
    fixed(path)
    assert check_one(path, "PUB001").status == "pass"
    assert "workflow_dispatch" in (path / PUBLISH).read_text()


def test_pub001_no_fix_writes_c_extension_workflow(make_repo):
    path = make_repo()
    write(path, "src/flask_greeting/_speedups.c", "/* speedups */\n")
    delete(path, PUBLISH)
    assert fix_of(Repo(path), "PUB001") is None
