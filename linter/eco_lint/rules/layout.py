"""LAY: the files and folders at the top of the repository."""

from __future__ import annotations

import re

from ..answers import inferred
from ..edits import Edit
from ..edits.text import DeleteFile
from ..edits.text import EditLines
from ..edits.text import MoveFile
from ..edits.text import WriteFile
from ..edits.toml import TomlSet
from ..fix import Fix
from ..registry import Fail
from ..registry import Outcome
from ..registry import Skip
from ..repo import Repo
from ..standard import Standard
from ._base import Layout
from ._base import recorded_typed
from ._base import typing_evidence
from ._base import UNTYPED


def _import_name(repo: Repo) -> str | None:
    return inferred(repo).get("import_name")


def _license_files(repo: Repo) -> list[str]:
    """Top-level licence files other than ``LICENSE.txt``."""
    pattern = re.compile(r"(LICEN[CS]E|COPYING)(\.(rst|md|txt))?", re.I)
    return [
        name
        for name in repo.files
        if "/" not in name and pattern.fullmatch(name) and name != "LICENSE.txt"
    ]


def _renamed_in_pyproject(repo: Repo, old: str) -> tuple[Edit, ...]:
    """The edits that point ``pyproject.toml``'s licence file at
    ``LICENSE.txt`` where it names ``old``, so that the rename leaves a
    project that builds.
    """
    license = repo.project.get("license")
    files = repo.project.get("license-files")
    edits: list[Edit] = []

    if isinstance(license, dict) and license.get("file") == old:
        edits.append(
            TomlSet("pyproject.toml", ("project", "license", "file"), "LICENSE.txt")
        )

    if isinstance(files, list) and old in files:
        renamed = ["LICENSE.txt" if f == old else f for f in files]
        edits.append(TomlSet("pyproject.toml", ("project", "license-files"), renamed))

    return tuple(edits)


def _community_files(repo: Repo) -> list[str]:
    """Contributing guides, codes of conduct and security policies."""
    pattern = re.compile(
        r"(\.github/)?(CONTRIBUTING(\.\w+)?|CODE_OF_CONDUCT\.md|SECURITY\.md)"
    )
    return [name for name in repo.files if pattern.fullmatch(name)]


class LAY001(Layout):
    """Package lives in src/

    ## What it does
    Checks that the import package is at `src/<import_name>/__init__.py`.

    ## Why
    The src layout makes the tests run against the installed package rather
    than the working tree, which catches files missing from the wheel. Every
    Pallets project uses it since 2019.

    ## Example
    A package at `flask_foo/__init__.py` next to `pyproject.toml`.

    Use instead: `src/flask_foo/__init__.py`.

    ## Fix
    Move the package with `git mv flask_foo src/flask_foo` and point the tool
    paths at `src`. Refused while the build cannot move to flit_core (see
    BLD001), whose backend would not find the package. Unsafe: it moves
    user-owned files.
    """

    weight = 3
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        name = _import_name(repo)

        if name is None:
            return Fail("no import package was found, under src/ or at the top")

        if not repo.is_file(f"src/{name}/__init__.py"):
            return Fail(
                f"package {name!r} is at {name}/, not src/{name}/",
                f"{name}/__init__.py",
            )

        return None

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        name = _import_name(repo)

        if name is None or not repo.is_file(f"{name}/__init__.py"):
            return None

        from ..fix import refusal
        from .build import migration_blocker

        if reason := migration_blocker(repo):
            # Only flit_core's configuration is written for src/.
            return refusal(
                f"Move {name}/ to src/{name}/",
                f"the build stays with its backend ({reason}), whose"
                " configuration would not find the package in src/",
                f"{name}/__init__.py",
            )

        moves = [
            MoveFile(path, f"src/{path}")
            for path in repo.files
            if path.startswith(f"{name}/")
        ]
        return Fix(f"Move {name}/ to src/{name}/", "unsafe", tuple(moves))


