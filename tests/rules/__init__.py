"""Tests of the rules, one folder per family and one module per rule."""
