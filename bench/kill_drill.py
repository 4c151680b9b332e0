"""Kill drill: receptions and filings keep their promise while processes die and
Redis is down. Prints figures, exits 1 if a promise broke.

Run from the repository root: ``python bench/kill_drill.py [--requests N]
[--clients N] [--redis-down N]``. PostgreSQL and Redis only:
``BENCH_DATABASE_URL`` (default ``postgres://motcua:motcua@127.0.0.1:5432/motcua_bench``;
the drill makes a fresh ``<name>_drill`` beside it) and ``DRILL_REDIS_URL``
(default ``redis://127.0.0.1:6379/15``, flushed). ``.ci/run`` runs it as it is.

What it does: seeds the demo, serves it with gunicorn (2 workers, ``--reuse-port``)
and runs a Celery worker that sends the outbox; then ``--clients`` threads make
``--requests`` dossiers, as counters and citizens do: half are counter receptions
through the API (each with its ``Idempotency-Key``), a quarter through the counter
page (the form's hidden key), a quarter online filings through the portal's pages
(start, form with a PDF per paper, review, done) by one citizen account per client.
Each is retried with the same key after a dropped connection or a 5xx, as a real
client does. A third of the way in one gunicorn worker is SIGKILLed; half way the
Celery worker is SIGKILLed and restarted; at two thirds the gunicorn master is
SIGKILLed and a new one started. Then the site is restarted with Redis pointed at
a closed port and ``--redis-down`` more dossiers are made and 20 public tracking
pages opened. Redis back, the outbox is drained as the periodic job does (after
the lease of a message claimed by the killed worker has expired).

Asserted afterwards: every acknowledged dossier (a 201, the counter page's
redirect to the received dossier, the portal's confirmation page) is stored under
its key with the code the client was shown, exactly one per key and one per filed
draft; the sequence numbers have no gap and no duplicate; with Redis down every
dossier was acknowledged and every tracking page answered 200; every dossier's
reception message was sent, and the receiving side, which drops a repeated message
id as the SMS gateway drops a repeated reference, got each exactly once (raw
repeats, possible for a message in flight when its worker died, are printed).
"""

from __future__ import annotations

import argparse
import functools
import http.client
import io
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
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import requests

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
PG_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://motcua:motcua@127.0.0.1:5432/motcua_bench"
)
REDIS_URL = os.environ.get("DRILL_REDIS_URL", "redis://127.0.0.1:6379/15")
OUT = ROOT / "var" / "bench" / "drill"
STAFF = ("reception", "demo12345")  # a demo account, demo data only
CITIZEN = "dien-tap-2026"  # the drill's own citizens, in its own database
DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens there: Redis is down
TRACKED = 20  # public tracking pages opened while Redis is down
T = TypeVar("T")
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
        capture_output=True,
        text=True,
    )
    if done.returncode:
        print(done.stderr[-3000:], file=sys.stderr)
        done.check_returncode()
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


class Retry(Exception):
    """A dropped connection or a 5xx: the client sends the same request again."""


def _send(
    session: requests.Session, method: str, url: str, **kwargs: Any
) -> requests.Response:
    try:
        answer = session.request(
            method, url, timeout=20, allow_redirects=False, **kwargs
        )
    except requests.RequestException as error:
        raise Retry from error
    if answer.status_code >= 500:
        raise Retry
    return answer


def blank_pdf() -> bytes:
    """A one-page blank PDF, as a scanned paper."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = blank_pdf()


def _csrf(session: requests.Session) -> str:
    return str(session.cookies.get("csrftoken", ""))


class Refused(Exception):
    """A 4xx or a page that did not do what was asked: a broken promise."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(status, text)
        self.status, self.text = status, text


