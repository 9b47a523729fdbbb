"""The errors the core raises. They carry a one-line message and know
nothing of the command line: :mod:`eco_lint.cli` alone turns them into
an exit code.
"""

from __future__ import annotations


class EcoLintError(Exception):
    """Unusable input: a path that is not a repository, a file that cannot
    be parsed, an unknown rule code.

    :param message: What went wrong, in one sentence.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        #: What went wrong, in one sentence.
        self.message = message


class TemplateNotFound(EcoLintError):
    """Neither the installed package nor a checkout holds the template."""
