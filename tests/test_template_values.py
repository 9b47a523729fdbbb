"""Values the template owns, spelled in the linter's Python.

The template is the standard: the rules should take an action's name, a
workflow's file name or a licence choice from the render, the pin table or
``copier.yml``, not spell it again. This ratchet counts how often a fixed
list of such values is spelled in the package's string literals, leaving out
docstrings (a rule's docs show the standard by example, and are generated
into docs/rules.md) and comments. It fails when the count rises; when a
change lowers it, lower :data:`CEILING` with it.
"""

from __future__ import annotations

import ast
import collections
from pathlib import Path

import yaml

import eco_lint
from eco_lint.template import ANSWERS_FILE
from eco_lint.template import template_root

PACKAGE = Path(eco_lint.__file__).parent

#: Template-owned values counted wherever a string literal contains them.
SPELLED_IN = (
    # Actions, as the pin table names them.
    "actions/cache",
    "actions/checkout",
    "actions/download-artifact",
    "actions/setup-python",
    "actions/upload-artifact",
    "astral-sh/setup-uv",
    "dessant/lock-threads",
    "pypa/gh-action-pypi-publish",
    "zizmorcore/zizmor-action",
    # What the publish workflow runs.
    "gh release create",
    # The template's workflow files.
    "lock.yaml",
    "pre-commit.yaml",
    "publish.yaml",
    "template-update.yaml",
    "tests.yaml",
    "zizmor.yaml",
    # The answers file, the build backend, tox environments and runner.
    ".copier-answers.yml",
    "flit_core",
    "pypy3.11",
    "tests-min",
    "uv-venv-lock-runner",
    # A licence choice.
    "BSD-3-Clause",
)

#: Short template-owned values, counted only where a literal is exactly
#: the value: a licence choice and tox environments of the template.
EXACTLY = ("MIT", "style", "typing")

#: Spellings that stay, by module and value, with how often and why no
#: render, pin table or ``copier.yml`` can give them. Each must be there
#: exactly so often, so the list cannot outlive its reasons.
KEPT: dict[tuple[str, str], tuple[int, str]] = {
    ("answers.py", "BSD-3-Clause"): (
        1,
        "names the licence a repository's own text is, recognised by its"
        " well-known words whoever wrote it; the result is one of copier.yml's"
        " choices",
    ),
    ("answers.py", "MIT"): (1, "as BSD-3-Clause above"),
    ("facts/ci.py", "pypa/gh-action-pypi-publish"): (
        1,
        "recognises a workflow that uploads to PyPI in any repository, beside"
        " twine, uv and flit publish; the template's own workflows are told"
        " apart with it, so the render cannot supply it",
    ),
    ("rules/_roles.py", "dessant/lock-threads"): (
        1,
        "recognises the lock role in any repository; the template's workflow"
        " for each role is found with this table",
    ),
    ("rules/_roles.py", "zizmorcore/zizmor-action"): (
        1,
        "recognises the zizmor role, beside the older woodruffw action",
    ),
    ("facts/metadata.py", "flit_core"): (
        1,
        "names the backends that reject licence classifiers beside an SPDX"
        " expression, flit_core and setuptools alike: a fact about those"
        " tools, not the template's choice",
    ),
    ("generation.py", "flit_core"): (
        2,
        "dates a repository by what an older generation wrote (G2 moved to"
        " flit_core); a render holds only the current generation",
    ),
    ("generation.py", "zizmor.yaml"): (
        2,
        "dates a repository by the workflow a generation added (G6)",
    ),
    ("template.py", ".copier-answers.yml"): (
        1,
        "the answers file's name, known before anything is rendered;"
        " test_answers_file_is_copier_s holds it to copier.yml's _answers_file",
    ),
}

#: The count of the other spellings; it may only go down, to 0.
CEILING = 0


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()

    for node in ast.walk(tree):
        if isinstance(
            node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
        ):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                found.add(id(body[0].value))

    return found


def spellings(source: str) -> collections.Counter[str]:
    """How often each value is spelled in a module's string literals
    outside docstrings, f-strings' literal parts included.
    """
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found: collections.Counter[str] = collections.Counter()

    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
        ):
            for value in SPELLED_IN:
                found[value] += node.value.count(value)

            if node.value in EXACTLY:
                found[node.value] += 1

    return +found


def _spelled() -> dict[tuple[str, str], int]:
    """How often each value is spelled, by module and value."""
    found: dict[tuple[str, str], int] = {}

    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()

        for value, count in spellings(path.read_text(encoding="utf-8")).items():
            found[module, value] = count

    return found


def test_template_values_spelled_in_python_do_not_grow() -> None:
    found = {k: v for k, v in _spelled().items() if k not in KEPT}
    count = sum(found.values())
    assert count <= CEILING, (
        f"{count} spellings of template-owned values, more than {CEILING}: "
        "take the value from the render, the pin table or copier.yml. "
        f"By module and value: {found}"
    )


def test_kept_spellings_are_there() -> None:
    """Each kept spelling is spelled as often as its entry says."""
    found = _spelled()
    assert {k: found.get(k, 0) for k in KEPT} == {k: n for k, (n, _) in KEPT.items()}


def test_spellings_are_counted() -> None:
    source = (
        '"""Uses actions/checkout."""\n'
        'STEP = "actions/checkout"\n'
        "def f(name):\n"
        '    """Not counted: actions/checkout, MIT."""\n'
        '    # Not counted: "actions/checkout"\n'
        '    return f"{name}/.github/workflows/tests.yaml or tests.yaml", "MIT"\n'
        'LICENCES = ("MIT License", "typing")\n'
    )
    assert spellings(source) == {
        "actions/checkout": 1,
        "tests.yaml": 2,
        "MIT": 1,
        "typing": 1,
    }


def test_answers_file_is_copier_s() -> None:
    """The one spelling of the answers file's name is the template's."""
    config = yaml.safe_load((template_root() / "copier.yml").read_text())
    assert config["_answers_file"] == ANSWERS_FILE
