"""Tests of the META rules, one module per rule."""
