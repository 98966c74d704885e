"""The table `make bench` prints: one row per measurement, with its target and whether it holds."""

import os
import platform
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection


def database_version() -> str:
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


VERDICTS = {True: "ok", False: "MISSED", None: ""}


@dataclass
class Row:
    name: str
    median: str
    p95: str
    queries: str
    floor: str
    ratio: str
    target: str
    ok: bool | None  # None: no target


@dataclass
class Report:
    seeded: int
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def vendor(self) -> str:
        return connection.vendor

    def add(self, row: Row) -> None:
        self.rows.append(row)
        verdict = VERDICTS[row.ok]
        print(
            f"  {row.name:<34} {row.median:>10} {row.p95:>10} {row.queries:>4} "
            f"{row.floor:>10} {row.ratio:>7}  {row.target} {verdict}",
            flush=True,
        )

    def render(self) -> str:
        header = (
            "| measurement | median | p95 | queries | floor | ratio | target | |\n"
            "|---|---:|---:|---:|---:|---:|---|---|\n"
        )
        lines = [
            f"| {r.name} | {r.median} | {r.p95} | {r.queries} | {r.floor} | {r.ratio} "
            f"| {r.target} | {VERDICTS[r.ok]} |"
            for r in self.rows
        ]
        machine = (
            f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"{database_version()}"
        )
        return "\n".join(
            [
                f"## make bench on {connection.vendor}, {self.seeded:,} applications",
                "",
                f"{datetime.now():%Y-%m-%d %H:%M}, {machine}",
                "",
                header + "\n".join(lines),
                "",
                *self.notes,
            ]
        )
