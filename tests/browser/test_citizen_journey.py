"""The whole citizen journey on a 360 px phone, in a real Chromium.

A citizen finds "đăng ký khai sinh" typed without accents, creates an account,
files online with uploads (a bad file first: refused, the form keeps its values),
pays in the demo gateway, tracks the dossier by code, sees it move when the
reception officer acts in the back office, and rates it once it is returned.
"""

from __future__ import annotations

from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Browser, FilePayload, Page, expect
from pypdf import PdfWriter

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.citizens.tests.codes import code_sent_to
from motcua.dossiers import services as s
from motcua.dossiers.models import Dossier
from motcua.procedures.choices import Channel
from motcua.procedures.models import Procedure, ProcedureChannel
from motcua.ratings.models import Rating

WIDTH = 360
BIRTH = "1.001193"
WARD = "H26.00004"  # the demo ward whose staff decide its dossiers
FEE = 8_000
PASSWORD = "Khai-sinh-cho-be-2026"


@pytest.fixture
def demo(transactional_db) -> Procedure:
    call_command("seed_demo", "--own-seed", stdout=StringIO())
    birth = Procedure.objects.get(code=BIRTH)
    # Registering a birth is free; this test gives its online channel a fee (as a
    # paid copy of the extract would be) so that the journey crosses the payment.
    ProcedureChannel.objects.filter(procedure=birth, channel=Channel.ONLINE).update(
        fee_amount_vnd=FEE, fee_text="8.000 đồng (bản sao trích lục, dữ liệu kiểm thử)"
    )
    return birth


def pdf_file() -> FilePayload:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = BytesIO()
    writer.write(out)
    out.seek(0)
    return {
        "name": "to-khai.pdf",
        "mimeType": "application/pdf",
        "buffer": out.getvalue(),
    }


def jpeg_file() -> FilePayload:
    out = BytesIO()
    Image.new("RGB", (64, 48), "white").save(out, format="JPEG")
    return {
        "name": "giay-chung-sinh.jpg",
        "mimeType": "image/jpeg",
        "buffer": out.getvalue(),
    }


def not_a_pdf() -> FilePayload:
    return {
        "name": "giay-chung-sinh.pdf",
        "mimeType": "application/pdf",
        "buffer": b"this is a text file pretending to be a PDF",
    }


