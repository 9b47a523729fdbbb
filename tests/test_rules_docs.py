from __future__ import annotations

from pathlib import Path

from eco_lint.check import fix_repository
from eco_lint.repo import Repo
from eco_lint.settings import Settings

from .mutate import append
from .mutate import Case
from .mutate import check_one
from .mutate import delete
from .mutate import edit
from .mutate import fix_of
from .mutate import move
from .mutate import write

RTD = ".readthedocs.yaml"
CONF = "docs/conf.py"
PALLETS = "plain-pallets-bsd"
RST_CHANGES = "jinja-scripts"
#: Read the Docs' own build, as configured before 2024.
OLD_RTD = (
    "version: 2\nbuild:\n  os: ubuntu-22.04\n  tools:\n    python: '3.12'\n"
    "python:\n  install:\n    - method: pip\n      path: .\n"
    "sphinx:\n  builder: dirhtml\n"
)
RELEASED = "0.0.9\n\nReleased 2025-01-01"
RST = "0.0.9\n-------------\n\nReleased 2025-01-01"

FAILING = {
    "DOC001": [
        Case(lambda r: delete(r, RTD)),
        Case(lambda r: edit(r, RTD, "ubuntu-24.04", "ubuntu-22.04")),
        Case(
            lambda r: append(
                r,
                RTD,
                "python:\n  install:\n    - requirements: docs/requirements.txt\n",
            )
        ),
        Case(lambda r: append(r, RTD, "sphinx:\n  configuration: docs/conf.py\n")),
        Case(
            lambda r: edit(
                r, RTD, "uv run --group docs sphinx-build", "python -m sphinx"
            )
        ),
        Case(lambda r: edit(r, RTD, "    - asdf global uv latest\n", "")),
        Case(lambda r: move(r, RTD, ".readthedocs.yml")),
        Case(lambda r: write(r, RTD, OLD_RTD + "formats:\n  - pdf\n")),
    ],
    "DOC002": [
        Case(
            lambda r: edit(r, CONF, 'html_theme = "furo"', 'html_theme = "alabaster"')
        ),
        Case(lambda r: edit(r, CONF, "import importlib.metadata\n", "")),
        Case(lambda r: edit(r, CONF, '    "myst_parser",\n', "")),
        Case(lambda r: edit(r, CONF, '    "pr": (', '    "pull": (')),
        Case(
            lambda r: append(
                r, CONF, 'issues_github_path = "pallets-eco/flask-greeting"\n'
            )
        ),
        Case(
            lambda r: edit(
                r, CONF, "from pallets_sphinx_themes import ProjectLink\n", ""
            ),
            base=PALLETS,
        ),
    ],
    "DOC003": [
        Case(lambda r: edit(r, "docs/changes.md", "../CHANGES.md", "../HISTORY.md")),
        Case(lambda r: delete(r, "docs/license.md")),
        Case(lambda r: edit(r, "docs/license.md", "../LICENSE.txt", "../LICENSE")),
        Case(
            lambda r: edit(r, "docs/changes.rst", ".. include:: ../CHANGES.rst", "TBD"),
            base=PALLETS,
        ),
        Case(
            lambda r: edit(
                r, "docs/changes.rst", "    :parser: myst_parser.sphinx_\n", ""
            ),
            base="werkzeug-long-name",
        ),
        Case(
            lambda r: (
                delete(r, "docs/license.md"),
                edit(r, "docs/index.md", "changes\nlicense\n", "changes\n"),
            )
        ),
        Case(
            lambda r: (
                delete(r, "docs/license.rst"),
                edit(
                    r, "docs/index.rst", "    changes\n    license\n", "    changes\n"
                ),
            ),
            base=PALLETS,
        ),
        # A Markdown page of its own in reStructuredText docs.
        Case(
            lambda r: (
                delete(r, "docs/changes.rst"),
                write(r, "docs/changes.md", "# Changes\n\nSee GitHub.\n"),
            ),
            base=PALLETS,
        ),
    ],
    "DOC004": [
        Case(
            lambda r: edit(
                r,
                "pyproject.toml",
                '"sphinx-build", "-E", "-W",',
                '"sphinx-build", "-E",',
            )
        ),
        Case(
            lambda r: edit(
                r, "pyproject.toml", '"sphinx-autobuild", "-W",', '"sphinx-autobuild",'
            )
        ),
        Case(lambda r: edit(r, RTD, "sphinx-build -W", "sphinx-build")),
        Case(lambda r: write(r, RTD, OLD_RTD)),
        Case(
            lambda r: write(
                r,
                "tox.ini",
                "[testenv:docs]\ncommands = sphinx-build -b dirhtml docs docs/_build\n",
            )
        ),
    ],
    "REL001": [
        # Renaming the section would lose the released 0.0.9: refused.
        Case(
            lambda r: edit(r, "CHANGES.md", "## Version 0.1.0", "## Version 0.0.9"),
            fixable=False,
        ),
        Case(lambda r: edit(r, "CHANGES.md", "Unreleased", "Released 2026-01-01")),
        Case(lambda r: edit(r, "CHANGES.md", "Unreleased\n\n", "")),
        Case(lambda r: edit(r, "CHANGES.md", "## Version", "# Version")),
        # The release date of 0.1.0 cannot be known: the fix is only shown.
        Case(
            lambda r: edit(
                r, "pyproject.toml", 'version = "0.1.0.dev"', 'version = "0.1.0"'
            ),
            fixable=False,
        ),
        Case(
            lambda r: edit(r, "CHANGES.rst", "-------------", "-----"), base=RST_CHANGES
        ),
        Case(lambda r: edit(r, "CHANGES.md", "0.1.0\n\nUnreleased", RELEASED)),
        Case(
            lambda r: edit(r, "CHANGES.rst", "0.1.0\n-------------\n\nUnreleased", RST),
            base=RST_CHANGES,
        ),
    ],
    "REL002": [
        Case(
            lambda r: edit(r, "README.md", "# Flask-Greeting\n", "## Flask-Greeting\n")
        ),
        Case(
            lambda r: edit(
                r, "README.md", "## Pallets Community Ecosystem", "## Community"
            )
        ),
        Case(lambda r: edit(r, "README.md", "> [!IMPORTANT]\\\n", "")),
        Case(
            lambda r: edit(
                r,
                "README.md",
                "# Flask-Greeting\n",
                "# Flask-Greeting\n\n[![PyPI](https://img.shields.io/pypi/v/flask-greeting)]"
                "(https://pypi.org/project/flask-greeting/)\n",
            )
        ),
        Case(lambda r: edit(r, "README.md", "## Donate", "## Support"), base=PALLETS),
        Case(lambda r: edit(r, "README.md", "## Contributing\n", ""), base=PALLETS),
        Case(lambda r: write(r, "README.md", "# Flask-Greeting\n\nGreets.\n")),
    ],
}


