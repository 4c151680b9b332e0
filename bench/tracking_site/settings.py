"""Settings of the tracking benchmark: the local settings with DEBUG off.

The URLconf adds a bare primary-key view next to the product's URLs, so both are
served by the same gunicorn, middleware and database in one run. Never deployed.
"""

from config.settings.local import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.tracking_site.urls"
# The bench looks up existing codes only: a failed lookup is an error to count and
# print, not a reason to refuse every following lookup of the load generator.
MOTCUA_PUBLIC_LOOKUP_FAILURE_LIMIT = 10**9
