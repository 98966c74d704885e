"""Open data: the published grants in the 360Giving Data Standard (JSON package and CSV)."""
