"""The public statuses are the national portal's TrangThaiHoSo codes, one for one."""

from __future__ import annotations

import csv

from django.utils import translation

from motcua.dossiers.choices import DossierStatus


def test_every_status_is_the_national_portals_code_with_its_label(shared_data):
    path = shared_data / "reference" / "dvcqg_dossier_status_codes.csv"
    with path.open(encoding="utf-8", newline="") as source:
        portal = {int(row["code"]): row["label_vi"] for row in csv.DictReader(source)}

    with translation.override("vi"):
        ours = {status.value: str(status.label) for status in DossierStatus}

    assert ours == portal
