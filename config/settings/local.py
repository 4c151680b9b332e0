"""Developer and demo settings: debug on, SQLite unless DATABASE_URL says otherwise."""

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import env_bool

DEBUG = env_bool("DEBUG", True)
# The demo holds only demo data: no second factor unless asked for
# (MOTCUA_SECOND_FACTOR_ROLES="reception_officer specialist ..." turns it on).
MOTCUA_SECOND_FACTOR_ROLES = tuple(
    os.environ.get("MOTCUA_SECOND_FACTOR_ROLES", "").split()
)
