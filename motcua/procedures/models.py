"""The procedure catalogue (filled in by the catalogue work)."""
