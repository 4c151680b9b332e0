"""The demo bank page over HTTP: pay, fail or cancel, then settle from the answer."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.test import Client

from motcua.payments.models import Payment, PaymentStatus
from motcua.payments.services import payment_settle
from motcua.payments.tests.conftest import NOW, RETURN_URL, demo_answer

LATER = NOW + timedelta(minutes=2)


@pytest.fixture
def visitor() -> Client:
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # chose English
    return client


class ButtonParser(HTMLParser):
    """Collect the submit buttons: id → (visible label, value)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, tuple[str, str]] = {}
        self._open: dict[str, str | None] | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "button":
            self._open, self._text = dict(attrs), ""

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "button" and self._open is not None:
            attrs, self._open = self._open, None
            if attrs.get("type") == "submit" and attrs.get("name") == "result":
                label = (self._text.strip(), attrs.get("value") or "")
                self.found[attrs.get("id") or ""] = label


def buttons(html: str) -> dict[str, tuple[str, str]]:
    parser = ButtonParser()
    parser.feed(html)
    return parser.found


def page_url(payment: Payment) -> str:
    return f"/thanh-toan-demo/{payment.reference}/"


def press(visitor: Client, payment: Payment, result: str):
    """Open the page, then press the button with the page's own CSRF token."""
    page = visitor.get(page_url(payment))
    assert page.status_code == 200
    token = page.context["csrf_token"]
    return visitor.post(
        page_url(payment), {"result": result, "csrfmiddlewaretoken": str(token)}
    )


def answer_of(location: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(location)
    return parts.path, dict(parse_qsl(parts.query))


def test_the_page_shows_the_demo_notice_the_amount_and_three_buttons(visitor, payment):
    response = visitor.get(page_url(payment))

    html = response.content.decode()
    assert response.status_code == 200
    assert "DEMO — no money moves" in html
    assert "Lệ phí đăng ký hộ kinh doanh" in html
    assert "150.000\u00a0₫" in html
    assert buttons(html) == {
        "demo-pay": ("Pay", "paid"),
        "demo-fail": ("Simulate a failure", "failed"),
        "demo-cancel": ("Cancel", "cancelled"),
    }
    assert "<legend>What should the demo bank answer?</legend>" in html
    assert "<script" not in html
    assert "no-cache" in response["Cache-Control"]
    assert '<meta name="viewport"' in html
    # A browser sends "Origin: null" with a POST under "no-referrer" (CSRF fails).
    assert '<meta name="referrer" content="same-origin">' in html


@pytest.mark.parametrize(
    ("button", "status"),
    [
        ("paid", PaymentStatus.PAID),
        ("failed", PaymentStatus.FAILED),
        ("cancelled", PaymentStatus.CANCELLED),
    ],
)
def test_a_button_sends_the_payer_back_with_an_answer_that_settles_the_payment(
    visitor, payment, button, status
):
    response = press(visitor, payment, button)

    assert response.status_code == 302
    path, params = answer_of(response["Location"])
    assert path == RETURN_URL
    assert set(params) == {"ref", "result", "txn", "sig"}
    assert params["ref"] == payment.reference
    assert params["result"] == button
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING  # the page settles nothing

    settled = payment_settle(reference=params["ref"], params=params, now=LATER)

    assert settled.status == status
    assert settled.gateway_transaction == params["txn"]
    assert settled.settled_at == LATER


def test_the_answer_keeps_the_query_of_the_return_address(visitor, make_payment):
    payment = make_payment(return_url="https://motcua.example.vn/back/?step=pay")

    response = press(visitor, payment, "paid")

    parts = urlsplit(response["Location"])
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "motcua.example.vn",
        "/back/",
    )
    params = dict(parse_qsl(parts.query))
    assert params["step"] == "pay"
    assert payment_settle(
        reference=payment.reference, params=params, now=LATER
    ).status == (PaymentStatus.PAID)


def test_an_answer_altered_on_the_way_back_is_refused(visitor, payment):
    _path, params = answer_of(press(visitor, payment, "cancelled")["Location"])
    params["result"] = "paid"

    with pytest.raises(Exception, match="could not be verified"):
        payment_settle(reference=payment.reference, params=params, now=LATER)

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_a_settled_payment_shows_its_status_instead_of_the_buttons(visitor, payment):
    payment_settle(
        reference=payment.reference, params=demo_answer(payment, "paid"), now=LATER
    )

    response = visitor.get(page_url(payment))

    html = response.content.decode()
    assert response.status_code == 200
    assert "This payment is already settled: paid" in html
    assert buttons(html) == {}
    back = response.context["back"]
    path, params = answer_of(back)
    assert path == RETURN_URL
    assert params["result"] == "paid"
    again = payment_settle(reference=payment.reference, params=params, now=LATER)
    assert again.status == PaymentStatus.PAID


def test_pressing_a_button_on_a_settled_payment_changes_nothing(visitor, payment):
    page = visitor.get(page_url(payment))
    token = str(page.context["csrf_token"])
    payment_settle(
        reference=payment.reference, params=demo_answer(payment, "failed"), now=LATER
    )

    response = visitor.post(
        page_url(payment), {"result": "paid", "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 409
    assert "already settled: failed" in response.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED


def test_an_unknown_answer_shows_the_buttons_again(visitor, payment):
    response = press(visitor, payment, "refund")

    assert response.status_code == 400
    assert "Choose one of the buttons." in response.content.decode()
    assert "demo-pay" in buttons(response.content.decode())


def test_an_unknown_reference_is_a_404_page_not_an_error(visitor, db):
    response = visitor.get("/thanh-toan-demo/no-such-payment/")

    assert response.status_code == 404
    assert "Payment not found" in response.content.decode()
    assert visitor.post("/thanh-toan-demo/no-such-payment/").status_code == 403  # CSRF


def test_an_unknown_reference_posted_with_a_token_is_a_404(visitor, payment):
    token = str(visitor.get(page_url(payment)).context["csrf_token"])

    response = visitor.post(
        "/thanh-toan-demo/no-such-payment/",
        {"result": "paid", "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 404


def test_a_payment_at_another_gateway_has_no_demo_page(visitor, payment):
    Payment.objects.filter(pk=payment.pk).update(gateway="real-bank")

    assert visitor.get(page_url(payment)).status_code == 404


def test_the_page_is_in_vietnamese_layout_by_default(payment):
    response = Client().get(page_url(payment))

    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()