class LAY002(Layout):
    """Package has a py.typed marker

    ## What it does
    Checks that `src/<import_name>/py.typed` exists. Does not apply when the
    project records the template answer `typed: false`, as adoption does for
    a package without `py.typed`.

    ## Why
    Without the marker, type checkers ignore the package's annotations in the
    projects that use it (PEP 561). Every Pallets package is typed.

    ## Example
    `src/flask_foo/` with `__init__.py` only.

    Use instead: add an empty `src/flask_foo/py.typed`.

    ## Fix
    Create the empty file. Safe when the project records `typed: true`, or
    annotates every function and runs mypy strict; unsafe when its
    annotations are not checked that strictly, since the marker promises
    users complete, checked annotations. None for a package whose functions
    are not annotated: the finding says why.
    """

    weight = 2
    fixable = True
    requires = frozenset({"LAY001"})

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return recorded_typed(repo) is not False

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        name = _import_name(repo)

        if not repo.is_file(f"src/{name}/py.typed"):
            return Fail(f"src/{name}/py.typed is missing", f"src/{name}/py.typed")

        return None

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        from ..fix import refusal

        path = f"src/{_import_name(repo)}/py.typed"
        title = "Add the py.typed marker"

        evidence = typing_evidence(repo)

        if evidence is None:
            return refusal(title, UNTYPED, path)

        safe = evidence == "typed"
        return Fix(title, "safe" if safe else "unsafe", (WriteFile(path, ""),))


class LAY003(Layout):
    """Docs in docs/ and tests in tests/

    ## What it does
    Checks that the Sphinx docs are in `docs/` with a `conf.py`, and that the
    tests are in a top-level `tests/` folder.

    ## Why
    The tox envs, the Read the Docs config and the sdist includes all name
    these two folders.

    ## Example
    Docs in `doc/source/`, tests in `src/flask_foo/tests/`.

    Use instead: `docs/conf.py` and `tests/test_*.py`.

    ## Fix
    Rename the folders and update the paths that name them. Unsafe: it moves
    user-owned files.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        return [
            Fail(f"missing: {name}", name)
            for name in ("docs/conf.py", "tests")
            if not repo.exists(name)
        ]


class LAY004(Layout):
    """License text is in LICENSE.txt

    ## What it does
    Checks that the licence text is in `LICENSE.txt`, and in no other
    `LICENSE`, `LICENSE.rst`, `LICENSE.md` or `COPYING` file.

    ## Why
    `license-files = ["LICENSE.txt"]` puts it in every wheel and sdist, and
    the docs' licence page includes it by that name.

    ## Example
    A `LICENSE` file with no extension.

    Use instead: `LICENSE.txt`.

    ## Fix
    Rename the file. Unsafe: it renames a file.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        others = _license_files(repo)

        if others:
            return [Fail(f"licence text in {name}", name) for name in others]

        if not repo.is_file("LICENSE.txt"):
            return Fail("LICENSE.txt is missing", "LICENSE.txt")

        return None

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        others = _license_files(repo)

        if repo.is_file("LICENSE.txt"):
            deletes = tuple(DeleteFile(name) for name in others)
            return Fix("Delete the other licence files", "unsafe", deletes)

        if others:
            first, rest = others[0], others[1:]
            edits: tuple[Edit, ...] = (
                MoveFile(first, "LICENSE.txt"),
                *(DeleteFile(n) for n in rest),
                *_renamed_in_pyproject(repo, first),
            )
            return Fix(f"Rename {first} to LICENSE.txt", "unsafe", edits)

        return Fix("Write LICENSE.txt", "unsafe", (WriteFile("LICENSE.txt"),))


class LAY005(Layout):
    """README is Markdown

    ## What it does
    Checks that the README is `README.md`, and that no `README.rst` or
    `README.txt` remains.

    ## Why
    Pallets projects moved their READMEs to Markdown in 2024; PyPI and GitHub
    both render it, and `readme = "README.md"` is the standard metadata.

    ## Example
    `README.rst`.

    Use instead: `README.md`, with `readme = "README.md"` in `[project]`.

    ## Fix
    Convert the text to Markdown. Display only: the conversion needs review.
    """

    weight = 2

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        others = [n for n in ("README.rst", "README.txt", "README") if repo.is_file(n)]

        if others:
            return Fail(f"README in {others[0]}", others[0])

        if not repo.is_file("README.md"):
            return Fail("README.md is missing", "README.md")

        return None


