from __future__ import annotations

import click


class EcoLintError(click.ClickException):
    """An error that ends the command with a one-line message.

    :param message: What went wrong, in one sentence.
    """

    #: Unusable input: a path that is not a repository, a file that
    #: cannot be parsed, an unknown rule code.
    exit_code = 2


class TemplateNotFound(EcoLintError):
    """Neither the installed package nor a checkout holds the template."""
