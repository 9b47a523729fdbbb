from __future__ import annotations

from pathlib import Path

from ...mutate import Case
from ...mutate import check_one
from ...mutate import delete
from ...mutate import edit
from ...mutate import write

FAILING = {
    "LAY009": [
        Case(lambda r: delete(r, ".github/ISSUE_TEMPLATE/bug-report.md")),
        Case(lambda r: write(r, ".github/ISSUE_TEMPLATE.md", "Describe the bug.\n")),
        Case(lambda r: edit(r, ".github/ISSUE_TEMPLATE/config.yml", "false", "true")),
        Case(
            lambda r: edit(
                r,
                ".github/pull_request_template.md",
                "the contributing guide",
                "CONTRIBUTING.rst",
            )
        ),
    ],
}


def test_lay009_accepts_werkzeug_issue_config_and_reports_every_problem(make_repo):
    """Werkzeug and Click removed the security advisory link on purpose when
    they moved to the organization's contributing guide and security
    policy; Flask keeps it. Both pass. A PR template that points at a
    deleted CONTRIBUTING.rst is reported beside a missing issue form.
    """
    path: Path = make_repo("plain-pallets-bsd")
    write(
        path,
        ".github/ISSUE_TEMPLATE/config.yml",
        "blank_issues_enabled: false\n"
        "contact_links:\n"
        "  - name: Questions on Discussions\n"
        "    url: https://github.com/pallets/greeter/discussions/\n"
        "    about: Ask questions about your own code on the Discussions tab.\n"
        "  - name: Questions on Chat\n"
        "    url: https://discord.gg/pallets\n"
        "    about: Ask questions about your own code on our Discord chat.\n",
    )
    assert check_one(path, "LAY009").status == "pass"
    delete(path, ".github/ISSUE_TEMPLATE/feature-request.md")
    edit(
        path,
        ".github/pull_request_template.md",
        "the contributing guide",
        "CONTRIBUTING.rst",
    )
    result = check_one(path, "LAY009")
    assert [f.message for f in result.locations] == [
        "missing .github/ISSUE_TEMPLATE/feature-request.md",
        "points at CONTRIBUTING.rst, which does not exist",
    ]
