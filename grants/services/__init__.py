"""Writes of the grants app: one module per entity."""
