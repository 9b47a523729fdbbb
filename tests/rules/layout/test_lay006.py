from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import delete
from ...mutate import fix_of
from ...mutate import move
from ...mutate import write

FAILING = {
    "LAY006": [
        Case(lambda r: move(r, "CHANGES.md", "CHANGELOG.md")),
        Case(lambda r: delete(r, "CHANGES.md")),
    ],
}


def test_lay006_leaves_a_docs_changelog_to_the_maintainer(make_repo):
    """A project that keeps its history in ``docs/changelog.rst`` gets no
    second, empty changelog beside it: the fix refuses and says what to do.
    """
    from eco_lint.fix import plan
    from eco_lint.fix import Refusal
    from eco_lint.repo import Repo

    path: Path = make_repo()
    delete(path, "CHANGES.md")
    write(path, "docs/changelog.rst", "Changelog\n=========\n\n2.1.0\n-----\n\n- A.\n")
    assert check_one(path, "LAY006").status == "fail"
    repo = Repo(path)
    fix = fix_of(repo, "LAY006")
    assert fix is not None
    changes, failed = plan(repo, [fix])
    assert changes == []
    ((_, reason),) = failed
    assert "the history is kept in docs/changelog.rst" in reason
    # A rule's own refusal is printed as the guard's is: "refused '...'".
    assert isinstance(reason, Refusal)
    # The template's own changes page, which includes CHANGES, is no history.
    delete(path, "docs/changelog.rst")
    fix = fix_of(Repo(path), "LAY006")
    assert fix is not None and plan(Repo(path), [fix])[0]
