"""Tests of the BLD rules: how the package is built."""
