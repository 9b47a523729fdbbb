"""The facts a fix must keep, read from the pattern fixtures, and the
guard that refuses a fix losing one.
"""

from __future__ import annotations

import re
import typing as t
from pathlib import Path

import pytest

from eco_lint.edits.text import DeleteFile
from eco_lint.edits.text import WriteFile
from eco_lint.facts import losses
from eco_lint.facts import read_facts
from eco_lint.fix import Fix
from eco_lint.fix import plan
from eco_lint.fix import Refusal
from eco_lint.repo import Repo

from .patterns import FIXTURES
from .patterns import write_files


def _repo(tmp_path: Path, name: str) -> Repo:
    return Repo(write_files(tmp_path / name, FIXTURES[name]().files))


def _lost(repo: Repo, overlay: dict[str, str | None]) -> dict[str, str]:
    found = losses(read_facts(repo), read_facts(repo, overlay))
    return {loss.fact: loss.lost for loss in found}


def test_metadata_of_each_backend(tmp_path: Path):
    scm = read_facts(_repo(tmp_path, "scm"))
    assert scm.name == "flask-tagged"
    assert scm.version_source == "scm"
    assert scm.requires_python == ">=3.8"
    assert 'typing-extensions; python_version < "3.10"' in scm.dependencies
    assert "flask" in scm.dependencies
    assert "sqla: sqlalchemy" in scm.optional
    vcs = read_facts(_repo(tmp_path, "vcs"))
    assert (vcs.version, vcs.version_source) == (None, "scm")
    flit = read_facts(_repo(tmp_path, "flit"))
    assert (flit.version, flit.version_source) == ("1.2.0", "attr")
    legacy = read_facts(_repo(tmp_path, "legacy"))
    assert (legacy.version, legacy.version_source) == ("0.9.3", "static")
    assert legacy.dependencies == {"flask>=1.0", "blinker"}
    assert legacy.optional == {"signals: blinker>=1.4"}
    assert legacy.entry_points == {
        "console_scripts: flask-legacy = flask_legacy.cli:main",
        "flask.commands: greet = flask_legacy.cli:main",
    }
    assert "flask_legacy/templates/greeting.html" in legacy.shipped


def test_build_hook_and_owned_text(tmp_path: Path):
    facts = read_facts(_repo(tmp_path, "translations"))
    assert facts.build_extras == {"the hatch build hook 'custom'"}
    assert "Copyright (C) 2010-2012 Jane Roe" in facts.copyright
    assert {"2.4.0", "0.1.0", "7.4.0"} <= facts.changelog
    assert "flask_babelish.__version__" in facts.attributes
    assert ".env" in facts.gitignore
    assert "flask_babelish/translations/de/LC_MESSAGES/messages.po" in facts.shipped


def test_tests_ci_and_tox(tmp_path: Path):
    facts = read_facts(_repo(tmp_path, "scm"))
    assert facts.tests == {
        "flask_tagged/tests/test_greet.py",
        "flask_tagged/tests/test_legacy.py",
    }
    assert facts.ci_services == {"postgres"}
    assert "schedule 0 5 * * 1" in facts.ci_triggers
    assert "push branches *.x" in facts.ci_triggers
    assert facts.ci_runners == {"ubuntu", "macos"}
    assert "os=macos-latest, python=3.12, sqlalchemy=sqla2" in facts.ci_matrix
    assert facts.ci_jobs == {"tests", "docs", "pypi"}
    assert facts.publishers == {".github/workflows/release.yml"}
    assert facts.tox["py3.8-sqla1"] == {
        "runs pytest",
        "needs sqlalchemy<2",
        "sets SQLALCHEMY_WARN_20",
    }
    assert facts.tox["py3.12-sqla2"] == {"runs pytest", "needs sqlalchemy>=2"}
    assert facts.tox["docs"] == {"runs sphinx-build"}


def test_nothing_lost_without_change(tmp_path: Path):
    for name in FIXTURES:
        repo = _repo(tmp_path, name)
        assert _lost(repo, {}) == {}, name


