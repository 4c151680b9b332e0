"""The online filing pages pass axe-core and read well at 320 px ("citizen portal" §8).

Each page is opened as the citizen sees it: the start page before logging in, the
form with a refused upload, the review, the demo bank and the confirmation.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Page, expect

from motcua.dossiers import services as s
from motcua.dossiers.inputs import FeeLine, PaperTick
from motcua.dossiers.models import Dossier
from motcua.submissions.services import (
    submission_file,
    submission_pay,
    submission_save,
    submission_start,
)
from motcua.submissions.tests.factories import OnlineWorld, pdf_upload, png_upload
from motcua.submissions.tests.test_services import values
from tests.browser.test_accessibility import assert_accessible, axe  # noqa: F401

PASSWORD = "Khong-doan-duoc-2026"  # the factories' citizen


@pytest.fixture
def world(transactional_db) -> OnlineWorld:
    cache.clear()
    return OnlineWorld(fee=20_000)


def log_in(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/cong-dan/dang-nhap/")
    page.locator("#id_id_number").fill("001190012345")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.locator("#id_password")).to_have_count(0)


def test_the_filing_pages_have_no_serious_accessibility_violation(
    page: Page,
    live_server,
    world: OnlineWorld,
    axe: Any,  # noqa: F811
):
    base = live_server.url
    start = f"/nop-truc-tuyen/{world.procedure.code}/"
    page.goto(f"{base}{start}")
    assert_accessible(page, axe, start)

    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, base)
    now = timezone.now()
    draft = submission_start(account=world.citizen, procedure=world.procedure, now=now)
    form = f"/nop-truc-tuyen/ho-so/{draft.token}/"
    page.goto(f"{base}{start}")
    assert_accessible(page, axe, f"{start} (logged in)")

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base}{form}")
    first, second, _held = world.items
    page.locator(f"#paper-{second.pk}").set_input_files(
        {"name": "x.png", "mimeType": "image/png", "buffer": b"not an image"}
    )
    page.locator("#submit-save").click()
    expect(page.locator(f"#paper-{second.pk}-error")).to_be_visible()
    assert_accessible(page, axe, f"{form} (a refused file)")

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base}{form}xem-lai/")
    expect(page.locator("#review-problems")).to_be_visible()
    assert_accessible(page, axe, f"{form}xem-lai/ (not ready)")

    submission_save(
        submission=draft,
        account=world.citizen,
        values=values(world),
        uploads={first.pk: pdf_upload(), second.pk: png_upload()},
        reuse={},
        now=now,
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base}{form}xem-lai/")
    expect(page.locator("#review-submit")).to_be_visible()
    assert_accessible(page, axe, f"{form}xem-lai/")

    payment = submission_pay(
        submission=draft, account=world.citizen, return_url="/", now=now
    )
    bank = f"/thanh-toan-demo/{payment.reference}/"
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base}{bank}")
    assert_accessible(page, axe, bank)

    world.procedure.channels.update(fee_amount_vnd=None)
    submission_file(submission=draft, account=world.citizen, now=now)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base}{form}da-nop/")
    expect(page.locator("#done-code")).to_be_visible()
    assert_accessible(page, axe, f"{form}da-nop/")


def filed(world: OnlineWorld) -> Dossier:
    """A free online dossier of the factories' citizen, registered now."""
    now = timezone.now()
    world.procedure.channels.update(fee_amount_vnd=None)
    draft = submission_start(account=world.citizen, procedure=world.procedure, now=now)
    first, second, _held = world.items
    submission_save(
        submission=draft,
        account=world.citizen,
        values=values(world),
        uploads={first.pk: pdf_upload(), second.pk: png_upload()},
        reuse={},
        now=now,
    )
    return submission_file(submission=draft, account=world.citizen, now=now)


def test_the_supplement_page_has_no_serious_accessibility_violation(
    page: Page,
    live_server,
    world: OnlineWorld,
    axe: Any,  # noqa: F811
):
    dossier = filed(world)
    s.dossier_request_supplement_at_reception(
        dossier_code=dossier.code,
        actor=world.officer,
        now=timezone.now(),
        items=["Tờ khai (bản rõ nét hơn)"],
    )
    log_in(page, live_server.url)
    url = f"/cong-dan/ho-so-cua-toi/{dossier.code}/bo-sung/"
    page.goto(f"{live_server.url}{url}")
    expect(page.locator("#supplement-form")).to_be_visible()
    assert_accessible(page, axe, url)


def test_the_fees_page_has_no_serious_accessibility_violation(
    page: Page,
    live_server,
    world: OnlineWorld,
    axe: Any,  # noqa: F811
):
    dossier = filed(world)
    now = timezone.now()
    ticks = [PaperTick(required_paper_id=item.pk) for item in world.items]
    s.dossier_receive(
        dossier_code=dossier.code, actor=world.officer, now=now, papers=ticks
    )
    s.dossier_assign(
        dossier_code=dossier.code,
        actor=world.division,
        now=now,
        assignee=world.specialist,
    )
    s.dossier_request_payment(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=now,
        fees=[FeeLine(name="Lệ phí trước bạ", amount_vnd=500_000)],
    )
    log_in(page, live_server.url)
    url = f"/cong-dan/ho-so-cua-toi/{dossier.code}/nop-phi/"
    page.goto(f"{live_server.url}{url}")
    expect(page.locator("#fees-submit")).to_be_visible()
    assert_accessible(page, axe, url)
