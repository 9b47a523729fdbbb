"""Tests of the CFG rules, one module per rule."""