def test_doc001_jobs_form(make_repo):
    """click's form: the same commands in build.jobs, with an echo."""
    path = make_repo()
    write(
        path,
        RTD,
        "version: 2\n"
        "build:\n"
        "  os: ubuntu-24.04\n"
        "  tools:\n"
        "    python: '3.12'\n"
        "  jobs:\n"
        "    install:\n"
        '      - echo "uv"\n'
        "      - asdf plugin add uv\n"
        "      - asdf install uv latest\n"
        "      - asdf global uv latest\n"
        "    build:\n"
        "      html:\n"
        "        - uv run --locked --group docs sphinx-build -W -b dirhtml docs"
        " $READTHEDOCS_OUTPUT/html\n",
    )
    assert check_one(path, "DOC001").status == "pass"
    assert check_one(path, "DOC004").status == "pass"


def test_doc002_pallets_with_extras(make_repo):
    """A Pallets theme config with more extensions and local roles."""
    path = make_repo(PALLETS)
    edit(
        path,
        CONF,
        "from pallets_sphinx_themes",
        "import packaging.version\nfrom pallets_sphinx_themes",
    )
    edit(
        path,
        CONF,
        '    "pallets_sphinx_themes",\n',
        '    "sphinx_tabs.tabs",\n    "pallets_sphinx_themes",\n',
    )
    append(path, CONF, "\n\ndef setup(app):\n    pass\n")
    assert check_one(path, "DOC002").status == "pass"