class Load:
    """The clients, each a counter or a citizen that retries like a real one.

    A unit of work is one dossier: an API counter reception (half of them), a
    reception through the counter page, or an online filing through the portal's
    pages (a quarter each). Every unit has its key (the ``Idempotency-Key``, the
    counter form's hidden key, the draft's token) and is retried with that key
    after a dropped connection or a 5xx until the drill's deadline.
    """

    KINDS = ("api", "api", "counter page", "online filing")

    def __init__(self, base: str, token: str, facts: dict[str, Any]) -> None:
        self.base, self.token, self.facts = base, token, facts
        self.lock = threading.Lock()
        self.started = 0
        # kind → key → dossier code, for the acknowledged units only
        self.acknowledged: dict[str, dict[str, str]] = {k: {} for k in self.KINDS}
        self.retries = 0
        self.refused: Counter[int] = Counter()
        self.first_refusal = ""

    def done(self) -> int:
        with self.lock:
            return sum(len(keys) for keys in self.acknowledged.values())

    def take(self, total: int) -> int | None:
        with self.lock:
            if self.started >= total:
                return None
            self.started += 1
            return self.started

    def retrying(self, deadline: float, step: Callable[[], T]) -> T | None:
        while time.monotonic() < deadline:
            try:
                return step()
            except Retry:
                with self.lock:
                    self.retries += 1
                time.sleep(0.2)
        return None

    # -- the three ways in ---------------------------------------------------

    def api(self, session: requests.Session, index: int) -> Callable[[], str]:
        facts = self.facts
        body = {
            "channel": "in_person",
            "procedure_code": facts["procedure"],
            "service_point_code": facts["point"],
            "competent_agency_code": facts["agency"],
            "applicant": {
                "name": f"Người thử {index:04d}",
                "id_number": "001190012345",
                "phone": "0912345678",
                "address": "12 Hàng Bạc, Hoàn Kiếm, Hà Nội",
            },
            "documents": [{"required_document_id": i} for i in facts["documents"]],
        }
        key = str(uuid.uuid4())
        headers = {"Authorization": f"Bearer {self.token}", "Idempotency-Key": key}

        def step() -> str:
            answer = _send(
                session,
                "POST",
                f"{self.base}/api/v1/dossiers",
                json=body,
                headers=headers,
            )
            if answer.status_code != 201:
                raise Refused(answer.status_code, answer.text)
            self.acknowledged["api"][key] = answer.json()["code"]
            return key

        return step

    def counter_page(self, session: requests.Session, index: int) -> Callable[[], str]:
        facts = self.facts
        key = ""

        def step() -> str:
            nonlocal key
            if not key:  # open the form: the page gives the form its key
                page = _send(session, "GET", f"{self.base}/counter/")
                found = re.search(r'name="request_key" value="([^"]+)"', page.text)
                if page.status_code != 200 or found is None:
                    raise Refused(page.status_code, page.text[:300])
                key = found.group(1)
            form = {
                "csrfmiddlewaretoken": _csrf(session),
                "request_key": key,
                "service_point": str(facts["point_id"]),
                "procedure": facts["procedure"],
                "competent_agency": str(facts["agency_id"]),
                "papers": [str(i) for i in facts["documents"]],
                "applicant_kind": "person",
                "applicant_id_number": "001190012345",
                "applicant_name": f"Người thử quầy {index:04d}",
                "applicant_phone": "0912345678",
                "applicant_address": "12 Hàng Bạc, Hoàn Kiếm, Hà Nội",
                "return_method": "counter",
            }
            answer = _send(session, "POST", f"{self.base}/counter/", data=form)
            where = answer.headers.get("Location", "")
            if answer.status_code != 302 or "received=1" not in where:
                raise Refused(answer.status_code, answer.text[-600:])
            code = where.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
            self.acknowledged["counter page"][key] = code
            return key

        return step

    def online_filing(
        self, session: requests.Session, index: int, id_number: str
    ) -> Callable[[], str]:
        facts = self.facts
        form_url = ""
        filed = ""

        def step() -> str:
            nonlocal form_url, filed
            if not form_url:  # open a draft (a retry resumes the same one)
                start = _send(
                    session,
                    "POST",
                    f"{self.base}/nop-truc-tuyen/{facts['online_procedure']}/",
                    data={"csrfmiddlewaretoken": _csrf(session)},
                )
                if start.status_code != 302:
                    raise Refused(start.status_code, start.text[-600:])
                form_url = self.base + start.headers["Location"]
            if not filed:
                form = {
                    "csrfmiddlewaretoken": _csrf(session),
                    "competent_agency": str(facts["online_agency_id"]),
                    "applicant_name": f"Người thử trực tuyến {index:04d}",
                    "applicant_id_number": id_number,
                    "applicant_birth_date": "1990-05-31",
                    "applicant_phone": "0912345678",
                    "applicant_email": "",
                    "applicant_address": "12 Hàng Bạc, Hoàn Kiếm, Hà Nội",
                    "summary": "Diễn tập",
                    "return_method": "online",
                    "return_address": "",
                    "action": "review",
                }
                files = {
                    f"paper-{i}": (f"giay-{i}.pdf", PDF, "application/pdf")
                    for i in facts["online_documents"]
                }
                saved = _send(session, "POST", form_url, data=form, files=files)
                if saved.status_code != 302:
                    raise Refused(saved.status_code, saved.text[-600:])
                review = _send(
                    session,
                    "POST",
                    form_url + "xem-lai/",
                    data={"csrfmiddlewaretoken": _csrf(session)},
                )
                if review.status_code != 302:
                    raise Refused(review.status_code, review.text[-600:])
                filed = self.base + review.headers["Location"]
            done = _send(session, "GET", filed)
            found = re.search(r'id="done-code">\s*([^<\s]+)', done.text)
            if done.status_code != 200 or found is None:
                raise Refused(done.status_code, done.text[-600:])
            token = form_url.rstrip("/").rsplit("/", 1)[-1]
            self.acknowledged["online filing"][token] = found.group(1)
            return token

        return step

    # -- a client --------------------------------------------------------------

    def login(self, session: requests.Session, page: str, form: dict[str, str]) -> None:
        _send(session, "GET", f"{self.base}{page}")
        answer = _send(
            session,
            "POST",
            f"{self.base}{page}",
            data={**form, "csrfmiddlewaretoken": _csrf(session)},
        )
        if answer.status_code != 302:
            raise Refused(answer.status_code, answer.text[-600:])

    def client(self, number: int, total: int, deadline: float) -> None:
        staff, citizen = requests.Session(), requests.Session()
        logins = [
            (staff, "/login/", {"username": STAFF[0], "password": STAFF[1]}),
            (
                citizen,
                "/cong-dan/dang-nhap/",
                {"id_number": self.facts["citizens"][number], "password": CITIZEN},
            ),
        ]
        try:
            for session, page, form in logins:
                self.retrying(
                    deadline, functools.partial(self.login, session, page, form)
                )
            while (index := self.take(total)) is not None:
                kind = self.KINDS[index % len(self.KINDS)]
                if kind == "api":
                    step = self.api(staff, index)
                elif kind == "counter page":
                    step = self.counter_page(staff, index)
                else:
                    step = self.online_filing(
                        citizen, index, self.facts["citizens"][number]
                    )
                self.retrying(deadline, step)
        except Refused as refusal:
            with self.lock:
                self.refused[refusal.status] += 1
                self.first_refusal = self.first_refusal or refusal.text