class LAY006(Layout):
    """Changelog is CHANGES.rst or CHANGES.md

    ## What it does
    Checks that the changelog is `CHANGES.rst` or `CHANGES.md` at the top of
    the repository.

    ## Why
    The release steps, the docs' changes page and the sdist all name
    `CHANGES`. `CHANGELOG`, `HISTORY` or only GitHub releases leave the sdist
    and the docs without a history.

    ## Example
    `HISTORY.md`, or no changelog file.

    Use instead: `CHANGES.md` with a `## Version X.Y.Z` section.

    ## Fix
    Rename the file, or create one with a section for the current version.
    Unsafe: the changelog is user-owned. Refused when the history is kept in
    `docs/` (such as `docs/changelog.rst`): a new file beside it would be a
    second changelog; moving it, and the docs page that shows it, is left to
    the maintainer.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        if repo.is_file("CHANGES.rst") or repo.is_file("CHANGES.md"):
            return None

        others = [
            n
            for n in repo.files
            if "/" not in n and re.match(r"(CHANGELOG|HISTORY|CHANGES)", n, re.I)
        ]

        if others:
            return Fail(f"changelog in {others[0]}", others[0])

        return Fail("no CHANGES.rst or CHANGES.md")

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        others = [
            n
            for n in repo.files
            if "/" not in n
            and re.fullmatch(r"(CHANGELOG|HISTORY|CHANGES)\.(md|rst)", n, re.I)
        ]

        if others:
            target = f"CHANGES.{others[0].rpartition('.')[2].lower()}"
            return Fix(
                f"Rename {others[0]} to {target}",
                "unsafe",
                (MoveFile(others[0], target),),
            )

        name = next(n for n in std.files() if n.startswith("CHANGES."))

        if kept := _docs_changelog(repo, name.partition(".")[0]):
            from ..fix import refusal

            return refusal(
                f"Write {name}",
                f"the history is kept in {kept}, and {name} would be a second"
                f" changelog; move {kept} to {name} and include it from the docs",
                kept,
            )

        return Fix(f"Write {name}", "unsafe", (WriteFile(name),))


def _docs_changelog(repo: Repo, top: str) -> str | None:
    """A changelog kept in ``docs/`` rather than included from the
    repository's ``top`` one (``CHANGES``), or ``None``.
    """
    for name in repo.files:
        folder, _, base = name.rpartition("/")

        if folder != "docs" or not re.fullmatch(
            r"(changelog|changes|history)\.(rst|md)", base, re.I
        ):
            continue

        if top not in (repo.text(name) or ""):
            return name

    return None


class LAY007(Layout):
    """.editorconfig is the standard one

    ## What it does
    Checks that `.editorconfig` is the template's, byte for byte.

    ## Why
    It keeps editors on 4-space indents, LF line ends and the 88-column limit
    that ruff enforces, the same in every Pallets project.

    ## Example
    No `.editorconfig`, or one with `max_line_length = 120`.

    Use instead: the template's `.editorconfig`.

    ## Fix
    Write the template's file. Safe.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        expected = std.text(".editorconfig")
        found = repo.text(".editorconfig")

        if found is None:
            return Fail(".editorconfig is missing", ".editorconfig")

        if found != expected:
            return Fail(".editorconfig differs from the standard", ".editorconfig")

        return None

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        return Fix(
            "Write the standard .editorconfig", "safe", (WriteFile(".editorconfig"),)
        )


class LAY008(Layout):
    """.gitignore has the standard entries

    ## What it does
    Checks that `.gitignore` has every entry of the template's. An ignored
    `uv.lock` is DEP003's finding.

    ## Why
    The standard entries keep build output, coverage data and tox envs out of
    commits.

    ## Example
    A `.gitignore` without `.tox/`.

    Use instead: the template's entries, plus any of the project's own.

    ## Fix
    Add the missing lines at the end, keeping every line the project has.
    Safe.
    """

    weight = 2
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        found = repo.text(".gitignore")

        if found is None:
            return Fail(".gitignore is missing", ".gitignore")

        lines = {line.strip() for line in found.splitlines()}
        expected = (std.text(".gitignore") or "").split()
        return [
            Fail(f".gitignore lacks {line}", ".gitignore")
            for line in expected
            if line not in lines
        ]

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        # Lines the project has, an ignored uv.lock among them, stay: the
        # lock is DEP003's, which stops ignoring it once it is committed.
        expected = tuple((std.text(".gitignore") or "").split())
        edit = EditLines(".gitignore", add=expected)
        return Fix("Add the standard .gitignore entries", "safe", (edit,))


