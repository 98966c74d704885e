"""Bulk seeding of many applications for the scale benchmarks (issue 8): see bench/seed.py.

The seeding itself is bench.seeding.bulk.seed (imported from there: this package also holds
the settings module, which loads before Django's apps).
"""
