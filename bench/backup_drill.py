"""Backup and restore drill: a dump of the database and a copy of the stored files
restore into a fresh database and folder with every checksum matching. Prints
figures, exits 1 if anything differs.

Run from the repository root: ``python bench/backup_drill.py [--papers N]``.
PostgreSQL only: ``BENCH_DATABASE_URL`` (default
``postgres://motcua:motcua@127.0.0.1:5432/motcua_bench``); the drill makes fresh
``<name>_backup`` and ``<name>_restored`` databases beside it and drops them at
the end. ``pg_dump`` and ``pg_restore`` (Debian's ``postgresql-client``) must
match the server's major version. ``.ci/run`` runs it as it is.

What it does, as an operator's nightly backup and a restore test would:
1. migrates and seeds the demo into ``<name>_backup`` and adds ``--papers``
   uploaded papers (real PDFs, each different) to citizens' data stores and to
   dossiers, so that the stored files are many and referenced from the database;
2. backs up: ``pg_dump --format=custom`` and a tar of the media folder;
3. restores: ``pg_restore`` into the empty ``<name>_restored`` and the tar into
   a new folder;
4. compares, per table, the row count and a checksum of every row (md5 of the
   rows' text, in order); every sequence's position (a restored site must not
   hand out a code or id twice); the SHA-256 of every file; and that every file
   the restored database names exists with the SHA-256 the database recorded;
   and runs ``migrate --check`` on the restored database.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
PG_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://motcua:motcua@127.0.0.1:5432/motcua_bench"
)
OUT = ROOT / "var" / "bench" / "backup"

# Runs inside ``manage.py shell``: PAPERS is set before. Adds uploaded papers to
# citizens' data stores and files to dossiers' papers, through the services.
SETUP = r"""
from io import BytesIO
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter
from motcua.citizens.models import Citizen
from motcua.citizens.services import stored_paper_upload
from motcua.dossiers.models import DossierPaper

def pdf(n):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": f"Giấy tờ diễn tập số {n}"})
    out = BytesIO()
    writer.write(out)
    return out.getvalue()

owners = [c.user for c in Citizen.objects.select_related("user").order_by("pk")]
documents = list(DossierPaper.objects.filter(file="").order_by("pk")[:PAPERS])
now = timezone.now()
for n in range(PAPERS):
    upload = SimpleUploadedFile(f"{n}.pdf", pdf(n), content_type="application/pdf")
    owner = owners[n % len(owners)]
    stored_paper_upload(owner=owner, name=f"Giấy tờ {n}", upload=upload, now=now)
for n, document in enumerate(documents):
    document.file.save(f"ban-chup-{n}.pdf", ContentFile(pdf(PAPERS + n)), save=True)
