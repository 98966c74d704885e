"""Local development: `make run`. Never for production."""

from .base import *

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"

# In development background jobs (mails) run right away, so `make run` needs no worker.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