# Run in the drill's database before the load (manage.py shell): the facts the
# clients need, and one citizen account per client for the online filings.
SETUP = """
import json
from django.utils import timezone
from motcua.citizens.services import citizen_sign_up
from motcua.dossiers.models import Dossier
from motcua.procedures.models import Procedure
from motcua.submissions.rules import is_filed_online, online_fee
from motcua.procedures.selectors import case_headings, papers_to_hand_in
from motcua.submissions.selectors import agency_choices

d = next(
    d for d in Dossier.objects.filter(channel=1).exclude(service_point=None)
    .select_related('procedure').order_by('id')
    if not case_headings(d.procedure)
)
online = next(
    p for p in Procedure.objects.order_by('code')
    if is_filed_online(p) and not online_fee(p)[0] and agency_choices(p).exists()
    and not case_headings(p)
)
citizens = []
for n in range(CLIENTS):
    number = f'0010902{n:05d}'
    citizen_sign_up(full_name=f'Công dân diễn tập {n}', id_number=number,
                    phone=f'09002{n:05d}', email='', password=PASSWORD,
                    now=timezone.now())
    citizens.append(number)
print(json.dumps({
    'procedure': d.procedure.code,
    'point': d.service_point.code, 'point_id': d.service_point.pk,
    'agency': d.competent_agency.code, 'agency_id': d.competent_agency.pk,
    'documents': [p.pk for p in papers_to_hand_in(d.procedure, '')],
    'online_procedure': online.code,
    'online_agency_id': agency_choices(online).order_by('pk').first().pk,
    'online_documents': [p.pk for p in papers_to_hand_in(online, '', online=True)],
    'citizens': citizens,
}))
"""

# Read back after the load: what the database holds for the drill's keys.
FACTS_AFTER = """
import json
from django.db.models import Count
from motcua.dossiers.models import Dossier
from motcua.notifications.models import OutboxMessage
from motcua.submissions.models import Submission

keyed = Dossier.objects.exclude(request_key=None)
online = Dossier.objects.filter(account__username__in=CITIZENS)
drill = set(keyed.values_list('code', flat=True)) | set(
    online.values_list('code', flat=True))
print(json.dumps({
    'keyed': [[str(k), c] for k, c in keyed.values_list('request_key', 'code')],
    'duplicate_keys': keyed.values('request_key').annotate(n=Count('id'))
        .filter(n__gt=1).count(),
    'drafts': [[str(t), c] for t, c in Submission.objects
        .filter(account__username__in=CITIZENS)
        .values_list('token', 'dossier__code')],
    'online': list(online.values_list('code', flat=True)),
    'codes': list(Dossier.objects.values_list('code', flat=True)),
    'messages': list(OutboxMessage.objects.filter(
        dossier_code__in=drill, kind__in=('received', 'registered_online'))
        .values_list('id', 'dossier_code', 'status')),
}))
"""


