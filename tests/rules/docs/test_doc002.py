"""DOC002: its failing cases and its own tests."""

from __future__ import annotations

from ...mutate import append
from ...mutate import Case
from ...mutate import check_one
from ...mutate import delete
from ...mutate import edit
from .helpers import CONF
from .helpers import PALLETS

FAILING = {
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
}


def test_doc002_pallets_with_extras(quick_repo):
    """A Pallets theme config with more extensions and local roles."""
    path = quick_repo(PALLETS)
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


def test_doc002_furo_metadata_from_import(quick_repo):
    path = quick_repo()
    edit(path, CONF, "import importlib.metadata\n", "from importlib import metadata\n")
    edit(path, CONF, "importlib.metadata.version(", "metadata.version(")
    assert check_one(path, "DOC002").status == "pass"


def test_doc002_conf_missing_is_skipped(quick_repo):
    path = quick_repo()
    delete(path, CONF)
    assert check_one(path, "DOC002").status == "skip"