def test_losses_name_the_fact(tmp_path: Path):
    repo = _repo(tmp_path, "scm")
    ci = repo.text(".github/workflows/tests.yml") or ""
    assert _lost(repo, {"LICENSE": "Copyright (c) 2024 Pallets\n"}) == {
        "copyright notices": (
            "Copyright (C) 2014 John Doe, Copyright (c) 2019 The Greeting Maintainers"
        )
    }
    lost = _lost(
        repo,
        {
            ".github/workflows/tests.yml": ci.replace("services:", "x-services:")
            .replace('- cron: "0 5 * * 1"', "[]")
            .replace("schedule:", "workflow_dispatch:"),
            "HISTORY.rst": None,
            "tox.ini": None,
        },
    )
    assert lost["CI service containers"] == "postgres"
    assert lost["CI triggers"] == "schedule 0 5 * * 1"
    assert "0.1.0" in lost["the changelog's released versions"]
    assert "py3.10-sqla1" in lost["tox envs"]
    pyproject = repo.text("pyproject.toml") or ""
    lost = _lost(
        repo,
        {
            "pyproject.toml": pyproject.replace('"setuptools_scm>=8"', "")
            .replace('"itsdangerous",\n', "")
            .replace(">=3.8", ">=3.10")
        },
    )
    assert lost["the version from git tags"] == "dynamic version"
    assert lost["runtime dependencies"] == "itsdangerous"
    assert lost["the supported Python range"] == ">=3.8 -> >=3.10"


def test_second_publisher_is_a_loss(tmp_path: Path):
    repo = _repo(tmp_path, "scm")
    publish = (
        "on: {push: {tags: ['*']}}\njobs:\n  upload:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n"
    )
    lost = _lost(repo, {".github/workflows/publish.yaml": publish})
    assert lost == {
        "a single PyPI upload per release": ".github/workflows/publish.yaml"
    }
    renamed = {
        ".github/workflows/publish.yaml": publish,
        ".github/workflows/release.yml": None,
    }
    assert "a single PyPI upload per release" not in _lost(repo, renamed)


def test_warnings_as_errors_is_a_loss(tmp_path: Path):
    repo = _repo(tmp_path, "flit")
    text = repo.text("pyproject.toml") or ""
    pytest_table = '\n[tool.pytest.ini_options]\nfilterwarnings = ["error"]\n'
    lost = _lost(repo, {"pyproject.toml": text + pytest_table})
    assert lost == {"the tests' warnings staying warnings": "error"}
    moved = _lost(
        repo,
        {"pyproject.toml": text + '\n[tool.pytest.ini_options]\ntestpaths = ["t"]\n'},
    )
    assert "tests/test_greet.py" in moved["tests pytest collects"]


def test_backend_change_drops_hook(tmp_path: Path):
    repo = _repo(tmp_path, "translations")
    text = repo.text("pyproject.toml") or ""
    flit = text.replace(
        'requires = ["hatchling"]', 'requires = ["flit_core<4"]'
    ).replace("hatchling.build", "flit_core.buildapi")
    assert _lost(repo, {"pyproject.toml": flit}) == {
        "what the build adds to the wheel": "the hatch build hook 'custom'"
    }


def test_gitignore_entries_kept_in_any_spelling(tmp_path: Path):
    repo = _repo(tmp_path, "legacy")
    text = repo.text(".gitignore") or ""
    assert _lost(repo, {".gitignore": text.replace("/dist/", "dist/")}) == {}
    lost = _lost(repo, {".gitignore": text.replace(".env\n", "")})
    assert lost == {".gitignore entries": ".env"}


@pytest.mark.parametrize("order", ["bad-first", "good-first"])
def test_guard_refuses_one_fix_and_applies_the_others(tmp_path: Path, order: str):
    repo = _repo(tmp_path, "legacy")
    bad = Fix(
        "Write the standard licence",
        "safe",
        (WriteFile("LICENSE.txt", "Copyright 2024 Pallets\n"), DeleteFile("LICENSE")),
    )
    good = Fix(
        "Add an editor config", "safe", (WriteFile(".editorconfig", "root = true\n"),)
    )
    fixes = [bad, good] if order == "bad-first" else [good, bad]
    changes, failed = plan(repo, fixes)
    assert [c.path for c in changes] == [".editorconfig"]
    ((fix, reason),) = failed
    assert fix is bad
    assert isinstance(reason, Refusal)
    assert "copyright notices" in reason
    assert "Copyright (C) 2011-2013 Max Mustermann" in reason
    assert "edit the licence file by hand" in reason


