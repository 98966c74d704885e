"""make bench: pages, exports and the case lifecycle on N seeded applications, against floors.

    .venv/bin/python bench/run.py [--n 100000] [--database-url URL] [--repeat 20]

Seeds the benchmark database once (bench/seed.py; an existing one with at least N seeded
applications is reused) and prints, per page, the median and 95th percentile of the server
time over --repeat in-process requests, the SQL queries of one request and the ratio to the
floor timed in turn with it (the same rows by one raw SQL query); per export the rows/s against
raw SQL + raw xlsxwriter, with the Python heap peak; and the case lifecycle through the
services against a bare viewflow Start → View → End flow. The table also goes to
bench/out/bench-<database>.md.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.seed import DEFAULT_URL, analyse, database_exists, recreate_database  # noqa: E402


def prepared(url: str, n: int, out, reseed: bool = False) -> int:
    """Set Django up on the benchmark database, seeding it unless it holds n applications."""
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.harness.settings"
    if not database_exists(url):
        recreate_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    from bench.seeding.bulk import BENCH_DOMAIN, seed
    from grants.models import Application

    call_command("migrate", verbosity=0)
    seeded = Application.objects.filter(organisation__contact_email__endswith=BENCH_DOMAIN).count()
    if seeded >= n and not reseed:
        out(f"reusing {seeded:,} seeded applications")
        analyse()
        return seeded
    if seeded:
        from django.db import connections

        connections.close_all()
        recreate_database(url)
        call_command("migrate", verbosity=0)
    out(f"seeding {n:,} applications (once; later runs reuse them) …")
    result = seed(n, out=lambda message: out(f"  {message}"))
    analyse()
    out(f"seeded in {result.seconds:.0f} s")
    return n


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--repeat", type=int, default=20, help="requests per page")
    parser.add_argument("--export-repeat", type=int, default=3)
    parser.add_argument("--cases", type=int, default=10, help="lifecycles through the services")
    parser.add_argument("--bare", type=int, default=200, help="bare viewflow processes")
    parser.add_argument("--reseed", action="store_true", help="seed anew even if seeded")
    parser.add_argument(
        "--parts", default="pages,exports,lifecycle", help="what to measure, comma-separated"
    )
    args = parser.parse_args(argv)

    def out(message):
        print(message, flush=True)

    seeded = prepared(args.database_url, args.n, out, args.reseed)
    from bench.harness.report import Report
    from bench.harness.suite import run_suite

    report = Report(seeded=seeded)
    run_suite(report, args, out)
    text = report.render()
    print(text)
    target = ROOT / "bench" / "out" / f"bench-{report.vendor}.md"
    target.parent.mkdir(exist_ok=True)
    target.write_text(text, encoding="utf-8")
    out(f"written to {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