def test_doc002_furo_metadata_from_import(make_repo):
    path = make_repo()
    edit(path, CONF, "import importlib.metadata\n", "from importlib import metadata\n")
    edit(path, CONF, "importlib.metadata.version(", "metadata.version(")
    assert check_one(path, "DOC002").status == "pass"


def test_doc002_conf_missing_is_skipped(make_repo):
    path = make_repo()
    delete(path, CONF)
    assert check_one(path, "DOC002").status == "skip"


def test_doc003_myst_option_block(make_repo):
    """click puts the literalinclude options in a YAML block."""
    path = make_repo()
    edit(path, "docs/license.md", ":language: text\n", "---\nlanguage: text\n---\n")
    assert check_one(path, "DOC003").status == "pass"


def test_doc004_todo_is_reported(make_repo):
    path = make_repo()
    edit(
        path,
        "pyproject.toml",
        'commands = [["sphinx-build", "-E", "-W",',
        '# TODO fix warnings and add -W\ncommands = [["sphinx-build", "-E",',
    )
    result = check_one(path, "DOC004")
    assert result.status == "fail"
    assert "TODO" in result.message


def test_rel001_rst_directive_and_release(make_repo):
    """jinja and werkzeug start with currentmodule; a released version."""
    path = make_repo(RST_CHANGES)
    edit(path, "CHANGES.rst", "Version", ".. currentmodule:: jinja_shout\n\nVersion")
    edit(path, "CHANGES.rst", "Unreleased", "Released 2026-02-18")
    edit(path, "pyproject.toml", 'version = "0.1.0.dev"', 'version = "0.1.0"')
    assert check_one(path, "REL001").status == "pass"


def test_rel001_bullet_style_not_checked(make_repo):
    path = make_repo()
    edit(path, "CHANGES.md", "-   Initial release.", "- Initial release. {issue}`1`")
    assert check_one(path, "REL001").status == "pass"


def test_rel002_core_name_image(make_repo):
    """Core READMEs put the name SVG above the title."""
    path = make_repo(PALLETS)
    edit(
        path,
        "README.md",
        "# Greeter\n",
        '<div align="center"><img src="https://raw.githubusercontent.com/pallets/'
        'greeter/refs/heads/stable/docs/_static/greeter-name.svg" alt=""'
        ' height="150"></div>\n\n# Greeter\n',
    )
    assert check_one(path, "REL002").status == "pass"


def test_doc004_read_the_docs_own_build(make_repo):
    """The old config lets Read the Docs run Sphinx, with fail_on_warning."""
    path = make_repo()
    old = (
        "version: 2\nbuild:\n  os: ubuntu-22.04\n  tools:\n    python: '3.12'\n"
        "python:\n  install:\n    - method: pip\n      path: .\n"
        "sphinx:\n  builder: dirhtml\n"
    )
    write(path, RTD, old + "  fail_on_warning: true\n")
    assert check_one(path, "DOC004").status == "pass"
    write(path, RTD, old)
    assert check_one(path, "DOC004").status == "fail"


def test_doc003_one_page_docs(make_repo):
    """blinker's docs are one page that includes both files."""
    path = make_repo()
    for name in ("changes", "license"):
        append(path, "docs/index.md", (path / f"docs/{name}.md").read_text())
        delete(path, f"docs/{name}.md")

    assert check_one(path, "DOC003").status == "pass"


