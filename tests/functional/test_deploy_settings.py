"""The production settings pass Django's deployment checklist."""

import subprocess
import sys
from pathlib import Path

from motcua.printed_forms.fonts import form_font_installed

ROOT = Path(__file__).resolve().parents[2]


def check_deploy(**extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": "test-" + "x9" * 30,
        "ALLOWED_HOSTS": "motcua.example.vn",
        "MOTCUA_DATA_DIR": str(ROOT / "var" / "deploy-check"),
        **extra,
    }
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings=config.settings.production",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_under_production_settings():
    # No contracted payment gateway exists in the repository: a training site's
    # explicit acknowledgement of the demo gateway stands in for it here.
    result = check_deploy(MOTCUA_DEMO_PAYMENTS_ALLOWED="1")
    if not form_font_installed():
        # A machine without the forms' font (only Python installed): that warning
        # is right, and must be the only one.
        output = result.stdout + result.stderr
        assert "printed_forms.W001" in output
        assert "identified 1 issue" in output, output
        return
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_while_fees_go_through_the_demo_gateway():
    result = check_deploy()
    assert result.returncode != 0
    assert "motcua.payments.W001" in result.stdout + result.stderr


def test_check_deploy_fails_when_the_payment_gateway_cannot_be_loaded():
    result = check_deploy(
        MOTCUA_DEMO_PAYMENTS_ALLOWED="1",
        MOTCUA_PAYMENT_GATEWAY="motcua.payments.no_such_module.Gateway",
    )
    assert result.returncode != 0
    assert "motcua.payments.E001" in result.stdout + result.stderr


def test_rate_limits_kept_per_process_are_warned_about(settings):
    from motcua.core.checks import limits_cache_check

    settings.CACHES = {
        **settings.CACHES,
        "limits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    assert [m.id for m in limits_cache_check()] == ["motcua.core.W001"]
    settings.CACHES = {
        **settings.CACHES,
        "limits": {
            "BACKEND": "motcua.core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "OPTIONS": {"FALLBACK": "limits_database"},
        },
        "limits_database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "motcua_cache",
        },
    }
    assert limits_cache_check() == []
