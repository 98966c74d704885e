"""Repeated timing with query counts: median and 95th percentile, actions taken in turn."""

import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection


class QueryCounter:
    """Counts the SQL statements the connection executes (cheaper than CaptureQueriesContext,
    which keeps every statement's text)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@contextmanager
def counting():
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        yield counter


@dataclass
class Timing:
    """Seconds of each repetition (after the warm-up) and the queries of one repetition."""

    seconds: list[float] = field(default_factory=list)
    queries: int = 0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000


def alternate(pairs: dict[str, Callable[[], object]], repeat: int, warmup: int = 1):
    """Time several actions in turn (a, b, a, b, …) so that both see the same machine state."""
    for action in pairs.values():
        for _ in range(warmup):
            action()
    timings = {name: Timing() for name in pairs}
    for _ in range(repeat):
        for name, action in pairs.items():
            with counting() as counter:
                started = time.perf_counter()
                action()
                timings[name].seconds.append(time.perf_counter() - started)
            timings[name].queries = counter.count
    return timings
