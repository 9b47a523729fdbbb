"""Tests of the TOX rules, one module per rule."""
