"""make bench: timings of the pages, exports and the case lifecycle against floors (issue 8)."""
