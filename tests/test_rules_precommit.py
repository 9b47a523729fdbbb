from __future__ import annotations

import re
from pathlib import Path

from eco_lint.fix import plan
from eco_lint.repo import Repo

from .mutate import append
from .mutate import Case
from .mutate import check_one
from .mutate import delete
from .mutate import edit
from .mutate import fix_of
from .mutate import move
from .mutate import write

CONFIG = ".pre-commit-config.yaml"
SHA = "0123456789abcdef0123456789abcdef01234567"


def sub(repo: Path, name: str, pattern: str, repl: str) -> None:
    """Replace the first match of a regular expression; it must match."""
    path = repo / name
    text, count = re.subn(pattern, repl, path.read_text(), count=1, flags=re.M)
    assert count, f"{pattern!r} not in {name}"
    path.write_text(text)


FAILING = {
    "PCO001": [
        Case(lambda r: delete(r, CONFIG)),
        Case(lambda r: move(r, CONFIG, ".pre-commit-config.yml")),
        Case(lambda r: append(r, CONFIG, "ci:\n  autoupdate_schedule: monthly\n")),
        Case(lambda r: write(r, CONFIG, "repos: []\n")),
    ],
    "PCO002": [
        Case(lambda r: edit(r, CONFIG, "- id: ruff-check", "- id: ruff")),
        Case(lambda r: edit(r, CONFIG, "      - id: ruff-format\n", "")),
        Case(
            lambda r: sub(r, CONFIG, r"^  - repo: \S+/ruff-pre-commit\n(    .*\n)+", "")
        ),
    ],
    "PCO003": [
        Case(lambda r: edit(r, CONFIG, "        args: ['--write-changes']\n", "")),
        Case(lambda r: edit(r, CONFIG, "      - id: debug-statements\n", "")),
        Case(
            lambda r: sub(r, CONFIG, r"^  - repo: \S+/uv-pre-commit\n(    .*\n)+", "")
        ),
    ],
    "PCO004": [
        Case(
            lambda r: sub(r, CONFIG, r"rev: [0-9a-f]{40}  # frozen: (\S+)", r"rev: \1")
        ),
        Case(lambda r: sub(r, CONFIG, r"(rev: [0-9a-f]{40})  # frozen: \S+", r"\1")),
        Case(lambda r: sub(r, CONFIG, r"(rev: [0-9a-f]{40})  #", r"\1 #")),
    ],
    "PCO005": [
        Case(
            lambda r: append(
                r,
                CONFIG,
                "  - repo: https://github.com/psf/black-pre-commit-mirror\n"
                f"    rev: {SHA}  # frozen: 24.1.0\n"
                "    hooks:\n"
                "      - id: black\n",
            )
        ),
        Case(lambda r: write(r, ".flake8", "[flake8]\nmax-line-length = 80\n")),
        Case(lambda r: write(r, "tox.ini", "[flake8]\nextend-ignore = E203\n")),
        Case(
            lambda r: sub(
                r,
                CONFIG,
                r"^  - repo: \S+/ruff-pre-commit\n(    .*\n)+",
                "  - repo: https://github.com/PyCQA/isort\n"
                "    rev: 5.12.0\n"
                "    hooks:\n"
                "      - id: isort\n",
            )
        ),
    ],
}


def test_pco003_project_arguments_pass(make_repo):
    """Flask and click add their own codespell words and hook excludes."""
    path: Path = make_repo()
    edit(
        path,
        CONFIG,
        "args: ['--write-changes']",
        "args: ['--write-changes', '--ignore-words-list=inout,te']",
    )
    edit(
        path,
        CONFIG,
        "      - id: debug-statements\n",
        "      - id: debug-statements\n        exclude: ^tests/test_debug\\.py$\n",
    )
    assert check_one(path, "PCO003").status == "pass"


def test_pco003_hook_order_and_extra_hooks_pass(make_repo):
    """werkzeug puts codespell first; a project may add hooks of its own."""
    path: Path = make_repo()
    text = (path / CONFIG).read_text()
    blocks = re.split(r"(?m)^(?=  - repo:)", text.removeprefix("repos:\n"))
    write(path, CONFIG, "repos:\n" + "".join(reversed(blocks)))
    append(
        path,
        CONFIG,
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: check-docs\n"
        "        name: check docs\n"
        "        entry: python scripts/check_docs.py\n"
        "        language: python\n",
    )
    assert check_one(path, "PCO003").status == "pass"
    assert check_one(path, "PCO004").status == "pass"


