"""Shared text helpers, the bottom layer under documents, readers, data and rules (nothing here
imports the rest of tqkit): :mod:`~tqkit.text.escape` (terminal-safe text)."""
