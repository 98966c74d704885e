"""Local development: `make run`. Never for production."""

from .base import *

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
