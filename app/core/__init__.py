"""Everything that is not UI. Must never import Qt (enforced by import-linter).

Domain packages, top down: answers/ ▸ library.py (the one entry point) ▸ importing/, recordings/,
search/ ▸ store/ ▸ ingest/ ▸ models/ ▸ paths.py, security/ ▸ the shared basics (progress, messages,
text, display, settings). Each package imports only those below it: see ARCHITECTURE.md.
"""