@pytest.mark.parametrize("args", [["--fix"], ["--diff"]])
def test_refusals_reach_the_user(tmp_path: Path, args: list[str]):
    from click.testing import CliRunner

    from eco_lint.cli import main

    repo = _repo(tmp_path, "scm")
    licence = repo.text("LICENSE")
    result = CliRunner().invoke(main, ["check", str(repo.root), *args])
    assert result.exit_code in (0, 1), result.output
    refusals = [
        line
        for line in result.stderr.splitlines()
        if "refused '" in line and "it would lose" in line
    ]
    assert refusals, result.stderr
    prefix = "# " if args == ["--diff"] else f"{repo.root}: "
    assert all(line.startswith(prefix) for line in refusals)
    assert (repo.root / "LICENSE").read_text() == licence


def test_pins_never_move_back_and_hooks_stay(tmp_path: Path):
    sha = "0123456789abcdef0123456789abcdef01234567"
    config = (
        "repos:\n"
        "  - repo: https://github.com/astral-sh/ruff-pre-commit\n"
        f"    rev: {sha}  # frozen: v0.9.0\n"
        "    hooks:\n      - id: ruff\n      - id: ruff-format\n"
        "  - repo: https://github.com/pallets-eco/eco-lint\n"
        "    rev: v0.3.0\n"
        "    hooks:\n      - id: eco-lint\n"
        "  - repo: https://github.com/psf/black\n"
        "    rev: 24.1.0\n"
        "    hooks:\n      - id: black\n"
    )
    workflow = (
        f"jobs:\n  a:\n    steps:\n      - uses: actions/checkout@{sha} # v4.2.0\n"
    )
    repo = Repo(
        write_files(
            tmp_path,
            {".pre-commit-config.yaml": config, ".github/workflows/a.yaml": workflow},
        )
    )
    older = (
        config.replace("v0.9.0", "v0.8.0")
        .replace("rev: v0.3.0", "rev: v0.2.0")
        .replace("      - id: ruff-format\n", "")
    )
    lost = _lost(repo, {".pre-commit-config.yaml": older})
    assert lost == {
        "newer pins": (
            "https://github.com/astral-sh/ruff-pre-commit v0.9.0 -> v0.8.0,"
            " https://github.com/pallets-eco/eco-lint v0.3.0 -> v0.2.0"
        ),
        "pre-commit hooks": "ruff-pre-commit: ruff-format",
    }
    # Dropping a hook ruff replaced, and moving pins forward, lose nothing.
    newer = config.replace("v0.9.0", "v0.10.0").split(
        "  - repo: https://github.com/psf"
    )[0]
    assert _lost(repo, {".pre-commit-config.yaml": newer}) == {}
    lost = _lost(repo, {".github/workflows/a.yaml": workflow.replace("4.2.0", "4.1.0")})
    assert lost == {"newer pins": "actions/checkout v4.2.0 -> v4.1.0"}


def test_licence_file_must_exist(tmp_path: Path):
    repo = _repo(tmp_path, "flit")
    text = repo.text("pyproject.toml") or ""
    named = text.replace(
        'license = {file = "LICENSE"}',
        'license = "BSD-3-Clause"\nlicense-files = ["LICENSE.txt"]',
    )
    lost = _lost(repo, {"pyproject.toml": named})
    assert lost == {
        "a project that builds": (
            "LICENSE.txt is named as a licence file and does not exist"
        )
    }
    moved = {
        "pyproject.toml": named,
        "LICENSE.txt": repo.text("LICENSE"),
        "LICENSE": None,
    }
    assert _lost(repo, moved) == {}


def test_setuptools_rejects_a_licence_classifier_beside_an_expression(
    tmp_path: Path,
):
    """secure-cookie: setup.cfg moved to a [project] with no [build-system]
    is built by setuptools, which rejects a ``License ::`` classifier
    beside a licence expression since PEP 639.
    """
    repo = Repo(tmp_path)
    (tmp_path / "LICENSE.rst").write_text("Copyright 2019 Pallets\n")
    pyproject = (
        '[project]\nname = "secure-cookie"\nversion = "0.2.0"\n'
        'license = "BSD-3-Clause"\nclassifiers = [\n'
        '    "License :: OSI Approved :: BSD License",\n]\n'
    )
    assert _lost(repo, {"pyproject.toml": pyproject}) == {
        "a project that builds": (
            "setuptools rejects the classifier 'License :: OSI Approved ::"
            " BSD License' beside a licence expression"
        )
    }
    kept = pyproject.replace('    "License :: OSI Approved :: BSD License",\n', "")
    assert _lost(repo, {"pyproject.toml": kept}) == {}


