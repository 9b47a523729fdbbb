"""TOX004: style, typing and docs envs are standard."""

from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from .helpers import P

FAILING = {
    "TOX004": [
        Case(
            lambda r: edit(
                r, P, '"-E", "-W", "-b", "dirhtml"', '"-E", "-W", "-b", "html"'
            )
        ),
        Case(
            lambda r: edit(
                r,
                P,
                '    ["mypy"],\n    ["pyright"],\n',
                '    ["pyright"],\n    ["mypy"],\n',
            )
        ),
        Case(
            lambda r: edit(
                r, P, '    ["pyright"],\n', '    ["pyright", "--outputjson"],\n'
            )
        ),
        Case(
            lambda r: edit(
                r,
                P,
                'dependency_groups = ["docs", "docs-auto"]',
                'dependency_groups = ["docs"]',
            )
        ),
        Case(lambda r: edit(r, P, "[tool.tox.env.style]", "[tool.tox.env.lint]")),
    ],
}


def test_tox004_typing_variants(make_repo):
    """flask runs mypy and pyright; click pyright --verifytypes with its
    arguments in another order; werkzeug only mypy, with the tests group.
    """
    path: Path = make_repo()
    verify = '    ["pyright", "--verifytypes", "flask_greeting", "--ignoreexternal"],\n'
    edit(path, P, verify, "")
    assert check_one(path, "TOX004").status == "pass"
    edit(
        path,
        P,
        '    ["pyright"],\n',
        '    ["pyright", "--ignoreexternal", "--verifytypes", "flask_greeting"],\n',
    )
    assert check_one(path, "TOX004").status == "pass"
    edit(
        path,
        P,
        '    ["pyright", "--ignoreexternal", "--verifytypes", "flask_greeting"],\n',
        "",
    )
    edit(
        path,
        P,
        'dependency_groups = ["typing"]',
        'dependency_groups = ["tests", "typing"]',
    )
    assert check_one(path, "TOX004").status == "pass"


def test_docs_env_without_w_is_one_finding(make_repo):
    """A docs env that lacks only -W is DOC004's finding, not TOX004's too."""
    path: Path = make_repo()
    edit(path, P, '"-E", "-W", ', '"-E", ')
    assert check_one(path, "DOC004").status == "fail"
    assert check_one(path, "TOX004").status == "pass"


def test_tox004_points_past_commands_written_over_lines(make_repo):
    """A key after a nested array written over several lines is found in
    its env's table, not taken for past the table's end.
    """
    path: Path = make_repo()
    groups = 'dependency_groups = ["typing"]\n'
    edit(path, P, f'{groups}commands = [\n    ["mypy"],', 'commands = [\n    ["mypy"],')
    edit(path, P, '--ignoreexternal"],\n]\n', f'--ignoreexternal"],\n]\n{groups}')
    edit(path, P, groups, 'dependency_groups = ["tests"]\n')
    result = check_one(path, "TOX004")
    lines = (path / P).read_text().splitlines()
    assert result.message == "env typing does not install group typing"
    assert result.line is not None
    assert lines[result.line - 1] == 'dependency_groups = ["tests"]'
