"""Mødemappe: offline meeting-pack assistant for Danish municipal politicians."""

__version__ = "0.1.0"
