"""Everything that is not UI. Must never import Qt (enforced by import-linter)."""
