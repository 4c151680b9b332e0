"""The purge of stored files keeps every file a dossier, a draft or a citizen's
data store refers to, however old, and deletes those nobody refers to any more.

The rows are written by the apps' own services (``documents`` sits below them, so
these tests live here rather than in ``motcua/documents/tests``).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from motcua.citizens.services import stored_paper_delete, stored_paper_upload
from motcua.dossiers import services as s
from motcua.dossiers.models import DossierPaper
from motcua.dossiers.tests.factories import all_ticks, applicant, vn
from motcua.files.orphans import orphan_files_purge
from motcua.submissions.models import SubmissionPaper
from motcua.submissions.services import DraftValues, submission_save, submission_start
from motcua.submissions.supplements import supplement_send_online
from motcua.submissions.tests.factories import NOW, OnlineWorld, pdf_upload

pytestmark = pytest.mark.django_db

# When the purge runs: long after the rows were written (at NOW, 2 March 2026).
PURGE_AT = vn(2026, 6, 1, 3)


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    settings.MOTCUA_ORPHAN_FILE_GRACE_HOURS = 24
    return Path(tmp_path)


@pytest.fixture
def world():
    return OnlineWorld()


def age(media: Path, name: str, days: int = 60) -> Path:
    """Make stored file ``name`` look written ``days`` before the purge."""
    path = media / name
    stamp = (PURGE_AT - timedelta(days=days)).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def stray(media: Path) -> Path:
    """An old file in the dossiers' folder that no row refers to."""
    path = media / "dossiers/2026/03/stray.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7 left behind")
    return age(media, "dossiers/2026/03/stray.pdf")


def test_a_dossier_documents_file_is_kept(world, media):
    dossier = s.dossier_register_online(
        now=NOW,
        procedure=world.procedure,
        competent_agency=world.agency,
        applicant=applicant(),
        papers=all_ticks(world.procedure),
        account=world.citizen,
    )
    s.dossier_request_supplement_at_reception(
        dossier_code=dossier.code,
        actor=world.officer,
        now=NOW + timedelta(hours=1),
        items=["Giấy xác nhận của tổ dân phố"],
    )
    supplement_send_online(
        dossier=dossier,
        account=world.citizen,
        uploads={0: pdf_upload()},
        now=NOW + timedelta(hours=2),
    )
    (name,) = [
        row.file.name
        for row in DossierPaper.objects.filter(dossier=dossier).exclude(file="")
    ]
    # Only the dossier refers to it: sent for a supplement, not through a draft.
    assert not SubmissionPaper.objects.filter(file=name).exists()
    kept, gone = age(media, name), stray(media)

    report = orphan_files_purge(now=PURGE_AT)

    assert kept.exists() and not gone.exists()
    assert (report.referenced, report.deleted) == (1, 1)


def test_a_draft_upload_is_kept(world, media):
    draft = submission_start(account=world.citizen, procedure=world.procedure, now=NOW)
    submission_save(
        submission=draft,
        account=world.citizen,
        values=DraftValues(
            competent_agency_id=world.agency.pk,
            applicant_name="Trần Thị Hương",
            applicant_id_number="001190012345",
            applicant_phone="0912345678",
            applicant_email="",
            applicant_address="12 Hàng Bạc, Hoàn Kiếm",
            summary="Đăng ký thường trú",
        ),
        uploads={world.items[0].pk: pdf_upload()},
        reuse={},
        now=NOW,
    )
    (name,) = [paper.file.name for paper in draft.papers.exclude(file="")]
    kept, gone = age(media, name), stray(media)

    report = orphan_files_purge(now=PURGE_AT)

    assert name.startswith("submissions/")
    assert kept.exists() and not gone.exists()
    assert (report.referenced, report.deleted) == (1, 1)


def test_a_paper_in_the_data_store_is_kept_until_it_is_removed(world, media):
    paper = stored_paper_upload(
        owner=world.citizen, name="Giấy khai sinh", upload=pdf_upload(), now=NOW
    )
    name = paper.file.name
    kept, gone = age(media, name), stray(media)

    report = orphan_files_purge(now=PURGE_AT)

    assert name.startswith("papers/")
    assert kept.exists() and not gone.exists()
    assert (report.referenced, report.deleted) == (1, 1)

    # Removing it from "my papers" leaves the file (a dossier might need it);
    # nothing refers to it now, so the next purge deletes it.
    stored_paper_delete(owner=world.citizen, pk=paper.pk)

    report = orphan_files_purge(now=PURGE_AT)

    assert not kept.exists()
    assert report.names == [name]
