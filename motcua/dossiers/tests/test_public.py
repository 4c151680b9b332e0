"""Public tracking by code: nothing personal without the second factor (SPEC §3)."""

from __future__ import annotations

import contextlib
from dataclasses import asdict

import pytest
from django.core.cache import cache

from motcua.core.errors import InvalidInput, NotFound
from motcua.dossiers import services as s
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.inputs import FeeLine
from motcua.dossiers.models import PublicLookup
from motcua.dossiers.public import (
    TodoKind,
    dossier_public_get,
    public_client_key,
    public_lookup_allow,
    public_lookup_retry_after,
)
from motcua.dossiers.tests.factories import dossier_in_state, vn

MONDAY_9 = vn(2026, 3, 2, 9)
TUESDAY_9 = vn(2026, 3, 3, 9)
KEY = "client-a"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def lookup(code, check=None, now=TUESDAY_9, key=KEY):
    return dossier_public_get(code=code, check=check, now=now, client_key=key)


def test_a_code_alone_shows_progress_but_no_personal_data(world):
    dossier = world.processing(MONDAY_9)

    public = lookup(dossier.code)

    assert public.status == DossierStatus.PROCESSING
    assert public.status_label == "Being processed"
    assert public.procedure_name == "Đăng ký thường trú"
    assert public.personal is None
    text = repr(asdict(public))
    assert "Trần Thị Hương" not in text
    assert "001190012345" not in text
    assert "0912345678" not in text


def test_the_steps_name_actions_and_dates_but_no_staff(world):
    dossier = world.processing(MONDAY_9)

    public = lookup(dossier.code)

    assert [step.label for step in public.steps] == [
        "Received",
        "Assigned for processing",
    ]
    assert public.steps[0].at == MONDAY_9
    assert public.current_step == "being processed"
    text = repr(asdict(public))
    for person in (world.officer, world.division, world.specialist):
        assert person.full_name not in text


def test_the_last_4_digits_of_the_personal_id_show_the_name_and_papers(world):
    dossier = world.processing(MONDAY_9)

    public = lookup(dossier.code, check="2345")

    assert public.check_ok is True
    assert public.personal is not None
    assert public.personal.applicant_name == "Trần Thị Hương"
    assert [d.name for d in public.personal.papers] == [
        "Tờ khai",
        "Giấy tờ chứng minh chỗ ở",
    ]
    assert all(d.provided for d in public.personal.papers)


def test_the_last_4_digits_of_the_phone_also_match(world):
    dossier = world.processing(MONDAY_9)

    assert lookup(dossier.code, check="5678").personal is not None


def test_a_wrong_check_shows_no_personal_data_and_is_logged(world):
    dossier = world.processing(MONDAY_9)

    public = lookup(dossier.code, check="0000")

    assert public.personal is None
    assert public.with_check is True
    assert public.check_ok is False
    log = PublicLookup.objects.get()
    assert (log.code, log.found, log.with_check, log.check_ok) == (
        dossier.code,
        True,
        True,
        False,
    )
    assert log.client_key == KEY
    assert log.at == TUESDAY_9


def test_a_right_check_is_logged_as_matched(world):
    dossier = world.processing(MONDAY_9)

    lookup(dossier.code, check="2345")

    assert PublicLookup.objects.filter(with_check=True, check_ok=True).count() == 1


def test_an_unknown_code_is_not_found_and_logged(world):
    with pytest.raises(NotFound, match=r"No dossier has the code 000\.00\.00\.H01-X"):
        lookup(" 000.00.00.h01-x ")

    log = PublicLookup.objects.get()
    assert (log.code, log.found, log.with_check) == ("000.00.00.H01-X", False, False)


def test_a_code_typed_in_lower_case_is_found(world):
    dossier = world.processing(MONDAY_9)

    assert lookup(dossier.code.lower()).code == dossier.code


def test_a_check_that_is_not_4_digits_is_invalid_input(world):
    dossier = world.processing(MONDAY_9)

    with pytest.raises(InvalidInput) as error:
        lookup(dossier.code, check="12a4")

    assert "check" in error.value.field_errors


def test_time_left_counts_working_days_and_hours_to_the_deadline(world):
    dossier = world.processing(MONDAY_9)

    public = lookup(dossier.code)

    # 5 working days from Monday 09:00 end Monday 9 March 09:00; one day is used.
    assert public.deadline_at == dossier.deadline_at
    assert public.time_left is not None
    assert (public.time_left.days, public.time_left.hours) == (4, 0)
    assert public.time_left.overdue is False
    assert public.open_state == "on_time"
    assert public.todo.kind == TodoKind.NOTHING


def test_an_overdue_dossier_shows_how_late_it_is(world):
    dossier = world.processing(MONDAY_9)

    public = lookup(dossier.code, now=vn(2026, 3, 10, 10))

    assert public.time_left is not None
    assert public.time_left.overdue is True
    assert (public.time_left.days, public.time_left.hours) == (1, 1)
    assert public.open_state == "overdue"