def _fix(path: Path, select: str = "DOC") -> None:
    run = fix_repository(
        str(path), Settings(select=(select,)), applicability=("safe", "unsafe")
    )
    assert run.failed == ()


def test_doc001_fix_keeps_other_keys(make_repo):
    path = make_repo()
    expected = (path / RTD).read_text()
    write(path, RTD, OLD_RTD + "formats:\n  - pdf\n")
    _fix(path)
    assert (path / RTD).read_text() == expected + "formats:\n  - pdf\n"


def test_doc003_fix_adds_page_to_toctree(make_repo):
    path = make_repo(PALLETS)
    expected = (path / "docs/index.rst").read_text()
    delete(path, "docs/license.rst")
    edit(path, "docs/index.rst", "    changes\n    license\n", "    changes\n")
    _fix(path)
    assert (path / "docs/index.rst").read_text() == expected
    assert check_one(path, "DOC003").status == "pass"


def test_doc003_fix_is_safe_for_a_missing_page(make_repo):
    path = make_repo()
    delete(path, "docs/license.md")
    fix = fix_of(Repo(path), "DOC003")
    assert fix is not None and fix.applicability == "safe"


def test_doc004_fix_tox_ini(make_repo):
    path = make_repo()
    write(
        path,
        "tox.ini",
        "[testenv:docs]\n# sphinx-build docs\ncommands =\n"
        "    sphinx-build -b dirhtml docs docs/_build\n",
    )
    _fix(path, "DOC004")
    assert (path / "tox.ini").read_text() == (
        "[testenv:docs]\n# sphinx-build docs\ncommands =\n"
        "    sphinx-build -W -b dirhtml docs docs/_build\n"
    )


def test_doc004_fix_read_the_docs_own_build(make_repo):
    path = make_repo()
    write(path, RTD, OLD_RTD)
    _fix(path, "DOC004")
    assert (path / RTD).read_text() == OLD_RTD + "  fail_on_warning: true\n"


def test_rel001_fix_inserts_above_a_release(make_repo):
    path = make_repo(RST_CHANGES)
    edit(path, "CHANGES.rst", "0.1.0\n-------------\n\nUnreleased", RST)
    append(
        path, "CHANGES.rst", "\n\nVersion 0.0.1\n-------------\n\nReleased 2024-01-01\n"
    )
    _fix(path, "REL")
    assert (
        (path / "CHANGES.rst")
        .read_text()
        .startswith("Version 0.1.0\n-------------\n\nUnreleased\n\n\nVersion 0.0.9\n")
    )


def test_rel001_released_version_is_display_only(make_repo):
    path = make_repo()
    edit(path, "pyproject.toml", 'version = "0.1.0.dev"', 'version = "0.1.0"')
    fix = fix_of(Repo(path), "REL001")
    assert fix is not None and fix.applicability == "display"


def test_rel001_no_fix_without_a_version_heading(make_repo):
    path = make_repo()
    write(path, "CHANGES.md", "# Changelog\n\nEverything.\n")
    assert fix_of(Repo(path), "REL001") is None


def test_rel002_fix_adds_section_at_the_end(make_repo):
    path = make_repo()
    expected = (path / "README.md").read_text()
    section = expected[expected.index("## Pallets") : expected.index("## A Simple")]
    write(path, "README.md", "# Flask-Greeting\n\nGreets.\n")
    _fix(path, "REL")
    assert (path / "README.md").read_text() == (
        "# Flask-Greeting\n\nGreets.\n\n" + section.rstrip("\n") + "\n"
    )


def test_rel002_fix_restores_a_removed_heading(make_repo):
    path = make_repo(PALLETS)
    expected = (path / "README.md").read_text()
    edit(path, "README.md", "## Contributing\n", "")
    _fix(path, "REL")
    assert (path / "README.md").read_text() == expected
