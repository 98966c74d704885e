from django.apps import AppConfig


class BenchHarnessConfig(AppConfig):
    """Installed only in the benchmark settings, so that viewflow finds the bare flow."""

    name = "bench.harness"
    label = "bench_harness"
