"""DOC002: the Sphinx config is a known flavour."""

from __future__ import annotations

from ...registry import Fail
from ...registry import Outcome
from ...registry import Skip
from ...repo import Repo
from ...standard import Standard
from .._base import Docs
from .._base import line_of_key
from ._conf import Conf
from ._paths import CONF

#: The themes pallets-sphinx-themes ships.
PALLETS_THEMES = frozenset({"flask", "werkzeug", "jinja", "click", "pocoo"})


class DOC002(Docs):
    """Sphinx config is a known flavour

    ## What it does
    Reads `docs/conf.py` (parsed, never run) and checks that it is one of
    the two flavours of the standard: the Pallets theme (`get_version` and
    `ProjectLink` imported from `pallets_sphinx_themes`, `html_theme` one of
    `flask`, `werkzeug`, `jinja`, `click` or `pocoo`) or Furo (`html_theme =
    "furo"`, the version from `importlib.metadata`). `myst_parser` must be an
    extension when the docs or the changelog are Markdown. `extlinks` must
    define `issue` and `pr`, and the legacy `sphinx-issues` extension and
    its `issues_github_path` must be gone.

    ## Why
    The changelog's `:issue:` and `:pr:` roles (`{issue}` and `{pr}` in
    Markdown) come from `extlinks`. The version comes from the installed
    package, so the docs never disagree with `[project].version`.

    ## Example
    ```python
    extensions = ["sphinx_issues"]
    issues_github_path = "pallets-eco/flask-greeting"
    html_theme = "alabaster"
    ```

    Use instead: the template's `docs/conf.py`.

    ## Fix
    None: `docs/conf.py` is the project's, with its own extensions and
    settings, and no edit of Python code can be told from the template.
    Compare it with the template's `docs/conf.py` and move the theme, the
    version and `extlinks` over by hand.
    """

    weight = 1

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        text = repo.text(CONF)

        if text is None:
            return Skip(f"{CONF} is missing; LAY003 reports it")

        try:
            conf = Conf(text)
        except SyntaxError as e:
            return Fail(f"cannot be parsed: {e.msg}", CONF, e.lineno)

        return [*_theme(repo, conf), *_extensions(repo, conf, std)]


def _theme(repo: Repo, conf: Conf) -> list[Fail]:
    """The theme, and what each flavour imports with it."""
    theme = conf.literal("html_theme")
    line = line_of_key(repo, CONF, "html_theme")

    if theme in PALLETS_THEMES:
        missing = [
            name
            for name in ("get_version", "ProjectLink")
            if f"pallets_sphinx_themes.{name}" not in conf.imports
        ]

        if not missing:
            return []

        return [
            Fail(
                f"uses the {theme} theme without pallets_sphinx_themes"
                f" {' and '.join(missing)}",
                CONF,
                line,
            )
        ]

    if theme == "furo":
        if any(
            name == "importlib.metadata" or name.startswith("importlib.metadata.")
            for name in conf.imports
        ):
            return []

        message = "uses furo without the version from importlib.metadata"
        return [Fail(message, CONF, line)]

    if theme is None:
        return [Fail("sets no html_theme", CONF)]

    return [Fail(f"html_theme is {theme!r}, not a Pallets theme or furo", CONF, line)]


def _extensions(repo: Repo, conf: Conf, std: Standard) -> list[Fail]:
    """``myst_parser`` where the template has it, and ``extlinks`` for
    issues and pull requests instead of sphinx-issues.
    """
    extensions = conf.extensions()
    standard = Conf(std.text(CONF) or "").extensions()
    failed: list[Fail] = []

    if "myst_parser" in standard and "myst_parser" not in extensions:
        message = "extensions lack myst_parser for the Markdown files"
        failed.append(Fail(message, CONF, line_of_key(repo, CONF, "extensions")))

    if "sphinx_issues" in extensions or "issues_github_path" in conf.values:
        failed.append(
            Fail(
                "uses sphinx-issues, not extlinks",
                CONF,
                repo.line_of(CONF, r"sphinx_issues|issues_github_path"),
            )
        )

    missing = [k for k in ("issue", "pr") if k not in conf.keys("extlinks")]

    if missing:
        failed.append(
            Fail(
                f"extlinks has no {' or '.join(missing)}",
                CONF,
                line_of_key(repo, CONF, "extlinks"),
            )
        )

    return failed
