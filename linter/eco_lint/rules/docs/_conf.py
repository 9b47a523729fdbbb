"""What ``docs/conf.py`` imports and assigns, read with :mod:`ast`, never
run.
"""

from __future__ import annotations

import ast
import typing as t


class Conf:
    """The top-level imports and assignments of a ``conf.py``.

    :raises SyntaxError: The text is not Python.
    """

    def __init__(self, text: str) -> None:
        tree = ast.parse(text)
        self.imports: set[str] = set()
        self.values: dict[str, ast.expr] = {}

        for node in tree.body:
            if isinstance(node, ast.Import):
                self.imports.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                self.imports.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    names = target.elts if isinstance(target, ast.Tuple) else [target]

                    for item in names:
                        if isinstance(item, ast.Name):
                            self.values[item.id] = node.value

    def literal(self, name: str) -> t.Any:
        """The literal value assigned to ``name``, or ``None``."""
        try:
            return ast.literal_eval(self.values[name])
        except (KeyError, ValueError, TypeError, SyntaxError):
            return None

    def extensions(self) -> list[str]:
        """The extensions listed as literal strings."""
        value = self.values.get("extensions")

        if not isinstance(value, ast.List):
            return []

        return [
            e.value
            for e in value.elts
            if isinstance(e, ast.Constant) and isinstance(e.value, str)
        ]

    def keys(self, name: str) -> list[str]:
        """The literal string keys of the dict assigned to ``name``."""
        value = self.values.get(name)

        if not isinstance(value, ast.Dict):
            return []

        return [
            k.value
            for k in value.keys
            if isinstance(k, ast.Constant) and isinstance(k.value, str)
        ]
