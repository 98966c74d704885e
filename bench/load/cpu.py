"""CPU time during the load test, from /proc (Linux), so that the summary can tell how much of
the machine the test had: other processes on the same two cores slow every page down.

    cpu.py machine            busy and total jiffies of all cores since boot ("busy total")
    cpu.py tree PID           CPU seconds of PID and its (living) children: gunicorn's workers
    cpu.py postgres FILE      every 2 seconds until stopped: the CPU seconds of the PostgreSQL
                              backends of DATABASE_URL's database into FILE (backends come and
                              go with CONN_MAX_AGE, so each one is counted as last seen)
"""

import os
import sys
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def machine() -> tuple[int, int]:
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    total = sum(fields[:8])  # user nice system idle iowait irq softirq steal
    return total - idle, total


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # the fields after "(comm)"


def seconds(pids) -> float:
    """utime + stime of the processes, in seconds."""
    total = 0
    for pid in pids:
        fields = _stat(pid)
        if fields:
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / TICKS


def tree(pid: int) -> float:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields and int(fields[1]) == pid:  # ppid (field 4)
                children.append(int(entry.name))
    return seconds([pid, *children])


def postgres(target: str) -> None:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    server = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    seen: dict[int, float] = {}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
        while True:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", [config["NAME"]]
            ).fetchall()
            for (pid,) in rows:
                seen[pid] = max(seen.get(pid, 0.0), seconds([pid]))
            Path(target).write_text(f"{sum(seen.values()):.1f}\n")
            time.sleep(2)


if __name__ == "__main__":
    command, *args = sys.argv[1:] or ["help"]
    if command == "machine":
        print(*machine())
    elif command == "tree" and args:
        print(f"{tree(int(args[0])):.1f}")
    elif command == "postgres" and args:
        postgres(args[0])
    else:
        sys.exit(__doc__)
