"""Staff log in, search the catalogue without accents and compute a deadline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from motcua.accounts.models import User
from motcua.procedures.services import catalogue_import

SEED = (
    Path(__file__).resolve().parents[2] / "motcua" / "demo" / "seed" / "demo_seed.json"
)


@pytest.fixture
def staff(transactional_db) -> User:
    return User.objects.create_user(
        username="reception", password="demo12345", full_name="Nguyễn Thị Lan"
    )


@pytest.fixture
def catalogue(transactional_db) -> None:
    records = json.loads(SEED.read_text(encoding="utf-8"))["procedures"]
    catalogue_import(records=records)


def log_in(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/login/")
    page.get_by_label("Tên đăng nhập").fill("reception")
    page.get_by_label("Mật khẩu").fill("demo12345")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nguyễn Thị Lan")


def test_staff_finds_a_procedure_typed_without_accents(
    page: Page, live_server, staff, catalogue
):
    log_in(page, live_server.url)
    page.get_by_role("link", name="Thủ tục hành chính").first.click()
    page.get_by_label("Tìm thủ tục").fill("dang ky khai sinh")
    first_row = page.locator("#results tbody tr").first
    expect(first_row).to_contain_text("Thủ tục đăng ký khai sinh")
    first_row.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("đăng ký khai sinh")


def test_staff_computes_a_deadline_across_tet(page: Page, live_server, staff):
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/calendar/deadline/")
    # Typed in Vietnamese order, whatever the browser's locale.
    page.get_by_label("Thời điểm tiếp nhận").fill("12/02/2026 15:30")
    page.get_by_label("Số lượng").fill("5")
    page.get_by_role("button", name="Tính").click()
    expect(page.locator("#deadline-value")).to_have_attribute(
        "data-iso", "2026-02-26T17:00:00+07:00"
    )


def test_a_bad_amount_is_explained_not_a_crash(page: Page, live_server, staff):
    log_in(page, live_server.url)
    page.goto(
        f"{live_server.url}/calendar/deadline/?received_at=1990-01-02T09:00"
        "&amount=5&unit=working_days"
    )
    expect(page.get_by_role("alert")).to_be_visible()
