"""The public transparency page: published grants, their filters and the open-data files."""
