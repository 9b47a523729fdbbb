"""The ``eco-lint`` command line."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eco-lint")
def main() -> None:
    """Check a repository against the Pallets project standard."""
