from __future__ import annotations

from pathlib import Path

from ...mutate import append
from ...mutate import Case
from ...mutate import check_one
from ...mutate import edit
from ...mutate import write
from .helpers import apply_fix
from .helpers import CONFIG
from .helpers import sub

FAILING = {
    "PCO003": [
        Case(lambda r: edit(r, CONFIG, "        args: ['--write-changes']\n", "")),
        Case(lambda r: edit(r, CONFIG, "      - id: debug-statements\n", "")),
        Case(
            lambda r: sub(r, CONFIG, r"^  - repo: \S+/uv-pre-commit\n(    .*\n)+", "")
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
    applicability, changes = apply_fix(path, "PCO003")
    assert applicability == "safe"
    text = changes[CONFIG] or ""
    assert "args: ['--ignore-words-list=te', --write-changes]" in text
    assert "      - id: check-merge-conflict\n      - id: debug-statements\n" in text
    assert "  - repo: local\n    hooks:\n      - id: check-docs  # ours\n" in text
    write(path, CONFIG, text)
    assert check_one(path, "PCO003").status == "pass"
