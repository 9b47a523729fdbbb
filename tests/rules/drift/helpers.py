"""Shared helpers of the DRF rules' tests."""

from __future__ import annotations

import re
from pathlib import Path

from ...mutate import append
from ...mutate import edit
from ...mutate import write

ANSWERS = ".copier-answers.yml"


def own_content(path: Path) -> None:
    """What Flask and Click keep on purpose after adoption: a matrix row
    of their own, an ignored folder, a Read the Docs build made of
    ``build.jobs``, a pinned docs requirement, type-checked test folders,
    an env list written over more lines with envs of their own, and the
    last item of an array without its comma.
    """
    tests = ".github/workflows/tests.yaml"
    text = (path / tests).read_text()
    rows = re.findall(r"(?m)^          - \{.*\}\n", text)
    edit(
        path,
        tests,
        rows[-1],
        rows[-1]
        + "          - {name: Development Versions, python: '3.13', tox: tests-dev}\n",
    )
    append(path, ".gitignore", ".venv/\n")
    rtd = (path / ".readthedocs.yaml").read_text()
    head = rtd.index("  commands:")
    write(
        path,
        ".readthedocs.yaml",
        "# Do not specify sphinx key here to be in full control of build steps.\n"
        + rtd[:head]
        + "  jobs:\n    install:\n      - asdf plugin add uv\n"
        "      - asdf install uv latest\n      - asdf global uv latest\n"
        "    build:\n      html:\n"
        "        - uv run --group docs sphinx-build -W -b dirhtml docs"
        " $READTHEDOCS_OUTPUT/html\n",
    )
    py = "pyproject.toml"
    edit(path, py, '    "sphinx",\n', '    "sphinx<9",\n    "sphinx-tabs",\n')
    edit(path, py, 'files = ["src"]', 'files = ["src", "tests/typing"]')
    edit(path, py, 'include = ["src"]', 'include = ["src", "tests/typing"]')
    text = (path / py).read_text()
    text = re.sub(
        r'(?m)^(    "py.*), ("py3\.\d+t",)$', r'\1,\n    \2 "stress",', text, count=1
    )
    assert '    "stress",' not in text and ' "stress",' in text
    (path / py).write_text(text)
    edit(path, py, '    "uv.lock",\n]', '    "uv.lock"\n]')
    append(
        path,
        py,
        '\n[tool.tox.env.stress]\ndescription = "stress tests"\n'
        'commands = [["pytest", "-m", "stress"]]\n',
    )
