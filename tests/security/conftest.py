"""The staff and budget fixtures of the workflow tests, for the staff pages checked here."""

from tests.workflow.conftest import budget_line, criteria, staff  # noqa: F401
