"""Stored files no row refers to are deleted after the grace period, never others.

The rows of the dossier, draft and data-store models are built in
``tests/functional/test_orphan_files.py`` (this app sits below them); here the
brand kit's logo stands for a row that refers to a file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from motcua.core.models import BrandKit, brand_cache_clear
from motcua.core.tests.factories import brand_kit_make
from motcua.files import checks, orphans
from motcua.files.orphans import (
    file_fields,
    file_folders,
    orphan_files_purge,
    stored_files,
)
from motcua.files.tasks import orphan_files_purge_task

pytestmark = pytest.mark.django_db

# Passed as ``now``; the files' times are set from it (never the real clock's).
NOW = datetime(2026, 11, 17, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
GRACE = timedelta(hours=24)


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Iterator[Path]:
    settings.MEDIA_ROOT = tmp_path
    settings.MOTCUA_ORPHAN_FILE_GRACE_HOURS = 24
    brand_cache_clear()
    yield tmp_path
    brand_cache_clear()


def put(media: Path, name: str, *, modified_at: datetime, size: int = 10) -> Path:
    """Write a file of ``size`` bytes at ``name`` last modified at ``modified_at``."""
    path = media / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    stamp = modified_at.timestamp()
    os.utime(path, (stamp, stamp))
    return path


def purge(**options):
    return orphan_files_purge(now=NOW, grace=GRACE, **options)


def test_an_old_file_no_row_refers_to_is_deleted(media):
    old = put(media, "papers/2026/10/a.pdf", modified_at=NOW - timedelta(days=3))

    report = purge()

    assert not old.exists()
    assert (report.checked, report.deleted, report.bytes_freed) == (1, 1, 10)
    assert report.names == ["papers/2026/10/a.pdf"]


def test_a_file_younger_than_the_grace_period_is_kept(media):
    young = put(
        media,
        "submissions/2026/11/b.pdf",
        modified_at=NOW - GRACE + timedelta(seconds=1),
    )

    report = purge()

    assert young.exists()
    assert (report.checked, report.recent, report.deleted) == (1, 1, 0)


def test_a_file_exactly_as_old_as_the_grace_period_is_deleted(media):
    due = put(media, "dossiers/2026/11/c.pdf", modified_at=NOW - GRACE)

    assert purge().deleted == 1
    assert not due.exists()


def test_the_grace_period_comes_from_the_setting(media, settings):
    settings.MOTCUA_ORPHAN_FILE_GRACE_HOURS = 72
    kept = put(media, "papers/2026/11/d.pdf", modified_at=NOW - timedelta(hours=48))

    report = orphan_files_purge(now=NOW)

    assert kept.exists() and report.recent == 1


def test_an_old_file_a_row_refers_to_is_kept(media):
    logo = put(media, "brand/logo.png", modified_at=NOW - timedelta(days=400))
    kit = brand_kit_make()
    BrandKit.objects.filter(pk=kit.pk).update(logo="brand/logo.png")

    report = purge()

    assert logo.exists()
    assert (report.checked, report.referenced, report.deleted) == (1, 1, 0)


def test_a_file_referred_to_after_the_names_were_read_is_kept(media, monkeypatch):
    logo = put(media, "brand/new-logo.png", modified_at=NOW - timedelta(days=2))
    kit = brand_kit_make()
    BrandKit.objects.filter(pk=kit.pk).update(logo="brand/new-logo.png")
    # As if the row was written between reading the names and deleting.
    monkeypatch.setattr(orphans, "referenced_names", set)

    report = purge()

    assert logo.exists()
    assert (report.referenced, report.deleted) == (1, 0)


def test_a_dry_run_deletes_nothing_and_reports_what_would_go(media):
    old = put(media, "papers/2026/01/e.pdf", modified_at=NOW - timedelta(days=30))
    put(media, "papers/2026/11/f.pdf", modified_at=NOW)

    report = purge(dry_run=True)

    assert old.exists()
    assert report.dry_run
    assert (report.checked, report.recent, report.deleted) == (2, 1, 1)
    assert (report.bytes_freed, report.names) == (10, ["papers/2026/01/e.pdf"])


def test_files_outside_the_fields_folders_are_never_touched(media):
    """Form templates live in the same storage and no field refers to them."""
    long_ago = NOW - timedelta(days=1000)
    template = put(media, "form_templates/1.004222/to-khai.docx", modified_at=long_ago)
    loose = put(media, "README.txt", modified_at=long_ago)

    report = purge()

    assert template.exists() and loose.exists()
    assert report.checked == 0


def test_every_file_field_of_every_model_is_found():
    labels = {(model._meta.label, field.name) for model, field in file_fields()}

    assert {
        ("core.BrandKit", "logo"),
        ("citizens.StoredPaper", "file"),
        ("dossiers.DossierPaper", "file"),
        ("submissions.SubmissionPaper", "file"),
    } <= labels


def test_only_the_folders_the_fields_store_under_are_walked():
    from django.core.files.storage import default_storage

    assert file_folders(default_storage) == [
        "brand",
        "dossiers",
        "papers",
        "submissions",
    ]


@pytest.mark.parametrize(
    ("upload_to", "folder"),
    [
        ("dossiers/%Y/%m/", "dossiers"),
        ("brand/", "brand"),
        ("a/b/%Y", "a/b"),
        ("x%Y/", None),
        ("", None),
        (lambda instance, name: name, None),
    ],
)
def test_the_folder_is_upload_to_up_to_its_first_placeholder(upload_to, folder):
    assert orphans._folder(upload_to) == folder


def test_the_walk_goes_down_every_folder_one_file_at_a_time(media):
    for name in ("papers/2026/01/a.pdf", "papers/2026/02/b.pdf", "papers/z.pdf"):
        put(media, name, modified_at=NOW)
    from django.core.files.storage import default_storage

    walked = stored_files(default_storage, ["papers", "missing"])

    assert next(walked) == "papers/z.pdf"
    assert list(walked) == ["papers/2026/01/a.pdf", "papers/2026/02/b.pdf"]


def test_a_grace_period_of_nothing_is_refused():
    with pytest.raises(ValueError):
        orphan_files_purge(now=NOW, grace=timedelta(0))


@pytest.mark.parametrize("hours", [0, -1, "24"])
def test_the_check_refuses_a_grace_period_under_an_hour(settings, hours):
    settings.MOTCUA_ORPHAN_FILE_GRACE_HOURS = hours

    (error,) = checks.orphan_grace_check()

    assert error.id == "files.E001"


def test_the_check_accepts_the_default():
    assert checks.orphan_grace_check() == []


def test_the_command_prints_its_report_and_its_progress(media):
    now = timezone.now()  # the command reads the (fixed, ticking) clock
    put(media, "papers/2026/01/old.pdf", modified_at=now - timedelta(days=2), size=7)
    young = put(media, "papers/2026/11/new.pdf", modified_at=now)
    out, err = StringIO(), StringIO()

    call_command("purge_orphan_files", stdout=out, stderr=err)

    assert young.exists()
    assert not (media / "papers/2026/01/old.pdf").exists()
    assert out.getvalue().splitlines() == [
        "2 files checked: 0 in use, 1 not in use but younger than 24 hours (kept).",
        "1 files deleted, 7 bytes freed.",
    ]
    assert err.getvalue().startswith("Stored files checked: 2 (")


def test_the_command_in_a_dry_run_lists_the_files_and_keeps_them(media):
    old = put(media, "papers/2026/01/old.pdf", modified_at=timezone.now() - GRACE * 3)
    out = StringIO()

    call_command("purge_orphan_files", "--dry-run", stdout=out, stderr=StringIO())

    assert old.exists()
    assert out.getvalue().splitlines() == [
        "papers/2026/01/old.pdf",
        "1 files checked: 0 in use, 0 not in use but younger than 24 hours (kept).",
        "Dry run: 1 files (10 bytes) would be deleted.",
    ]


def test_the_task_runs_the_purge_and_returns_the_counts(media):
    put(media, "papers/2026/01/old.pdf", modified_at=timezone.now() - GRACE * 3)

    counts = orphan_files_purge_task.delay().get()

    assert counts == {
        "dry_run": False,
        "checked": 1,
        "referenced": 0,
        "recent": 0,
        "deleted": 1,
        "bytes_freed": 10,
    }


def test_beat_runs_the_task_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["files-orphan-files-purge"]

    assert entry == {"task": "files.orphan_files_purge", "schedule": 24 * 3600}
    assert orphan_files_purge_task.name == entry["task"]
