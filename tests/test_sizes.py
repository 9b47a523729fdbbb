"""Modules and functions small enough to read in one sitting: no module of
the package over 500 lines, no function over 50 lines (its docstring not
counted) unless a comment in it starting ``# Long:`` says why.
"""

from __future__ import annotations

import ast
from pathlib import Path
from textwrap import indent

import eco_lint

PACKAGE = Path(eco_lint.__file__).parent
MODULE_LINES = 500
FUNCTION_LINES = 50


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


def long_modules() -> set[str]:
    """The package's modules over :data:`MODULE_LINES` lines."""
    return {
        _name(path)
        for path in PACKAGE.rglob("*.py")
        if len(path.read_text(encoding="utf-8").splitlines()) > MODULE_LINES
    }


def function_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """A function's lines from ``def`` to its end, less its docstring."""
    lines = node.end_lineno - node.lineno + 1  # type: ignore[operator]
    first = node.body[0]

    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        lines -= first.end_lineno - first.lineno + 1  # type: ignore[operator]

    return lines


def long_functions(name: str, source: str) -> set[str]:
    """``name:qualified.name`` of each function of a module's source over
    :data:`FUNCTION_LINES` lines whose lines hold no ``# Long:`` reason.
    """
    lines = source.splitlines()
    found: set[str] = set()

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                qualified = f"{prefix}{child.name}"
                body = lines[child.lineno - 1 : child.end_lineno]

                if function_lines(child) > FUNCTION_LINES and not any(
                    line.strip().startswith("# Long:") for line in body
                ):
                    found.add(f"{name}:{qualified}")

                visit(child, f"{qualified}.")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return found


def test_modules_are_short() -> None:
    assert sorted(long_modules()) == []


def test_functions_are_short() -> None:
    found = set()

    for path in PACKAGE.rglob("*.py"):
        found |= long_functions(_name(path), path.read_text(encoding="utf-8"))

    assert sorted(found) == []


def test_long_functions_are_found() -> None:
    """A docstring does not count; a stated reason lets a function be long."""
    body = "".join(f"    x = {n}\n" for n in range(FUNCTION_LINES))
    doc = '    """Say.\n\n    More.\n    """\n'
    source = (
        f"def short():\n{doc}{body.split(chr(10), 1)[1]}"
        f"def long():\n{body}"
        f"class C:\n    def method(self):\n{indent(doc + body, '    ')}"
        f"def reasoned():\n    # Long: one table, read top to bottom.\n{body}"
    )
    assert long_functions("m.py", source) == {"m.py:long", "m.py:C.method"}