def test_a_supplement_request_tells_which_papers_to_bring_and_where(world):
    dossier = world.processing(MONDAY_9)
    s.dossier_request_supplement(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=TUESDAY_9,
        items=["Bản sao giấy khai sinh", "Ảnh 4x6"],
        reason="Thiếu giấy tờ",
    )

    public = lookup(dossier.code)

    assert public.status_label == "Waiting for papers from you"
    assert public.todo.kind == TodoKind.SUPPLEMENT
    assert public.todo.items == ("Bản sao giấy khai sinh", "Ảnh 4x6")
    assert world.point.address in public.todo.place
    assert public.clock_paused is True
    assert public.time_left is None


def test_a_payment_request_lists_the_fees_to_pay(world):
    dossier = world.processing(MONDAY_9)
    s.dossier_request_payment(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=TUESDAY_9,
        fees=[FeeLine(name="Lệ phí đăng ký", amount_vnd=20000)],
    )

    public = lookup(dossier.code)

    assert public.todo.kind == TodoKind.PAY
    assert [(f.name, f.amount_vnd) for f in public.todo.fees] == [
        ("Lệ phí đăng ký", 20000)
    ]


def test_a_ready_result_says_where_to_collect_it(world):
    dossier = dossier_in_state(world, "result_ready", MONDAY_9)

    public = lookup(dossier.code)

    assert public.status_label == "The result is ready"
    assert public.todo.kind == TodoKind.COLLECT
    assert public.todo.place == f"{world.point.name}, {world.point.address}"
    assert public.time_left is None
    assert public.finished_at is not None


def test_an_apology_shows_its_reason_and_the_new_date(world):
    dossier = world.processing(MONDAY_9)
    new_date = vn(2026, 3, 12, 17)
    s.dossier_apologise(
        dossier_code=dossier.code,
        actor=world.leader,
        now=TUESDAY_9,
        reason="Chờ xác minh của cơ quan khác",
        new_deadline_at=new_date,
    )

    public = lookup(dossier.code)

    assert public.apology_reason == "Chờ xác minh của cơ quan khác"
    assert public.new_deadline_at == new_date
    assert public.steps[-1].label == "Apology and new date sent"
    # Time left counts to the new date the citizen was promised.
    assert public.time_left is not None
    assert public.time_left.days == 7


def test_lookups_over_the_limit_are_refused_until_the_window_ends(db, settings):
    settings.MOTCUA_PUBLIC_LOOKUP_LIMIT = 3
    settings.MOTCUA_PUBLIC_LOOKUP_WINDOW = 600
    now = vn(2026, 3, 2, 9, 0)

    allowed = [public_lookup_allow(client_key=KEY, now=now) for _ in range(4)]

    assert allowed == [True, True, True, False]
    assert public_lookup_allow(client_key="client-b", now=now) is True
    assert 0 < public_lookup_retry_after(client_key=KEY, now=now) <= 600
    assert public_lookup_allow(client_key=KEY, now=vn(2026, 3, 2, 9, 10)) is True


def test_failed_lookups_over_the_limit_block_the_client(world, settings):
    settings.MOTCUA_PUBLIC_LOOKUP_FAILURE_LIMIT = 2
    dossier = world.processing(MONDAY_9)
    for code, check in (("NO-SUCH-CODE", None), (dossier.code, "9999")):
        assert public_lookup_allow(client_key=KEY, now=TUESDAY_9)
        with contextlib.suppress(NotFound):
            lookup(code, check=check)

    assert public_lookup_allow(client_key=KEY, now=TUESDAY_9) is False
    assert public_lookup_retry_after(client_key=KEY, now=TUESDAY_9) == 3600
    assert public_lookup_allow(client_key="client-b", now=TUESDAY_9) is True


def test_a_right_check_does_not_count_as_a_failure(world, settings):
    settings.MOTCUA_PUBLIC_LOOKUP_FAILURE_LIMIT = 1
    dossier = world.processing(MONDAY_9)

    lookup(dossier.code, check="2345")
    lookup(dossier.code)

    assert public_lookup_allow(client_key=KEY, now=TUESDAY_9) is True


def test_the_client_key_is_a_hash_not_the_address(settings):
    key = public_client_key(meta={"REMOTE_ADDR": "203.0.113.7"})

    assert "203.0.113.7" not in key
    assert len(key) == 32
    assert key == public_client_key(meta={"REMOTE_ADDR": "203.0.113.7"})
    assert key != public_client_key(meta={"REMOTE_ADDR": "203.0.113.8"})


def test_behind_a_proxy_the_configured_header_names_the_client(settings):
    settings.MOTCUA_PUBLIC_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    behind = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_REAL_IP": "203.0.113.7"}

    assert public_client_key(meta=behind) != public_client_key(
        meta={"REMOTE_ADDR": "10.0.0.1", "HTTP_X_REAL_IP": "203.0.113.8"}
    )
