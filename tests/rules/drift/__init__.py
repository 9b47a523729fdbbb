"""Tests of the DRF rules: drift from the template's render."""
