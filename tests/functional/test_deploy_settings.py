"""The production settings pass Django's deployment checklist."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_under_production_settings():
    env = {
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": "test-" + "x9" * 30,
        "ALLOWED_HOSTS": "motcua.example.vn",
        "MOTCUA_DATA_DIR": str(ROOT / "var" / "deploy-check"),
    }
    result = subprocess.run(
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
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