print(len(owners), len(documents))
"""

CHECKSUM = """
SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '')
FROM {table} AS t
"""

# (table, file column, SHA-256 column or None) of every stored file.
FILE_COLUMNS = (
    ("citizens_storedpaper", "file", "sha256"),
    ("dossiers_dossierpaper", "file", None),
    ("submissions_submissionpaper", "file", "sha256"),
)


def databases() -> tuple[str, str]:
    import psycopg

    base, name = PG_URL.rsplit("/", 1)
    made = []
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        for suffix in ("backup", "restored"):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}_{suffix}"')
            conn.execute(f'CREATE DATABASE "{name}_{suffix}"')
            made.append(f"{base}/{name}_{suffix}")
    return made[0], made[1]


def drop(*urls: str) -> None:
    import psycopg

    base = PG_URL.rsplit("/", 1)[0]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        for url in urls:
            conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}"')


def manage(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [str(VENV / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def run(*command: str) -> float:
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{command[0]} failed ({done.returncode}):\n{done.stderr}")
    return time.monotonic() - started


def table_checksums(url: str) -> dict[str, tuple[int, str]]:
    import psycopg

    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT quote_ident(tablename) FROM pg_tables "
                "WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {
            table: conn.execute(CHECKSUM.format(table=table)).fetchone()  # type: ignore[misc]
            for table in tables
        }


def sequence_positions(url: str) -> dict[str, int | None]:
    import psycopg

    with psycopg.connect(url) as conn:
        return {
            name: value
            for name, value in conn.execute(
                "SELECT sequencename, last_value FROM pg_sequences "
                "WHERE schemaname = 'public' ORDER BY sequencename"
            )
        }


def file_hashes(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def referenced_files(url: str) -> list[tuple[str, str, str | None]]:
    import psycopg

    rows: list[tuple[str, str, str | None]] = []
    with psycopg.connect(url) as conn:
        for table, column, sha in FILE_COLUMNS:
            wanted = f"{column}, {sha}" if sha else f"{column}, NULL"
            query = f"SELECT {wanted} FROM {table} WHERE {column} <> ''"  # noqa: S608
            rows.extend((table, name, digest) for name, digest in conn.execute(query))
    return rows


def tamper(url: str, media: Path) -> None:
    """Change one row and one file of the restored copy (``--tamper``)."""
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute(
            "UPDATE citizens_storedpaper SET name = name || '!' "
            "WHERE id = (SELECT min(id) FROM citizens_storedpaper)"
        )
    victim = next(path for path in sorted(media.rglob("*.pdf")))
    victim.write_bytes(victim.read_bytes() + b"\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=200)
    parser.add_argument(
        "--tamper",
        action="store_true",
        help="change one restored row and one restored file: the drill must fail",
    )
    args = parser.parse_args()
    source_url, restored_url = databases()
    OUT.mkdir(parents=True, exist_ok=True)
    source_data = OUT / "source"
    restored_media = OUT / "restored" / "media"
    for folder in (source_data, restored_media.parent):
        subprocess.run(["rm", "-rf", str(folder)], check=True)
    restored_media.mkdir(parents=True)
    env = {
        **os.environ,
        "DATABASE_URL": source_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "MOTCUA_DATA_DIR": str(source_data),
    }
    env.pop("REDIS_URL", None)
    try:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "seed_demo")
        script = f"PAPERS = {args.papers}\n" + SETUP
        owners, documents = manage(env, "shell", stdin=script).split()[-2:]
        media = source_data / "media"

        dump = OUT / "motcua.dump"
        archive = OUT / "media.tar.gz"
        dump_seconds = run(
            "pg_dump", "--format=custom", "--no-owner", f"--file={dump}", source_url
        )
        started = time.monotonic()
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(media, arcname=".")
        tar_seconds = time.monotonic() - started

        restore_seconds = run(
            "pg_restore", "--no-owner", "--exit-on-error", "-d", restored_url, str(dump)
        )
        started = time.monotonic()
        with tarfile.open(archive) as tar:
            tar.extractall(restored_media, filter="data")
        untar_seconds = time.monotonic() - started
        if args.tamper:
            tamper(restored_url, restored_media)

        problems: list[str] = []
        before, after = table_checksums(source_url), table_checksums(restored_url)
        problems += [
            f"table {table}: {before[table]} before, {after.get(table)} after"
            for table in before
            if after.get(table) != before[table]
        ]
        problems += [f"table {t} appeared" for t in after if t not in before]
        sequences_before = sequence_positions(source_url)
        sequences_after = sequence_positions(restored_url)
        if sequences_after != sequences_before:
            problems.append(f"sequences differ: {sequences_before} / {sequences_after}")
        files_before, files_after = file_hashes(media), file_hashes(restored_media)
        if files_after != files_before:
            differing = set(files_before.items()) ^ set(files_after.items())
            example = sorted(differing)[:3]
            problems.append(f"{len(differing)} files differ, e.g. {example}")
        referenced = referenced_files(restored_url)
        for table, name, digest in referenced:
            if name not in files_after:
                problems.append(f"{table} names {name}, missing after restore")
            elif digest and files_after[name] != digest:
                problems.append(f"{table}: {name} is not the file recorded")
        manage({**env, "DATABASE_URL": restored_url}, "migrate", "--check", "-v0")

        rows = sum(count for count, _sum in before.values())
        size = sum(path.stat().st_size for path in media.rglob("*") if path.is_file())
        print(
            f"source: {len(before)} tables, {rows} rows, {len(sequences_before)} "
            f"sequences; {len(files_before)} files ({size / 1e6:.1f} MB), "
            f"{len(referenced)} named by the database "
            f"({args.papers} papers for {owners} citizens, {documents} dossier papers)"
        )
        print(
            f"backup: pg_dump {dump_seconds:.1f} s "
            f"({dump.stat().st_size / 1e6:.1f} MB), media tar {tar_seconds:.1f} s "
            f"({archive.stat().st_size / 1e6:.1f} MB)"
        )
        print(
            f"restore: pg_restore {restore_seconds:.1f} s, media {untar_seconds:.1f} s"
        )
        matched = len(before) - sum(1 for p in problems if p.startswith("table "))
        print(
            f"checked: {matched}/{len(before)} tables match, sequences "
            f"{'match' if sequences_after == sequences_before else 'DIFFER'}, "
            f"{sum(files_after.get(n) == h for n, h in files_before.items())}"
            f"/{len(files_before)} files match, "
            "migrations applied"
        )
        for problem in problems:
            print(f"FAILED: {problem}")
        return 1 if problems else 0
    finally:
        drop(source_url, restored_url)


if __name__ == "__main__":
    sys.exit(main())
