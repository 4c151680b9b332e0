#!/usr/bin/env python3
"""The two commands a newcomer needs, with nothing but Python installed.

    python3 dev.py demo   # set up, seed the demo (SQLite) and start it on http://127.0.0.1:8000
    python3 dev.py test   # set up and run the whole test suite

Both create ``.venv`` and install the pinned dependencies on first use (again only
when ``pyproject.toml`` changes).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".motcua-installed"


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    code = subprocess.run([str(a) for a in args], cwd=ROOT, check=False, env=env)
    if code.returncode:
        sys.exit(code.returncode)


def setup(extras: str = "dev") -> None:
    """Create the virtualenv and install the project with its pinned dependencies."""
    if sys.version_info < (3, 11):  # noqa: UP036 - run by any python3 on the PATH
        sys.exit("motcua needs Python 3.11 or newer / motcua cần Python 3.11 trở lên")
    if not PYTHON.exists():
        print(f"Creating {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    wanted = f"{digest}:{extras}"
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", f".[{extras}]")
    STAMP.write_text(wanted)


def manage(*args: str, env: dict[str, str] | None = None) -> None:
    run(PYTHON, "manage.py", *args, env=env)


def demo(argv: list[str]) -> None:
    setup()
    manage("migrate", "--noinput")
    manage("seed_demo")
    address = argv[0] if argv else "127.0.0.1:8000"
    print(
        f"\nmotcua demo: http://{address}/  (back office)  "
        f"http://{address}/admin/  http://{address}/api/v1/docs\n"
        "Demo logins are listed in README.md (password: demo12345).\n",
        flush=True,
    )
    manage("runserver", address)


def browser_available() -> bool:
    return bool(os.environ.get("MOTCUA_CHROMIUM") or shutil.which("chromium"))


def test(argv: list[str]) -> None:
    setup()
    env = dict(os.environ)
    args = ["-m", "pytest", "-p", "xdist", "-n", env.get("PYTEST_WORKERS", "2")]
    if not browser_available() and not env.get("MOTCUA_REQUIRE_SYSTEM_PACKAGES"):
        print(
            "Chromium not found: browser tests will be skipped "
            "(apt-get install chromium to run them).",
            flush=True,
        )
    run(PYTHON, *args, *argv, env=env)


def main() -> None:
    commands: dict[str, Callable[[list[str]], None]] = {
        "demo": demo,
        "test": test,
        "setup": lambda argv: setup(),
    }
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
