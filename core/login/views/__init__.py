"""The pages of the login (core.login.urls)."""
