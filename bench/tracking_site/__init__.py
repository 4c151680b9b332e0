"""A bench-only Django site: the product plus a bare primary-key view."""
