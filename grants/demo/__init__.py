"""Demo data for `make run`: `manage.py seed_demo` and `manage.py demo_logins`."""

from grants.demo.people import DEMO_PASSWORD, DEMO_USERS
from grants.demo.seed import DemoSummary, demo_data_exists, demo_seed

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "DemoSummary", "demo_data_exists", "demo_seed"]
