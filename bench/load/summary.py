"""The summary of a load test run from locust's CSV files (bench/load/run.sh calls it).

Prints, and writes to --output, a Markdown report: date, machine, command, and per request
type the requests, failures, median and 95th percentile, slowest first; then the whole run.
Exits 1 when a request failed (or locust itself did not end well), else 0.
"""

import argparse
import csv
import os
import platform
import sys
from pathlib import Path


def machine() -> str:
    cores = os.cpu_count()
    memory = ""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} GiB memory"
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cores} cores ({model}){memory}, Python {platform.python_version()}"


def ms(value: str) -> str:
    try:
        return f"{float(value):,.0f}"
    except ValueError:
        return value or "–"


def cpu_line(args) -> str | None:
    """Where the CPU time of the run went: the test's processes, other processes, idle."""
    if not (args.cpu_before and args.cpu_after and args.locust_cpu):
        return None
    busy_before, total_before = (int(v) for v in args.cpu_before.split())
    busy_after, total_after = (int(v) for v in args.cpu_after.split())
    ticks = os.sysconf("SC_CLK_TCK")
    capacity = (total_after - total_before) / ticks  # CPU seconds of all cores
    busy = (busy_after - busy_before) / ticks
    locust = sum(float(v) for v in args.locust_cpu.split())
    parts = [
        ("gunicorn", args.server_cpu or 0.0),
        ("PostgreSQL (the load database)", args.database_cpu or 0.0),
        ("locust", locust),
    ]
    ours = sum(seconds for _name, seconds in parts)
    parts += [("other processes", max(busy - ours, 0.0)), ("idle", capacity - busy)]
    shares = ", ".join(
        f"{name} {seconds:,.0f} s ({seconds / capacity:.0%})" for name, seconds in parts
    )
    return (
        f"- CPU time of the run ({capacity:,.0f} CPU-seconds on {os.cpu_count()} cores): {shares}"
    )


def report(args) -> tuple[str, int]:
    with open(args.stats, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    total = next((r for r in rows if r["Name"] == "Aggregated"), None)
    requests = [r for r in rows if r["Name"] != "Aggregated"]
    requests.sort(key=lambda r: float(r["95%"] or 0), reverse=True)
    failures = int(total["Failure Count"]) if total else 0

    command = (
        f"make load LOAD_USERS={args.users} LOAD_SPAWN_RATE={args.spawn_rate} "
        f"LOAD_TIME={args.run_time} LOAD_WORKERS={args.workers}"
    )
    lines = [
        f"Load test of {args.started} (UTC)",
        "",
        f"- machine: {machine()}; load average before the run: {args.loadavg_before}",
        f"- command: `{command}`",
        f"- {args.users} users (7 applicants : 3 staff), {args.spawn_rate} started per second, "
        f"{args.run_time}; {args.think} s between two pages; gunicorn with {args.workers} sync "
        "workers and PostgreSQL on the same machine as locust",
        *filter(None, [cpu_line(args)]),
        "",
        "| request | requests | failures | median ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in [*requests, *([total] if total else [])]:
        name = "**all requests**" if row is total else f"{row['Type']} {row['Name']}"
        lines.append(
            f"| {name} | {int(row['Request Count']):,} | {int(row['Failure Count']):,} "
            f"| {ms(row['Median Response Time'])} | {ms(row['95%'])} "
            f"| {ms(row['Max Response Time'])} |"
        )
    if total:
        lines += [
            "",
            f"{int(total['Request Count']):,} requests, {failures:,} failures, "
            f"{float(total['Requests/s']):.1f} requests/s; median "
            f"{ms(total['Median Response Time'])} ms, p95 {ms(total['95%'])} ms "
            "(locust's percentiles are rounded to two significant digits).",
        ]
    if args.failures and Path(args.failures).exists():
        with open(args.failures, newline="", encoding="utf-8") as handle:
            errors = list(csv.DictReader(handle))
        if errors:
            lines += ["", "Failures:", ""]
            lines += [
                f"- {e['Method']} {e['Name']}: {e['Error']} ({e['Occurrences']}×)" for e in errors
            ]
            lines.append("- the first response bodies: bench/out/load-failures/")
    status = 1 if failures or args.locust_status != 0 else 0
    if args.locust_status != 0 and not failures:
        lines += ["", f"locust ended with exit code {args.locust_status}."]
    return "\n".join(lines) + "\n", status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("stats", help="locust's <prefix>_stats.csv")
    parser.add_argument("--failures", help="locust's <prefix>_failures.csv")
    parser.add_argument("--output", help="also write the report here")
    parser.add_argument("--started", default="")
    parser.add_argument("--loadavg-before", default="")
    parser.add_argument("--users", default="")
    parser.add_argument("--spawn-rate", default="")
    parser.add_argument("--run-time", default="")
    parser.add_argument("--workers", default="")
    parser.add_argument("--think", default="")
    parser.add_argument("--locust-status", type=int, default=0)
    parser.add_argument("--cpu-before", help='"busy total" jiffies of the machine (cpu.py)')
    parser.add_argument("--cpu-after")
    parser.add_argument("--server-cpu", type=float, help="CPU seconds of gunicorn")
    parser.add_argument("--database-cpu", type=float, help="CPU seconds of the backends")
    parser.add_argument("--locust-cpu", help='"user system" CPU seconds of locust')
    args = parser.parse_args()
    if not Path(args.stats).exists():
        print(f"{args.stats} is missing: locust did not run.", file=sys.stderr)
        return 1
    text, status = report(args)
    print(text, end="")
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
