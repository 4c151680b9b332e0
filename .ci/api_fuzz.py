"""Bounded API fuzzing: schemathesis over the whole OpenAPI, anonymous and staff.

Usage: ``.venv/bin/python .ci/api_fuzz.py POSTGRES_URL [--seconds N]``

Makes a fresh database next to ``POSTGRES_URL`` (``<name>_fuzz``), migrates it,
loads the demo seed, serves the site with gunicorn (local settings, DEBUG off, the
public lookup limit raised so that the fuzzer reaches the lookups), logs a staff
account in, then runs schemathesis twice with a fixed seed and a time budget:
once anonymously and once with the staff token. Fails (exit 1) on any answer of
500 or more, any answer whose status code, content type or body the OpenAPI does
not describe, and on any server error in the server's log. Reports go to
``var/fuzz/``.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
PYTHON = VENV / "python"
CHECKS = ",".join(
    (
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
    )
)
SEED = "1"
STAFF = ("reception", "demo12345")  # a demo account, demo data only


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fresh_database(url: str) -> str:
    import psycopg

    base, name = url.rsplit("/", 1)
    fuzz = f"{name}_fuzz"
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        try:
            conn.execute(f'DROP DATABASE IF EXISTS "{fuzz}"')
        except psycopg.errors.InsufficientPrivilege:
            raise SystemExit(
                f"database {fuzz} belongs to another role: drop it as its owner "
                f"(dropdb {fuzz}) and run again"
            ) from None
        conn.execute(f'CREATE DATABASE "{fuzz}"')
    return f"{base}/{fuzz}"


def wait_until_up(server: subprocess.Popen[bytes], url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before answering")
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer within 60 s")


def staff_token(base: str) -> str:
    body = json.dumps({"username": STAFF[0], "password": STAFF[1]}).encode()
    request = urllib.request.Request(  # noqa: S310 - our own local server
        f"{base}/api/v1/auth/token",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
        return str(json.load(answer)["token"])


def fuzz(schema: str, seconds: int, report: Path, *extra: str) -> int:
    command = [
        str(VENV / "st"),
        "run",
        schema,
        "--checks",
        CHECKS,
        "--seed",
        SEED,
        "--max-time",
        str(seconds),
        # One worker: Python 3.11's parser is not thread-safe under the
        # fuzzer's introspection ("AST constructor recursion depth mismatch").
        "--workers",
        "1",
        "--phases",
        "examples,coverage,fuzzing",
        "--no-color",
        *extra,
    ]
    with report.open("w") as out:
        status = subprocess.run(  # noqa: S603
            command, stdout=out, stderr=subprocess.STDOUT, check=False
        ).returncode
    summary = [
        line
        for line in report.read_text().splitlines()
        if "generated" in line or line.startswith("=") or "❌" in line
    ]
    print("\n".join(summary[-6:]))
    return status


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("database_url")
    parser.add_argument("--seconds", type=int, default=90)
    args = parser.parse_args()

    out = ROOT / "var" / "fuzz"
    out.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": fresh_database(args.database_url),
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MOTCUA_PUBLIC_LOOKUP_LIMIT": "1000000000",
        "MOTCUA_DATA_DIR": str(out / "data"),
    }
    env.pop("REDIS_URL", None)
    for step in (("migrate", "--noinput", "-v0"), ("seed_demo",)):
        subprocess.run(  # noqa: S603
            [str(PYTHON), "manage.py", *step], cwd=ROOT, env=env, check=True
        )

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    schema = f"{base}/api/v1/openapi.json"
    log_path = out / "gunicorn.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(  # noqa: S603
            [
                str(VENV / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(server, schema)
        token = staff_token(base)
        print(f"== anonymous, {args.seconds} s, seed {SEED}")
        anonymous = fuzz(schema, args.seconds, out / "anonymous.txt")
        print(f"== staff token, {args.seconds} s, seed {SEED}")
        staff = fuzz(
            schema,
            args.seconds,
            out / "staff.txt",
            "--header",
            f"Authorization: Bearer {token}",
            # Logging in again would only lock the demo account out.
            "--exclude-path",
            "/api/v1/auth/token",
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    errors = log_path.read_text().count("Internal Server Error")
    print(f"server errors logged: {errors}")
    if anonymous or staff or errors:
        print(f"API fuzzing failed: see {out}/", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
