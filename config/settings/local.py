"""Developer and demo settings: debug on, SQLite unless DATABASE_URL says otherwise."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env_bool

DEBUG = env_bool("DEBUG", True)
