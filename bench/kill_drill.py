"""Kill drill: receptions keep their promise while processes die. Prints figures,
exits 1 if a promise broke.

Run from the repository root: ``python bench/kill_drill.py [--requests N]
[--clients N]``. PostgreSQL and Redis only: ``BENCH_DATABASE_URL`` (default
``postgres://motcua:motcua@127.0.0.1:5432/motcua_bench``; the drill makes a fresh
``<name>_drill`` beside it) and ``DRILL_REDIS_URL`` (default
``redis://127.0.0.1:6379/15``, flushed).

What it does: seeds the demo, serves it with gunicorn (2 workers, ``--reuse-port``)
and runs a Celery worker that sends the outbox; then ``--clients`` threads make
``--requests`` counter receptions through the API, each with its own
``Idempotency-Key`` and retrying the same key after a dropped connection or a 5xx,
as a counter's client does. A third of the way in one gunicorn worker is
SIGKILLed; half way the Celery worker is SIGKILLed and restarted; at two thirds
the gunicorn master is SIGKILLed and a new one started. Then the outbox is
drained as the periodic job would (after the lease of a message claimed by the
killed worker has expired).

Asserted afterwards: every acknowledged (2xx) request has its dossier, exactly
one per key; the day's sequence numbers have no gap and no duplicate; every
reception's message was sent, and the receiving side, which drops a repeated
message id as the SMS gateway drops a repeated reference, got each exactly once
(raw repeats, possible for a message in flight when its worker died, are printed).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
PG_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://motcua:motcua@127.0.0.1:5432/motcua_bench"
)
REDIS_URL = os.environ.get("DRILL_REDIS_URL", "redis://127.0.0.1:6379/15")
OUT = ROOT / "var" / "bench" / "drill"
STAFF = ("reception", "demo12345")  # a demo account, demo data only
TIME_LIMIT = 120  # seconds for the load, as the drill's budget


def fresh_database() -> str:
    import psycopg

    base, name = PG_URL.rsplit("/", 1)
    drill = f"{name}_drill"
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{drill}"')
        conn.execute(f'CREATE DATABASE "{drill}"')
    return f"{base}/{drill}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(VENV / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


class Site:
    """gunicorn and a Celery worker, each restartable."""

    def __init__(self, env: dict[str, str], port: int) -> None:
        self.env, self.port = env, port
        self.gunicorn: subprocess.Popen[bytes] | None = None
        self.celery: subprocess.Popen[bytes] | None = None
        self.logs = OUT / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)

    def _spawn(self, name: str, command: list[str]) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("ab")
        return subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )

    def start_gunicorn(self) -> None:
        self.gunicorn = self._spawn(
            "gunicorn",
            [
                str(VENV / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--reuse-port",
                "--timeout",
                "30",
            ],
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, 5)
                connection.request("GET", "/api/v1/openapi.json")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.3)
        raise SystemExit("gunicorn did not start")

    def start_celery(self) -> None:
        self.celery = self._spawn(
            "celery",
            [
                str(VENV / "celery"),
                "-A",
                "config",
                "worker",
                "--concurrency",
                "2",
                "--loglevel",
                "WARNING",
            ],
        )

    def gunicorn_workers(self) -> list[int]:
        assert self.gunicorn is not None
        master = self.gunicorn.pid
        children = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue
            if re.search(rf"^PPid:\s+{master}$", text, re.MULTILINE):
                children.append(int(status.parent.name))
        return children

    def stop(self) -> None:
        for process in (self.gunicorn, self.celery):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=30)


class Load:
    """The clients: receptions with a key each, retried like a real client."""

    def __init__(self, port: int, token: str, body: dict[str, object]) -> None:
        self.port, self.token, self.body = port, token, body
        self.lock = threading.Lock()
        self.started = 0
        self.acknowledged: dict[str, str] = {}  # request key → dossier code
        self.retries = 0
        self.refused: Counter[int] = Counter()
        self.first_refusal = ""

    def take(self, total: int) -> bool:
        with self.lock:
            if self.started >= total:
                return False
            self.started += 1
            return True

    def one(self, key: str, index: int, deadline: float) -> None:
        body = dict(self.body)
        applicant = dict(body["applicant"])  # type: ignore[call-overload]
        applicant["name"] = f"Người thử {index:04d}"
        body["applicant"] = applicant
        payload = json.dumps(body).encode()
        headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {self.token}",
            "Idempotency-Key": key,
        }
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, 20)
                connection.request("POST", "/api/v1/dossiers", payload, headers)
                answer = connection.getresponse()
                data = answer.read()
                connection.close()
            except (OSError, http.client.HTTPException):
                status = 0
            else:
                status = answer.status
                if 200 <= status < 300:
                    with self.lock:
                        self.acknowledged[key] = json.loads(data)["code"]
                    return
                if status < 500:
                    with self.lock:
                        self.refused[status] += 1
                        self.first_refusal = self.first_refusal or data.decode()
                    return
            with self.lock:
                self.retries += 1
            time.sleep(0.2)

    def client(self, total: int, deadline: float) -> None:
        while self.take(total) and time.monotonic() < deadline:
            self.one(str(uuid.uuid4()), self.started, deadline)


def main() -> int:  # noqa: C901 - one drill, read top to bottom
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--clients", type=int, default=30)
    args = parser.parse_args()

    import redis

    redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in (OUT / "data" / "outbox").glob("*.jsonl"):
        old.unlink()
    env = {
        **os.environ,
        "DATABASE_URL": fresh_database(),
        "REDIS_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MOTCUA_DATA_DIR": str(OUT / "data"),
    }
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo")
    facts = json.loads(
        manage(
            env,
            "shell",
            "-c",
            "import json;"
            "from motcua.dossiers.models import Dossier;"
            "d=Dossier.objects.filter(channel=1)"
            ".exclude(service_point=None).order_by('id').first();"
            "print(json.dumps({'procedure': d.procedure.code,"
            " 'point': d.service_point.code, 'agency': d.competent_agency.code,"
            " 'documents': list(d.procedure.documents.filter(is_note=False)"
            ".order_by('pk').values_list('pk', flat=True))}))",
        )
        .strip()
        .splitlines()[-1]
    )
    body: dict[str, object] = {
        "channel": "in_person",
        "procedure_code": facts["procedure"],
        "service_point_code": facts["point"],
        "competent_agency_code": facts["agency"],
        "applicant": {
            "name": "",
            "id_number": "001190012345",
            "phone": "0912345678",
            "address": "12 Hàng Bạc, Hoàn Kiếm, Hà Nội",
        },
        "documents": [{"required_document_id": i} for i in facts["documents"]],
    }

    port = free_port()
    site = Site(env, port)
    site.start_gunicorn()
    site.start_celery()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, 10)
        connection.request(
            "POST",
            "/api/v1/auth/token",
            json.dumps({"username": STAFF[0], "password": STAFF[1]}),
            {"Content-Type": "application/json"},
        )
        token = json.loads(connection.getresponse().read())["token"]

        load = Load(port, token, body)
        started = time.monotonic()
        deadline = started + TIME_LIMIT
        threads = [
            threading.Thread(target=load.client, args=(args.requests, deadline))
            for _ in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        events: list[str] = []
        stages = [
            (args.requests // 3, "gunicorn worker"),
            (args.requests // 2, "celery worker"),
            (args.requests * 2 // 3, "gunicorn master"),
        ]
        while any(thread.is_alive() for thread in threads):
            done = len(load.acknowledged)
            if stages and done >= stages[0][0]:
                _count, what = stages.pop(0)
                elapsed = time.monotonic() - started
                if what == "gunicorn worker":
                    victim = site.gunicorn_workers()[0]
                    os.kill(victim, signal.SIGKILL)
                elif what == "celery worker":
                    assert site.celery is not None
                    site.celery.kill()
                    site.celery.wait()
                    site.start_celery()
                else:
                    assert site.gunicorn is not None
                    site.gunicorn.kill()
                    site.gunicorn.wait()
                    site.start_gunicorn()
                events.append(f"{elapsed:5.1f} s, {done} acknowledged: killed {what}")
            time.sleep(0.05)
        seconds = time.monotonic() - started
    finally:
        site.stop()
    # The periodic job, once the lease (15 min) of anything the killed worker
    # had claimed has run out.
    drained = (
        manage(
            env,
            "shell",
            "-c",
            "from datetime import timedelta;"
            "from django.utils import timezone;"
            "from motcua.notifications.delivery import CLAIM_LEASE, outbox_deliver_due;"
            "print(outbox_deliver_due(now=timezone.now() + CLAIM_LEASE"
            " + timedelta(minutes=1), limit=100000))",
        )
        .strip()
        .splitlines()[-1]
    )

    facts_after = json.loads(
        manage(
            env,
            "shell",
            "-c",
            "import json;"
            "from django.db.models import Count;"
            "from motcua.dossiers.models import Dossier;"
            "from motcua.notifications.models import OutboxMessage;"
            "rows=list(Dossier.objects.exclude(request_key=None)"
            ".values_list('request_key','code'));"
            "keys=Dossier.objects.exclude(request_key=None).values('request_key')"
            ".annotate(n=Count('id')).filter(n__gt=1).count();"
            "codes=[c for c in Dossier.objects.values_list('code', flat=True)];"
            "drill={c for _k, c in rows};"
            "messages=list(OutboxMessage.objects.filter(dossier_code__in=drill,"
            " kind='received').values_list('id','dossier_code','status'));"
            "print(json.dumps({'rows': [[str(k), c] for k, c in rows],"
            " 'duplicate_keys': keys, 'codes': codes, 'messages': messages}))",
        )
        .strip()
        .splitlines()[-1]
    )

    by_key = {key: code for key, code in facts_after["rows"]}
    lost = [key for key in load.acknowledged if key not in by_key]
    wrong = [k for k, c in load.acknowledged.items() if by_key.get(k) not in {c}]
    sequences: dict[str, list[int]] = {}
    for code in facts_after["codes"]:
        prefix, _sep, number = code.rpartition("-")
        sequences.setdefault(prefix, []).append(int(number))
    gaps = {
        prefix: sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        for prefix, numbers in sequences.items()
        if sorted(numbers) != list(range(1, len(numbers) + 1))
    }
    repeated_numbers = {
        prefix: [n for n, count in Counter(numbers).items() if count > 1]
        for prefix, numbers in sequences.items()
        if len(set(numbers)) != len(numbers)
    }
    messages = facts_after["messages"]
    unsent = [m for m in messages if m[2] != "sent"]
    lines: Counter[int] = Counter()
    for path in (OUT / "data" / "outbox").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            lines[int(json.loads(line)["id"])] += 1
    wanted = {m[0] for m in messages}
    received_once = {i for i in wanted if lines[i] >= 1}
    raw_repeats = sum(lines[i] - 1 for i in wanted if lines[i] > 1)
    no_message = sorted(set(by_key.values()) - {m[1] for m in messages})

    for event in events:
        print(f"event: {event}")
    print(f"requests: {load.started} from {args.clients} clients in {seconds:.1f} s")
    print(f"acknowledged: {len(load.acknowledged)}")
    print(f"retried after a dropped connection or 5xx: {load.retries}")
    print(f"refused (4xx): {dict(load.refused)} {load.first_refusal[:300]}")
    print(f"dossiers with a request key: {len(by_key)}")
    print(f"acknowledged without their dossier: {len(lost)}")
    print(f"acknowledged with another code than stored: {len(wrong)}")
    print(f"keys with more than one dossier: {facts_after['duplicate_keys']}")
    print(f"sequence gaps: {gaps or 0}")
    print(f"repeated sequence numbers: {repeated_numbers or 0}")
    print(f"drain after the lease: {drained}")
    print(f"reception messages: {len(messages)}, not sent: {len(unsent)}")
    print(f"dossiers without a reception message: {len(no_message)}")
    print(f"messages received (ids deduplicated): {len(received_once)}")
    print(f"raw repeats before deduplication: {raw_repeats}")
    failures = [
        lost,
        wrong,
        facts_after["duplicate_keys"],
        gaps,
        repeated_numbers,
        unsent,
        no_message,
        wanted - received_once,
        load.refused,
    ]
    if any(failures) or len(load.acknowledged) < load.started:
        print("DRILL FAILED", file=sys.stderr)
        return 1
    print("drill: every promise kept")
    return 0


if __name__ == "__main__":
    sys.exit(main())
