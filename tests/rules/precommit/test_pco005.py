from __future__ import annotations

from pathlib import Path

from ...mutate import append
from ...mutate import Case
from ...mutate import check_one
from ...mutate import delete
from ...mutate import write
from .helpers import apply_fix
from .helpers import CONFIG
from .helpers import SHA
from .helpers import sub

FAILING = {
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


def test_pco005_without_config_checks_flake8_files(make_repo):
    path: Path = make_repo()
    delete(path, CONFIG)
    assert check_one(path, "PCO005").status == "pass"
    write(path, "setup.cfg", "[flake8]\nmax-line-length = 80\n")
    assert check_one(path, "PCO005").status == "fail"


def test_pco005_fix_removes_only_the_flake8_section(make_repo):
    path: Path = make_repo()
    head = "# kept\n[metadata]\nname = x\n\n"
    tail = "[tool:pytest]\ntestpaths = tests\n"
    write(path, "setup.cfg", f"{head}[flake8]\nmax-line-length = 80\n\n{tail}")
    write(path, "tox.ini", "[tox]\nenv_list = py3\n\n[flake8] \nselect = E\n")
    applicability, changes = apply_fix(path, "PCO005")
    assert applicability == "unsafe"
    assert changes == {"setup.cfg": head + tail, "tox.ini": "[tox]\nenv_list = py3\n"}
