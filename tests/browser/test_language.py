"""A browser set to English still sees Vietnamese, until the person picks English;
dates are typed dd/mm/yyyy either way."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from motcua.accounts.models import User


def test_an_english_browser_sees_vietnamese_until_english_is_chosen(
    browser: Browser, live_server, transactional_db
):
    User.objects.create_user(username="reception", password="demo12345")
    context = browser.new_context(locale="en-US", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()

    page.goto(f"{live_server.url}/login/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.get_by_label("Tên đăng nhập").fill("reception")
    page.get_by_label("Mật khẩu").fill("demo12345")
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{live_server.url}/calendar/deadline/")
    received = page.get_by_label("Thời điểm tiếp nhận")
    expect(received).to_have_attribute("placeholder", "dd/mm/yyyy hh:mm")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(f"{live_server.url}/cong-dan/")  # the choice is kept
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(f"{live_server.url}/calendar/deadline/")
    page.get_by_label("Received at").fill("12/02/2026 15:30")
    page.get_by_label("Amount").fill("5")
    page.get_by_role("button", name="Compute").click()
    expect(page.locator("#deadline-value")).to_have_attribute(
        "data-iso", "2026-02-26T17:00:00+07:00"
    )
    expect(page.locator("#deadline-value")).to_contain_text("26/02/2026")
    context.close()
