"""Test settings: fast password hashing, in-process jobs, no lockouts between tests."""

from config.settings.base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
# Tests never need Redis: the caches of a machine without it (see base.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "limits": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "motcua_cache",
        "KEY_PREFIX": "limits",
    },
}
AXES_FAILURE_LIMIT = 5
# No second factor by default: its own tests switch MOTCUA_SECOND_FACTOR_ROLES on
# (motcua/backoffice/tests/test_second_factor.py and the browser test).
MOTCUA_SECOND_FACTOR_ROLES = ()
