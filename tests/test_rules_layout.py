from __future__ import annotations

from pathlib import Path

import pytest

from .mutate import append
from .mutate import Case
from .mutate import check_one
from .mutate import delete
from .mutate import edit
from .mutate import fix_of
from .mutate import move
from .mutate import write

FAILING = {
    "LAY001": [
        Case(lambda r: move(r, "src/flask_greeting", "flask_greeting")),
        Case(lambda r: delete(r, "src/flask_greeting"), fixable=False),
    ],
    "LAY002": [Case(lambda r: delete(r, "src/flask_greeting/py.typed"))],
    "LAY003": [
        Case(lambda r: move(r, "docs", "doc")),
        Case(lambda r: move(r, "tests", "src/flask_greeting/tests")),
    ],
    "LAY004": [
        Case(lambda r: move(r, "LICENSE.txt", "LICENSE")),
        Case(lambda r: write(r, "LICENSE.rst", "MIT License\n")),
    ],
    "LAY005": [
        Case(lambda r: move(r, "README.md", "README.rst")),
        Case(lambda r: write(r, "README.rst", "Flask-Greeting\n")),
    ],
    "LAY006": [
        Case(lambda r: move(r, "CHANGES.md", "CHANGELOG.md")),
        Case(lambda r: delete(r, "CHANGES.md")),
    ],
    "LAY007": [
        Case(lambda r: delete(r, ".editorconfig")),
        Case(
            lambda r: edit(
                r, ".editorconfig", "max_line_length = 88", "max_line_length = 120"
            )
        ),
    ],
    "LAY008": [
        Case(lambda r: edit(r, ".gitignore", ".tox/\n", "")),
    ],
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
    "LAY010": [
        Case(
            lambda r: write(r, "CONTRIBUTING.rst", "Contributing\n"),
            base="plain-pallets-bsd",
        ),
        Case(
            lambda r: write(r, ".github/SECURITY.md", "Report\n"),
            base="plain-pallets-bsd",
        ),
    ],
    "LAY011": [
        Case(
            lambda r: edit(
                r,
                ".devcontainer/on-create-command.sh",
                "uv sync",
                "pip install -r requirements/dev.txt",
            ),
            base="plain-pallets-bsd",
        ),
    ],
}


def test_lay010_eco_may_keep_contributing(make_repo):
    path: Path = make_repo()
    write(path, "CONTRIBUTING.md", "Contributing\n")
    assert check_one(path, "LAY010").status == "n/a"


def test_lay011_not_applicable_without_devcontainer(make_repo):
    assert check_one(make_repo(), "LAY011").status == "n/a"


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


def test_licence_rename_points_pyproject_at_the_new_name(tmp_path: Path):
    """Renaming LICENSE alone would leave ``license = {file = "LICENSE"}``
    naming a missing file, which the engine refuses; the rename carries
    the pyproject edit, so it applies and the holder's text is kept.
    """
    from eco_lint.check import fix_repository

    notice = "MIT License\n\nCopyright (C) 2011 Jane Roe\n"
    (tmp_path / "LICENSE").write_text(notice)
    (tmp_path / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["flit_core<4"]\n'
        'build-backend = "flit_core.buildapi"\n\n'
        '[project]\nname = "licensed"\nversion = "1.0"\n'
        'description = "x"\nlicense = {file = "LICENSE"}\n'
    )
    (tmp_path / "licensed.py").write_text("")
    run = fix_repository(str(tmp_path), applicability=("safe", "unsafe"))
    assert not any("LICENSE" in title for title, _ in run.failed), run.failed
    assert not (tmp_path / "LICENSE").exists()
    assert (tmp_path / "LICENSE.txt").read_text() == notice
    assert "LICENSE.txt" in (tmp_path / "pyproject.toml").read_text()
    assert '"LICENSE"' not in (tmp_path / "pyproject.toml").read_text()


def untyped(repo: Path, answer: str | None = None) -> None:
    """Flask-Login: no ``py.typed``, no ``Typing :: Typed``, no mypy or
    pyright config, functions without annotations; ``answer`` is the
    ``typed`` answer it records, if any.
    """
    delete(repo, "src/flask_greeting/py.typed")
    write(
        repo,
        "src/flask_greeting/utils.py",
        'def login_url(login_view, next_url=None, next_field="next"):\n'
        "    return login_view\n",
    )
    edit(repo, "pyproject.toml", '    "Typing :: Typed",\n', "")
    text = (repo / "pyproject.toml").read_text()
    start, end = text.index("[tool.mypy]"), text.index("[tool.ruff]")
    write(repo, "pyproject.toml", text[:start] + text[end:])

    if answer is None:
        delete(repo, ".copier-answers.yml")
    else:
        edit(repo, ".copier-answers.yml", "typed: true", f"typed: {answer}")


def _fix(path: Path, code: str) -> tuple[str, str, list[str]]:
    """A rule's fix: its applicability, title and refusals."""
    from eco_lint.fix import plan
    from eco_lint.repo import Repo

    repo = Repo(path)
    fix = fix_of(repo, code)
    assert fix is not None
    _, failed = plan(repo, [fix])
    return fix.applicability, fix.title, [reason for _, reason in failed]


def test_lay002_does_not_promise_types_for_an_untyped_package(make_repo):
    path: Path = make_repo()
    untyped(path)
    assert check_one(path, "LAY002").status == "fail"
    _, _, refused = _fix(path, "LAY002")
    assert len(refused) == 1 and "not typed" in refused[0]
    assert "py.typed" in refused[0]


@pytest.mark.parametrize(
    ("config", "applicability"),
    [("strict = true\n", "safe"), ("", "unsafe")],
)
def test_lay002_follows_the_annotations_and_mypy(make_repo, config, applicability):
    """A package annotated throughout: mypy strict checks every annotation,
    a lighter config does not.
    """
    path: Path = make_repo()
    untyped(path)
    write(
        path,
        "src/flask_greeting/utils.py",
        "def login_url(login_view: str, next_url: str | None = None) -> str:\n"
        "    return login_view\n",
    )
    append(path, "pyproject.toml", f'\n[tool.mypy]\nfiles = ["src"]\n{config}')
    assert _fix(path, "LAY002") == (applicability, "Add the py.typed marker", [])


def test_lay002_mypy_config_alone_is_no_evidence(make_repo):
    """A fix may add the template's mypy config before this one runs: the
    config alone does not make unannotated functions typed.
    """
    path: Path = make_repo()
    untyped(path)
    append(path, "pyproject.toml", '\n[tool.mypy]\nfiles = ["src"]\nstrict = true\n')
    _, _, refused = _fix(path, "LAY002")
    assert len(refused) == 1 and "not typed" in refused[0]


def test_lay002_safe_when_typed_is_recorded(make_repo):
    path: Path = make_repo()
    untyped(path, "true")
    assert _fix(path, "LAY002") == ("safe", "Add the py.typed marker", [])


def test_lay002_does_not_apply_when_untyped_is_recorded(make_repo):
    """Adoption records ``typed: false`` for a package without py.typed."""
    path: Path = make_repo()
    untyped(path, "false")
    assert check_one(path, "LAY002").status == "n/a"


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
