"""Tests of the DOC and REL rules, one module per rule."""
