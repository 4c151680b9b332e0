"""An officer sets up the authenticator app at first login, then logs in with it
and with a recovery code, in a real Chromium (strict CSP on every page)."""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from motcua.agencies.models import StaffAssignment, StaffRole
from motcua.dossiers.tests.factories import AgencyFactory, UserFactory

PASSWORD = "demo12345"  # a test account


@pytest.fixture
def officer(transactional_db, settings):
    settings.MOTCUA_SECOND_FACTOR_ROLES = ("reception_officer",)
    user = UserFactory.create(username="reception", full_name="Nguyễn Thị Lan")
    user.set_password(PASSWORD)
    user.save()
    StaffAssignment.objects.create(
        user=user, agency=AgencyFactory.create(), role=StaffRole.RECEPTION_OFFICER
    )
    return user


def log_in(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/login/")
    page.get_by_label("Tên đăng nhập").fill("reception")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_first_login_sets_up_the_app_then_codes_let_the_officer_in(
    page: Page, live_server, officer
):
    log_in(page, live_server.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Cài đặt ứng dụng xác thực"
    )
    expect(page.get_by_test_id("second-factor-required")).to_be_visible()
    expect(page.get_by_test_id("second-factor-qr")).to_be_visible()
    secret = page.get_by_test_id("second-factor-secret").inner_text()
    key = b32decode(secret.replace(" ", ""))
    page.get_by_label("Mã").fill(f"{TOTP(key).token():06d}")
    page.get_by_role("button", name="Xác nhận").click()

    codes = page.get_by_test_id("recovery-codes").locator("code").all_inner_texts()
    assert len(codes) == 10
    assert all(re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}", code) for code in codes)
    page.get_by_test_id("recovery-codes-done").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nguyễn Thị Lan")
    assert TOTPDevice.objects.filter(user=officer, confirmed=True).count() == 1

    # Next login: the password alone opens nothing; a recovery code does, once.
    page.get_by_role("button", name="Đăng xuất").click()
    log_in(page, live_server.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bước xác thực thứ hai")
    page.goto(f"{live_server.url}/catalogue/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bước xác thực thứ hai")
    page.get_by_label("Mã").fill("000000")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("alert")).to_contain_text("Mã không đúng")
    page.wait_for_timeout(1100)  # a wrong code slows the next try by a second
    page.get_by_label("Mã").fill(codes[0])
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page).to_have_url(re.compile(r"/catalogue/$"))

    page.get_by_test_id("nav-account").click()
    expect(page.get_by_test_id("second-factor-status")).to_contain_text(
        "9 mã khôi phục còn lại"
    )
