"""Tests of the publish rules (PUB), one module per rule."""
