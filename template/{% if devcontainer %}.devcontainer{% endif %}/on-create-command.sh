#!/bin/bash
set -e
if ! command -v uv > /dev/null; then
  python3 -m pip install --user uv
fi
uv sync
uv run pre-commit install --install-hooks