def test_pco005_without_config_checks_flake8_files(make_repo):
    path: Path = make_repo()
    delete(path, CONFIG)
    assert check_one(path, "PCO005").status == "pass"
    write(path, "setup.cfg", "[flake8]\nmax-line-length = 80\n")
    assert check_one(path, "PCO005").status == "fail"


def test_pco002_checked_despite_ci_block(make_repo):
    """A leftover ``ci:`` block fails PCO001 only; the hooks are still read."""
    path: Path = make_repo()
    append(path, CONFIG, "ci:\n  autoupdate_schedule: monthly\n")
    assert check_one(path, "PCO001").status == "fail"
    assert check_one(path, "PCO002").status == "pass"
    edit(path, CONFIG, "- id: ruff-check", "- id: ruff")
    assert check_one(path, "PCO002").status == "fail"


def test_pco004_skipped_without_config(make_repo):
    path: Path = make_repo()
    delete(path, CONFIG)
    assert check_one(path, "PCO004").status == "skip"


def _apply_fix(path: Path, code: str) -> tuple[str, dict[str, str | None]]:
    """The applicability of a rule's fix and the files it changes."""
    repo = Repo(path)
    fix = fix_of(repo, code)
    assert fix is not None
    changes, failed = plan(repo, [fix])
    assert failed == []
    return fix.applicability, {c.path: c.new for c in changes}


def test_pco002_fix_moves_an_old_ruff_repository(make_repo):
    """``ruff-check`` only exists in recent ruff-pre-commit releases."""
    path: Path = make_repo()
    frozen = re.search(r"rev: [0-9a-f]{40}  # frozen: \S+", (path / CONFIG).read_text())
    assert frozen is not None
    sub(path, CONFIG, r"rev: [0-9a-f]{40}  # frozen: \S+", "rev: v0.1.5")
    edit(path, CONFIG, "- id: ruff-check", "- id: ruff")
    applicability, changes = _apply_fix(path, "PCO002")
    assert applicability == "unsafe"
    text = changes[CONFIG] or ""
    assert frozen.group(0) in text
    assert "- id: ruff-check\n" in text
    write(path, CONFIG, text)
    assert check_one(path, "PCO002").status == "pass"


def test_pco003_fix_keeps_project_hooks_and_arguments(make_repo):
    path: Path = make_repo()
    edit(path, CONFIG, "args: ['--write-changes']", "args: ['--ignore-words-list=te']")
    edit(path, CONFIG, "      - id: debug-statements\n", "")
    append(
        path,
        CONFIG,
        "  - repo: local\n    hooks:\n      - id: check-docs  # ours\n"
        "        name: check docs\n        entry: true\n        language: system\n",
    )
    applicability, changes = _apply_fix(path, "PCO003")
    assert applicability == "safe"
    text = changes[CONFIG] or ""
    assert "args: ['--ignore-words-list=te', --write-changes]" in text
    assert "      - id: check-merge-conflict\n      - id: debug-statements\n" in text
    assert "  - repo: local\n    hooks:\n      - id: check-docs  # ours\n" in text
    write(path, CONFIG, text)
    assert check_one(path, "PCO003").status == "pass"


def test_pco005_fix_removes_only_the_flake8_section(make_repo):
    path: Path = make_repo()
    head = "# kept\n[metadata]\nname = x\n\n"
    tail = "[tool:pytest]\ntestpaths = tests\n"
    write(path, "setup.cfg", f"{head}[flake8]\nmax-line-length = 80\n\n{tail}")
    write(path, "tox.ini", "[tox]\nenv_list = py3\n\n[flake8] \nselect = E\n")
    applicability, changes = _apply_fix(path, "PCO005")
    assert applicability == "unsafe"
    assert changes == {"setup.cfg": head + tail, "tox.ini": "[tox]\nenv_list = py3\n"}
