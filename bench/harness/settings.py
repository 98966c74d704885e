"""Settings of `make bench`: the seeding's settings, the bare flow's app, the test client's host."""

from bench.seeding.settings import *  # noqa: F403
from bench.seeding.settings import ALLOWED_HOSTS, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.harness"]
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
