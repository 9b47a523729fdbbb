"""Tests of the LAY rules: the files and folders at the top of the repository."""
