"""Tests of the DEP rules: dependency groups, the uv lock and the files it
replaced.
"""
