"""The staff's workbench outside the task pages: case, lists, deadlines, finance, exports,
refunds and revocation."""
