"""The ``eco-lint`` command (and ``python -m eco_lint``): a plain check whose
result is kept is replayed without loading the command line; anything else
runs it.
"""

from __future__ import annotations


def main() -> None:
    import sys

    from .results import main as replay

    code = replay()

    if code is not None:
        sys.exit(code)

    from .cli import main as cli

    cli()


if __name__ == "__main__":
    main()