def fits(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") <= WIDTH)


def officer_receives(browser: Browser, base_url: str, code: str) -> None:
    """The reception officer of the centre receives the online dossier."""
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.goto(f"{base_url}/login/")
    page.locator("#id_username").fill("reception")
    page.locator("#id_password").fill("demo12345")
    page.locator("#id_password").press("Enter")
    expect(page.locator("#quick-search")).to_be_visible()
    page.goto(f"{base_url}/dossiers/{code}/")
    expect(page.locator("#paper-file-1")).to_be_visible()  # the uploads can be opened
    box = page.get_by_test_id("action-receive")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    box.get_by_test_id("submit-receive").click()
    expect(page.get_by_test_id("step")).to_have_attribute("data-step", "assignment")
    context.close()


def decide_and_return(code: str) -> None:
    """The ward decides through the services (their pages are tested elsewhere)."""
    now = timezone.now()
    staff = {
        u.username: u
        for u in User.objects.filter(
            username__in=[
                "division_leader",
                "specialist",
                "leader",
                "clerk",
                "reception",
            ]
        )
    }
    s.dossier_assign(
        dossier_code=code,
        actor=staff["division_leader"],
        now=now,
        assignee=staff["specialist"],
    )
    s.dossier_forward(
        dossier_code=code, actor=staff["specialist"], now=now, to_step="approval"
    )
    s.dossier_approve(dossier_code=code, actor=staff["leader"], now=now)
    s.dossier_issue_result(dossier_code=code, actor=staff["clerk"], now=now)
    s.dossier_return_result(dossier_code=code, actor=staff["reception"], now=now)


def test_a_citizen_finds_files_pays_tracks_and_rates(
    page: Page, browser: Browser, live_server, demo: Procedure
):
    base = live_server.url
    page.set_viewport_size({"width": WIDTH, "height": 740})

    # 1. Find the procedure without typing accents.
    page.goto(f"{base}/cong-dan/")
    page.locator("#procedure-query").fill("dang ky khai sinh")
    page.locator("#procedure-query").press("Enter")
    page.locator("#procedure-results li a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(demo.name)
    page.locator("#start-button").click()
    expect(page.locator("#submit-fee")).to_contain_text("8.000")

    # 2. Create an account, and come back to the start.
    page.locator("#submit-signup").click()
    page.locator("#id_full_name").fill("Nguyễn Thị Thu")
    page.locator("#id_id_number").fill("001195012345")
    page.locator("#id_phone").fill("0912345678")
    page.locator("#id_email").fill("thu@example.vn")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password_again").fill(PASSWORD)
    page.locator("#id_password_again").press("Enter")
    expect(page.locator("#signup-confirm-form")).to_be_visible()
    page.locator("#id_code").fill(code_sent_to("0912345678"))
    page.locator("#id_code").press("Enter")
    expect(page.locator("#submit-begin")).to_be_visible()
    page.locator("#submit-begin").click()

    # 3. The form: a bad file is refused and nothing typed is lost.
    ward = Agency.objects.get(code=WARD)
    page.locator("#competent_agency").select_option(str(ward.pk))
    page.locator("#summary").fill("Đăng ký khai sinh cho con gái Nguyễn Thu An")
    first, second = (
        demo.papers.filter(is_note=False)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    page.locator(f"#paper-{first}").set_input_files(pdf_file())
    page.locator(f"#paper-{second}").set_input_files(not_a_pdf())
    page.locator("#submit-next").click()
    expect(page.locator(f"#paper-{second}-error")).to_contain_text(
        "giay-chung-sinh.pdf"
    )
    expect(page.locator("#summary")).to_have_value(
        "Đăng ký khai sinh cho con gái Nguyễn Thu An"
    )
    expect(page.locator("#applicant_phone")).to_have_value("0912345678")
    expect(page.locator(f"#paper-{first}-have")).to_be_visible()
    assert fits(page)
    page.locator(f"#paper-{second}").set_input_files(jpeg_file())
    page.locator("#submit-next").click()

    # 4. Review, then pay in the demo gateway (cancel once: nothing is filed).
    expect(page.locator("#review-papers li")).to_have_count(2)
    seeded = Dossier.objects.count()
    page.locator("#review-submit").click()
    expect(page.locator("#demo-pay")).to_be_visible()
    page.locator("#demo-cancel").click()
    expect(page.locator("#review-message")).to_be_visible()
    assert Dossier.objects.count() == seeded
    page.locator("#review-submit").click()
    page.locator("#demo-pay").click()

    # 5. The confirmation gives the code, the expected date and the next steps.
    code = page.locator("#done-code").inner_text().strip()
    dossier = Dossier.objects.get(code=code)
    assert dossier.channel == 2 and dossier.fees.get().paid_at is not None
    expect(page.locator("#done-steps li")).to_have_count(3)
    assert fits(page)

    # 6. Track it by code; the reception officer acts and the page follows.
    page.locator("#done-track").click()
    expect(page.locator("#status-label")).to_have_attribute("data-status", "1")
    officer_receives(browser, base, code)
    page.reload()
    expect(page.locator("#status-label")).to_have_attribute("data-status", "2")

    # 7. Once returned, the citizen rates it (with the last 4 digits of the phone).
    decide_and_return(code)
    page.goto(f"{base}/tra-cuu/")
    page.locator("#id_code").fill(code)
    page.locator("#id_check").fill("5678")
    page.locator("#tracking-submit").click()
    expect(page.locator("#status-label")).to_have_attribute("data-status", "10")
    page.locator("#rating-form input[name='score'][value='satisfied']").check()
    page.locator("#rating-submit").click()
    expect(page.locator("#rating-done, h1")).to_be_visible()
    assert Rating.objects.get(dossier__code=code).score == "satisfied"
    assert fits(page)