class LAY009(Layout):
    """Issue and pull request templates are current

    ## What it does
    Checks for the template's issue forms and pull request template under
    `.github/`, with blank issues disabled, and that no legacy
    `ISSUE_TEMPLATE.md` or `PULL_REQUEST_TEMPLATE.md` remains. The pull
    request template must not point at a `CONTRIBUTING.rst` the repository
    does not have. Each problem is reported. A link for private security
    advisories is not required: Flask keeps one, Werkzeug and Click rely on
    the organization's security policy instead.

    ## Why
    The templates steer questions to Discussions and Discord; a link to a
    removed contributing file leads nowhere.

    ## Example
    `.github/ISSUE_TEMPLATE.md`, or a PR template that says "Ensure each step
    in CONTRIBUTING.rst is complete" after that file was removed.

    Use instead: the template's `.github/ISSUE_TEMPLATE/` and
    `.github/pull_request_template.md`.

    ## Fix
    Write the template's files and delete the legacy ones. Unsafe: it
    deletes files.
    """

    weight = 1
    fixable = True

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        expected = [
            n
            for n in std.files()
            if n.startswith(".github/ISSUE_TEMPLATE/")
            or n == ".github/pull_request_template.md"
        ]
        found = [Fail(f"missing {n}", n) for n in expected if not repo.is_file(n)]
        found += [
            Fail(f"legacy template {n}", n)
            for n in (".github/ISSUE_TEMPLATE.md", ".github/PULL_REQUEST_TEMPLATE.md")
            if repo.is_file(n)
        ]
        config = ".github/ISSUE_TEMPLATE/config.yml"

        if (
            repo.is_file(config)
            and repo.yaml(config).get("blank_issues_enabled") is not False
        ):
            found.append(Fail("blank issues are enabled", config))

        pr = ".github/pull_request_template.md"

        if "CONTRIBUTING.rst" in (repo.text(pr) or "") and not repo.is_file(
            "CONTRIBUTING.rst"
        ):
            found.append(
                Fail(
                    "points at CONTRIBUTING.rst, which does not exist",
                    pr,
                    repo.line_of(pr, "CONTRIBUTING.rst"),
                )
            )

        return found

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        expected = [
            n
            for n in std.files()
            if n.startswith(".github/ISSUE_TEMPLATE/")
            or n == ".github/pull_request_template.md"
        ]
        missing = tuple(WriteFile(n) for n in expected if not repo.is_file(n))

        if missing:
            return Fix(
                "Write the missing issue and pull request templates", "safe", missing
            )

        legacy = [
            n
            for n in (".github/ISSUE_TEMPLATE.md", ".github/PULL_REQUEST_TEMPLATE.md")
            if repo.is_file(n)
        ]
        edits = (*(DeleteFile(n) for n in legacy), *(WriteFile(n) for n in expected))
        return Fix("Replace the issue and pull request templates", "unsafe", edits)


class LAY010(Layout):
    """No per-repository community files

    ## What it does
    In a `pallets` repository, checks that there is no `CONTRIBUTING.*`,
    `CODE_OF_CONDUCT.md` or `SECURITY.md`: the organization's own apply.

    ## Why
    Pallets keeps one contributing guide, code of conduct and security policy
    for every project (github.com/pallets/.github). Copies drift from them.

    ## Example
    `CONTRIBUTING.rst` at the top of the repository.

    Use instead: nothing; the README links the organization's guide.

    ## Fix
    Delete the files. Unsafe: it deletes files.
    """

    weight = 1
    fixable = True

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return inferred(repo).get("org") == "pallets"

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Outcome:
        return [
            Fail(f"repository-level {name}", name) for name in _community_files(repo)
        ]

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        found = _community_files(repo)
        edits = tuple(DeleteFile(n) for n in found)
        return Fix("Delete the repository-level community files", "unsafe", edits)


class LAY011(Layout):
    """Dev container sets up with uv

    ## What it does
    When the repository has `.devcontainer/on-create-command.sh`, checks that
    it runs `uv sync` and does not install from `requirements/`.

    ## Why
    The requirements files were replaced by `uv.lock`; a dev container that
    still reads them fails on its first start.

    ## Example
    `pip install -r requirements/dev.txt`.

    Use instead: `uv sync` and `uv run pre-commit install --install-hooks`.

    ## Fix
    Write the template's script. Safe.
    """

    weight = 1
    fixable = True
    path = ".devcontainer/on-create-command.sh"

    @classmethod
    def applies(cls, repo: Repo, std: Standard) -> bool:
        return repo.is_file(cls.path)

    @classmethod
    def check(cls, repo: Repo, std: Standard) -> Fail | Skip | None:
        text = repo.text(cls.path) or ""

        if "requirements/" in text:
            return Fail(
                "installs from requirements/",
                cls.path,
                repo.line_of(cls.path, "requirements/"),
            )

        if "uv sync" not in text:
            return Fail("does not run uv sync", cls.path)

        return None

    @classmethod
    def fix(cls, repo: Repo, std: Standard) -> Fix | None:
        return Fix("Write the uv dev container script", "safe", (WriteFile(cls.path),))
