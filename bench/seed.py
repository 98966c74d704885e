"""Seed N applications for the scale benchmarks (issue 8).

    .venv/bin/python bench/seed.py --n 100000 [--database-url URL] [--keep]

Drops and creates the PostgreSQL database of the URL (default
postgres://postgres@127.0.0.1:5432/foerdertal_bench; its name must contain "bench"), migrates
it, loads the demo data through the real services and then N applications in bulk
(bench/seeding/bulk.py). With a sqlite:/// URL the file is deleted and created instead.
--keep seeds into the existing database without dropping it.
"""

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/foerdertal_bench"


def database_exists(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme.startswith("sqlite"):
        return Path(parsed.path).exists()
    import psycopg

    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        name = parsed.path.lstrip("/")
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return found.fetchone() is not None


def recreate_database(url: str) -> None:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"Refusing to drop {name!r}: the database name must contain 'bench'.")
    if parsed.scheme.startswith("sqlite"):
        Path(parsed.path).unlink(missing_ok=True)
        return
    import psycopg

    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def analyse() -> None:
    """Fresh statistics for the planner, as autovacuum would gather them on a live database
    (right after a bulk load PostgreSQL still believes the tables are empty)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="number of applications")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--keep", action="store_true", help="do not drop and create the database")
    parser.add_argument("--seed", type=int, default=8, help="random seed")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.seeding.settings")
    started = time.monotonic()
    if not args.keep:
        recreate_database(args.database_url)
    import django

    django.setup()
    from django.core.management import call_command

    from bench.seeding.bulk import seed

    call_command("migrate", verbosity=0)
    migrated = time.monotonic()
    print(f"database ready in {migrated - started:.1f} s", flush=True)
    result = seed(args.n, random_seed=args.seed, out=lambda m: print(f"  {m}", flush=True))
    analyse()
    total = time.monotonic() - started
    print(f"seeded {args.n:,} applications in {result.seconds:.1f} s (total {total:.1f} s)")
    for name, count in result.counts.items():
        print(f"  {name:<20} {count:>10,}")
    for status, count in sorted(result.status_counts.items()):
        print(f"  status {status:<22} {count:>8,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