def test_no_fix_reverts_a_newer_template(make_repo: t.Callable[..., Path]):
    from eco_lint.check import fix_repository

    path = make_repo()
    answers = path / ".copier-answers.yml"
    text = answers.read_text()
    answers.write_text(re.sub(r"(?m)^_commit: .*$", "_commit: 99.0.0", text))
    (path / ".editorconfig").unlink()
    run = fix_repository(str(path), applicability=("safe", "unsafe"))
    assert run.written == ()
    assert run.failed
    assert all("newer than the" in reason for _, reason in run.failed)
    assert not (path / ".editorconfig").exists()


def test_flit_with_a_licence_classifier_does_not_build(tmp_path: Path):
    repo = _repo(tmp_path, "translations")
    text = (repo.text("pyproject.toml") or "").replace(
        'license = {file = "LICENSE"}',
        'license = "BSD-3-Clause"\n'
        'classifiers = ["License :: OSI Approved :: BSD License"]',
    )
    hatch = _lost(repo, {"pyproject.toml": text})
    assert "a project that builds" not in hatch
    flit = text.replace('requires = ["hatchling"]', 'requires = ["flit_core"]')
    flit = flit.replace("hatchling.build", "flit_core.buildapi")
    lost = _lost(repo, {"pyproject.toml": flit})
    assert "License :: OSI Approved :: BSD License" in lost["a project that builds"]


def test_docs_that_build(tmp_path: Path):
    """The docs of the pattern fixtures build with no warning, read
    without running conf.py; a change that would make Sphinx warn is a
    loss, and docs that never built have nothing to lose.
    """
    repo = _repo(tmp_path, "legacy")
    assert read_facts(repo).docs_errors == frozenset()
    assert read_facts(_repo(tmp_path, "translations")).docs_errors == frozenset()
    assert read_facts(_repo(tmp_path, "flit")).docs_errors == frozenset()
    assert read_facts(_repo(tmp_path, "vcs")).docs_errors is None
    index = repo.text("docs/index.rst") or ""
    broken = {
        # A page that includes a file that does not exist.
        "docs/license.rst": "License\n=======\n\n.. literalinclude:: ../LICENSE.txt\n",
        "docs/index.rst": index + "   license\n",
    }
    assert _lost(repo, broken) == {
        "docs that build": "docs/license.rst includes ../LICENSE.txt,"
        " which does not exist"
    }
    # A page in no toctree, an entry that is no page, MyST without myst_parser.
    assert _lost(repo, {"docs/api.rst": "API\n===\n"}) == {
        "docs that build": "docs/api.rst is in no toctree"
    }
    assert _lost(repo, {"docs/index.rst": index + "   api\n"}) == {
        "docs that build": "docs/index.rst lists api in a toctree, and it is no page"
    }
    markdown = {"docs/api.md": "# API\n", "docs/index.rst": index + "   api\n"}
    assert "docs that build" in _lost(repo, markdown)
    myst = 'project = "Flask-Legacy"\nextensions = ["myst_parser"]\n'
    assert _lost(repo, {**markdown, "docs/conf.py": myst}) == {}
    assert _lost(repo, {"docs/conf.py": None}) == {
        "docs that build": "docs/conf.py does not exist"
    }
    # Orphans, titled and globbed entries, and extensions conf.py computes.
    assert _lost(repo, {"docs/api.rst": ":orphan:\n\nAPI\n===\n"}) == {}
    titled = index.replace("   usage\n", "   How to <usage>\n")
    assert _lost(repo, {"docs/index.rst": titled}) == {}
    globbed = index.replace(".. toctree::\n", ".. toctree::\n   :glob:\n")
    extra = {"docs/index.rst": globbed.replace("   usage\n", "   *\n")}
    assert _lost(repo, {**extra, "docs/api.rst": "API\n===\n"}) == {}
    computed = 'extensions = []\nextensions.append("myst_parser")\n'
    assert _lost(repo, {**markdown, "docs/conf.py": computed}) == {}


def test_template_docs_build(render: t.Callable[[str], Path]):
    for name in ("flask-eco-mit", "click-plugin", "jinja-scripts"):
        assert read_facts(Repo(render(name))).docs_errors == frozenset(), name
