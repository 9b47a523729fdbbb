"""Values the template owns, spelled in the linter's Python.

The template is the standard: the rules should take an action's name, a
workflow's file name or a licence choice from the render, the pin table or
``copier.yml``, not spell it again. This ratchet counts how often the
values the template holds are spelled in the package's string literals, leaving out
docstrings (a rule's docs show the standard by example, and are generated
into docs/rules.md) and comments. It fails when the count rises; when a
change lowers it, lower :data:`CEILING` with it.
"""

from __future__ import annotations

import ast
import collections
import re
from pathlib import Path

import yaml

import eco_lint
from eco_lint.standard import Standard
from eco_lint.template import ANSWERS_FILE
from eco_lint.template import template_root

PACKAGE = Path(eco_lint.__file__).parent

#: Phrases of the template's files that no table names, such as the command
#: the publish workflow runs; each must stand in the render.
PHRASES = ("gh release create",)


def _template_values() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The values the template owns, read from it: the pinned actions and
    hook repositories, the workflow files, the answers file, the build
    backend, the tox envs and runner, and the licence choices. Values that
    contain no digit, dash, dot or slash (``MIT``, ``style``) count only
    where a literal is exactly the value; the others wherever a literal
    contains them.
    """
    root = template_root()
    copier = yaml.safe_load((root / "copier.yml").read_text(encoding="utf-8"))
    pins = yaml.safe_load((root / "includes" / "pins.yaml").read_text("utf-8"))
    std = Standard({"template_updates": True})
    pyproject = std.toml("pyproject.toml")
    tox = pyproject["tool"]["tox"]
    values = {
        *pins["actions"],
        *(url.removeprefix("https://github.com/") for url in pins["pre-commit"]),
        *(name.rpartition("/")[2] for name in std.files() if "/workflows/" in name),
        copier["_answers_file"],
        pyproject["build-system"]["build-backend"].partition(".")[0],
        *tox["env_list"],
        *tox["env"],
        tox["env_run_base"]["runner"],
        *copier["license"]["choices"],
    }
    rendered = "".join(std.text(name) or "" for name in std.files())
    assert all(phrase in rendered for phrase in PHRASES)
    values.update(PHRASES)
    # The docs env shares its name with the render's docs folder, which
    # code names as a path, not as the template's choice.
    values -= {name.partition("/")[0] for name in std.files() if "/" in name}
    exactly = {v for v in values if re.fullmatch(r"[A-Za-z]+", v)}
    return tuple(sorted(values - exactly)), tuple(sorted(exactly))


#: Template-owned values counted wherever a string literal contains them,
#: and short ones counted only where a literal is exactly the value.
SPELLED_IN, EXACTLY = _template_values()

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
