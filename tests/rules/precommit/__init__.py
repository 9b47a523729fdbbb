"""Tests of the PCO rules: the pre-commit hooks."""
