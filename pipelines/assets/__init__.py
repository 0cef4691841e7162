"""Thin assets, one module per stage: sources → document → tables → warehouse → catalog."""
