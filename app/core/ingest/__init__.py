"""Turning files into pages of text with provenance."""