def shell(env: dict[str, str], code: str) -> Any:
    return json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def main() -> int:  # noqa: C901 - one drill, read top to bottom
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--redis-down", type=int, default=40)
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
    facts = shell(
        env,
        f"CLIENTS = {args.clients}\nPASSWORD = {CITIZEN!r}\n" + SETUP,
    )

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    site = Site(env, port)
    site.start_gunicorn()
    site.start_celery()
    try:
        issued = requests.post(
            f"{base}/api/v1/auth/token",
            json={"username": STAFF[0], "password": STAFF[1]},
            timeout=20,
        )
        load = Load(base, issued.json()["token"], facts)
        started = time.monotonic()
        deadline = started + TIME_LIMIT
        threads = [
            threading.Thread(target=load.client, args=(n, args.requests, deadline))
            for n in range(args.clients)
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
            done = load.done()
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
        site.stop()

        # Redis stopped (nothing listens on its port): pages, API and tracking
        # work from the database, and the messages wait in the outbox.
        site = Site({**env, "REDIS_URL": DEAD_REDIS}, port)
        site.start_gunicorn()
        before = load.done()
        down_started = time.monotonic()
        threads = [
            threading.Thread(
                target=load.client,
                args=(n, args.requests + args.redis_down, down_started + TIME_LIMIT),
            )
            for n in range(min(args.clients, 10))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        down_seconds = time.monotonic() - down_started
        down_acknowledged = load.done() - before
        codes = [c for keys in load.acknowledged.values() for c in keys.values()]
        tracked = Counter(
            requests.get(f"{base}/tra-cuu/{code}/", timeout=20).status_code
            for code in codes[-TRACKED:]
        )
        waiting = shell(
            env,
            "import json;"
            "from motcua.notifications.models import OutboxMessage;"
            "print(json.dumps(OutboxMessage.objects.exclude(status='sent').count()))",
        )
    finally:
        site.stop()
    # Redis is back: the periodic job catches up, once the lease (15 min) of
    # anything the killed worker had claimed has run out.
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
    after = shell(env, f"CITIZENS = {facts['citizens']!r}\n" + FACTS_AFTER)

    stored = {key: code for key, code in after["keyed"]}
    stored.update({token: code for token, code in after["drafts"] if code})
    acknowledged = {
        key: code for keys in load.acknowledged.values() for key, code in keys.items()
    }
    lost = [key for key in acknowledged if key not in stored]
    wrong = [k for k, c in acknowledged.items() if stored.get(k) not in {c}]
    # An online dossier belongs to exactly one filed draft.
    filed = [code for _token, code in after["drafts"] if code]
    online_doubled = len(after["online"]) - len(set(filed))
    sequences: dict[str, list[int]] = {}
    for code in after["codes"]:
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
    messages = after["messages"]
    unsent = [m for m in messages if m[2] != "sent"]
    lines: Counter[int] = Counter()
    for path in (OUT / "data" / "outbox").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            lines[int(json.loads(line)["id"])] += 1
    wanted = {m[0] for m in messages}
    received_once = {i for i in wanted if lines[i] >= 1}
    raw_repeats = sum(lines[i] - 1 for i in wanted if lines[i] > 1)
    no_message = sorted(set(stored.values()) - {m[1] for m in messages})

    for event in events:
        print(f"event: {event}")
    print(
        f"units of work: {load.started}; the first {args.requests} from"
        f" {args.clients} clients in {seconds:.1f} s"
    )
    for kind, keys in load.acknowledged.items():
        if kind != "api" or keys:
            print(f"acknowledged, {kind}: {len(keys)}")
    print(f"acknowledged in all: {len(acknowledged)}")
    print(
        f"with Redis stopped: {down_acknowledged} of {args.redis_down} acknowledged"
        f" in {down_seconds:.1f} s; tracking pages {dict(tracked)};"
        f" messages waiting in the outbox: {waiting}"
    )
    print(f"retried after a dropped connection or 5xx: {load.retries}")
    print(
        f"refused (4xx or wrong page): {dict(load.refused)} {load.first_refusal[:300]}"
    )
    print(f"dossiers of the drill's keys and drafts: {len(stored)}")
    print(f"acknowledged without their dossier: {len(lost)}")
    print(f"acknowledged with another code than stored: {len(wrong)}")
    print(f"keys with more than one dossier: {after['duplicate_keys']}")
    print(f"online dossiers without their own draft: {online_doubled}")
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
        after["duplicate_keys"],
        online_doubled,
        gaps,
        repeated_numbers,
        unsent,
        no_message,
        wanted - received_once,
        load.refused,
        set(tracked) - {200},
    ]
    if any(failures) or len(acknowledged) < args.requests + args.redis_down:
        print("DRILL FAILED", file=sys.stderr)
        return 1
    print("drill: every promise kept")
    return 0


if __name__ == "__main__":
    sys.exit(main())
