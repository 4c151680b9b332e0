"""Second factor at staff login: required of the roles that see personal data."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import URLPattern, reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.second_factor import (
    second_factor_enrolled,
    totp_setup_confirm,
    totp_setup_start,
)
from motcua.agencies.models import StaffRole
from motcua.backoffice import urls as backoffice_urls
from motcua.backoffice.second_factor import OPEN_VIEWS
from motcua.dossiers.tests.factories import World, staff

pytestmark = pytest.mark.django_db

PASSWORD = "Mat-khau-can-bo-2026"


@pytest.fixture(autouse=True)
def second_factor_on(settings):
    """As in production: every role that sees personal data."""
    settings.MOTCUA_SECOND_FACTOR_ROLES = settings.MOTCUA_PERSONAL_DATA_ROLES


def code_now(device: TOTPDevice) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


# The suite's fixed clock (conftest.FIXED_NOW): 09:30:00, the start of a TOTP step.
START = datetime(2026, 11, 17, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def later(seconds: int = 31, *, tick: bool = True) -> time_machine.travel:
    """``seconds`` after the suite's start: past 30 s is a new TOTP step (a code
    is accepted once per step), past 60 s the next one."""
    return time_machine.travel(START + timedelta(seconds=seconds), tick=tick)


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    totp_setup_start(user)
    device = TOTPDevice.objects.get(user=user)
    return totp_setup_confirm(user=user, code=code_now(device))


def test_an_officer_logs_in_sets_up_the_app_and_reaches_the_counter(client, world):
    world.officer.set_password(PASSWORD)
    world.officer.save()

    login = client.post(
        "/login/?next=/counter/",
        {"username": "officer", "password": PASSWORD, "next": "/counter/"},
    )
    gate = client.get(login["Location"])
    code_page = client.get(gate["Location"])
    setup = client.get(code_page["Location"])

    assert login["Location"] == "/counter/"
    assert gate.status_code == 302
    assert gate["Location"] == "/login/code/?next=%2Fcounter%2F"
    assert code_page["Location"].startswith("/account/second-factor/")
    page = setup.content.decode()
    assert "Cài đặt ứng dụng xác thực" in page
    assert 'src="data:image/svg+xml' in page
    assert setup["Cache-Control"].startswith("max-age=0")

    device = TOTPDevice.objects.get(user=world.officer, confirmed=False)
    done = client.post(
        "/account/second-factor/", {"code": code_now(device), "next": "/counter/"}
    )

    body = done.content.decode()
    codes = re.findall(r"<li><code>([a-z2-9]{4}-[a-z2-9]{4})</code></li>", body)
    assert done.status_code == 200
    assert len(codes) == 10
    assert client.get("/counter/").status_code == 200


def test_a_wrong_code_is_refused_and_slows_the_next_try(client, world):
    device, _codes = enrolled(world.officer)
    client.force_login(world.officer)

    with later(tick=False):  # the clock stands still: well within the 1 s
        wrong = client.post("/login/code/", {"code": "000000", "next": "/counter/"})
        right_too_soon = client.post(
            "/login/code/", {"code": code_now(device), "next": "/counter/"}
        )
        still_gated = client.get("/counter/")
    with later(75):
        right = client.post(
            "/login/code/", {"code": code_now(device), "next": "/counter/"}
        )

    assert wrong.status_code == 200
    assert "Mã không đúng hoặc đã hết hạn" in wrong.content.decode()
    assert right_too_soon.status_code == 200  # throttled: 1 s after a failure
    assert still_gated.status_code == 302
    assert right.status_code == 302
    assert right["Location"] == "/counter/"
    assert client.get("/counter/").status_code == 200


def test_passing_the_second_factor_gives_a_new_session_key(client, world):
    device, _codes = enrolled(world.officer)
    client.force_login(world.officer)
    before = client.session.session_key

    with later():
        client.post("/login/code/", {"code": code_now(device)})

    assert client.session.session_key != before
    assert client.get("/counter/").status_code == 200


def test_a_recovery_code_works_once(client, world):
    _device, codes = enrolled(world.officer)
    client.force_login(world.officer)

    first = client.post("/login/code/", {"code": codes[0].upper(), "next": "/"})
    client.logout()
    client.force_login(world.officer)
    with later(5):  # past the throttle of any earlier failure
        again = client.post("/login/code/", {"code": codes[0], "next": "/"})

    assert first.status_code == 302
    assert again.status_code == 200
    assert StaticToken.objects.filter(device__user=world.officer).count() == 9


def test_a_password_alone_cannot_replace_the_app(client, world):
    device, _codes = enrolled(world.officer)
    client.force_login(world.officer)

    page = client.get("/account/second-factor/")
    post = client.post("/account/second-factor/", {"code": "123456"})

    assert page.status_code == 302
    assert page["Location"].startswith("/login/code/")
    assert post.status_code == 302
    assert list(TOTPDevice.objects.filter(user=world.officer)) == [device]


def test_every_staff_page_waits_for_the_second_factor(client, world):
    client.force_login(world.officer)
    paths = []
    for pattern in backoffice_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        if f"backoffice:{pattern.name}" in OPEN_VIEWS:
            continue
        route = re.sub(r"<(?:\w+:)?\w+>", "1", str(pattern.pattern))
        paths.append("/" + route)
    paths += ["/admin/", "/admin/accounts/user/"]

    answers = {path: client.get(path) for path in paths}

    for path, response in answers.items():
        assert response.status_code == 302, path
        assert response["Location"].startswith("/login/code/"), path
    assert len(answers) > 20


def test_an_htmx_fragment_is_sent_to_the_whole_code_page(client, world):
    client.force_login(world.officer)

    response = client.get("/counter/procedures/?q=a", HTTP_HX_REQUEST="true")

    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/login/code/")


def test_a_city_supervisor_is_not_asked_unless_they_chose_it(client):
    world = World()
    supervisor = staff(world.agency, StaffRole.CITY_SUPERVISOR, username="sup")
    client.force_login(supervisor)
    free = client.get("/overview/")

    enrolled(supervisor)
    client.logout()
    client.force_login(supervisor)
    asked = client.get("/overview/")

    assert free.status_code == 200
    assert asked.status_code == 302
    assert asked["Location"].startswith("/login/code/")


def test_new_recovery_codes_replace_the_old_ones(client, world):
    device, old = enrolled(world.officer)
    client.force_login(world.officer)
    with later():
        client.post("/login/code/", {"code": code_now(device)})

    page = client.get("/account/security/")
    renewed = client.post("/account/recovery-codes/")
    client.logout()
    client.force_login(world.officer)
    old_code = client.post("/login/code/", {"code": old[1]})

    assert "10 mã khôi phục còn lại" in page.content.decode()
    assert renewed.status_code == 200
    assert len(re.findall(r"<li><code>", renewed.content.decode())) == 10
    assert old_code.status_code == 200  # refused: the page again


def test_the_api_asks_for_the_code_of_an_account_that_needs_one(client, world):
    world.officer.set_password(PASSWORD)
    world.officer.save()

    def token(**extra):
        return client.post(
            "/api/v1/auth/token",
            {"username": "officer", "password": PASSWORD, **extra},
            content_type="application/json",
        )

    not_set_up = token()
    device, _codes = enrolled(world.officer)
    no_code = token()
    with later():
        wrong = token(code="999999")
    with later(75):
        right = token(code=code_now(device))

    assert not_set_up.status_code == 403
    assert "ứng dụng xác thực" in not_set_up.json()["detail"]
    assert no_code.status_code == 403
    assert wrong.status_code == 403
    assert right.status_code == 200
    assert right.json()["token"]


def test_an_agency_admin_resets_a_lost_phone(client, world):
    admin_user = staff(world.agency, StaffRole.AGENCY_ADMIN, username="admin1")
    admin_user.is_staff = True
    admin_user.save()
    admin_device, _codes = enrolled(admin_user)
    enrolled(world.officer)
    client.force_login(admin_user)
    with later():
        client.post("/login/code/", {"code": code_now(admin_device)})

    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [world.officer.pk]},
    )

    assert response.status_code == 302
    assert not second_factor_enrolled(world.officer)
    assert second_factor_enrolled(admin_user)


def test_check_deploy_fails_when_a_personal_data_role_has_no_second_factor(
    settings,
):
    settings.MOTCUA_SECOND_FACTOR_ROLES = ("specialist",)

    with pytest.raises(SystemCheckError, match=r"motcua\.agencies\.E001"):
        call_command("check", "--deploy", "--tag", "security")
