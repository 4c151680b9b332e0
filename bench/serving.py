"""Serving for the benchmarks: gunicorn on a free port, plain HTTP, worker memory.

Imports nothing of Django: each benchmark sets its environment (database,
settings) first, and gunicorn inherits it.
"""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def database_create(url: str) -> None:
    """Create the bench database if it does not exist (PostgreSQL only)."""
    import psycopg

    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit(f"this benchmark needs PostgreSQL, not {url}")
    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def workers_rss_mb(master: int) -> list[float]:
    """Resident memory of each worker of the gunicorn ``master`` (Linux /proc)."""
    children = Path(f"/proc/{master}/task/{master}/children")
    if not children.exists():
        return []
    sizes = []
    for pid in children.read_text().split():
        status = Path(f"/proc/{pid}/status")
        if not status.exists():
            continue
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


SERVER: dict[str, int] = {}  # the running gunicorn master's pid, for its workers


@contextmanager
def gunicorn(workers: int, probe: str, *, log_name: str = "tracking") -> Iterator[int]:
    """Serve the settings of the environment (``DJANGO_SETTINGS_MODULE``) with
    gunicorn's sync workers on a free port until the block ends (even on errors);
    the log goes to ``var/bench/<log_name>-gunicorn.log``."""
    port = free_port()
    log_path = ROOT / "var" / "bench" / f"{log_name}-gunicorn.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--worker-class", "sync", "--chdir", str(ROOT), "--log-level", "warning",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_up(server, port, probe, log_path)
            SERVER["master"] = server.pid
            yield port
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_up(
    server: subprocess.Popen[bytes], port: int, probe: str, log: Path
) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {server.returncode}); see {log}")
        try:
            status, body = get(port, probe)
        except OSError:  # not listening yet
            time.sleep(0.2)
            continue
        if status != 200:
            raise SystemExit(f"{probe} answered {status}: {body[:300]!r}; see {log}")
        return
    raise SystemExit(f"gunicorn did not answer within 60 s; see {log}")


def local_environment(database_name: str) -> None:
    """The environment of a benchmark on the local settings (before Django
    starts): DEBUG off, its files under var/bench/, and unless ``DATABASE_URL``
    is set a throwaway SQLite file ``var/bench/<database_name>.sqlite3``."""
    import os

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["DEBUG"] = "0"
    bench_dir = ROOT / "var" / "bench"
    os.environ.setdefault("MOTCUA_DATA_DIR", str(bench_dir))
    if "DATABASE_URL" in os.environ:
        return
    bench_dir.mkdir(parents=True, exist_ok=True)
    database = bench_dir / f"{database_name}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
