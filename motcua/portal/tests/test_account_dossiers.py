""" "My dossiers", the owner's view of the tracking page, results kept on return."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.citizens.models import StoredPaper
from motcua.citizens.selectors import papers_of
from motcua.citizens.tests.factories import citizen
from motcua.dossiers import services as s
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier, PersonalDataAccess, PublicLookup
from motcua.dossiers.owners import dossiers_filed_by
from motcua.dossiers.tests.factories import all_ticks, applicant, vn
from motcua.procedures.models import ProcedureResult

MINE = "/cong-dan/ho-so-cua-toi/"
DAY = vn(2026, 3, 2, 9)
HUONG = "001190012345"  # the applicant of the World's counter dossiers
NAM = "001090054321"


@pytest.fixture
def huong(db):
    return citizen(id_number=HUONG)


def file_online(world, account, *, at=DAY, id_number=HUONG, name="Trần Thị Hương"):
    """A dossier ``account`` filed on the portal (status 1)."""
    return s.dossier_register_online(
        now=at,
        procedure=world.procedure,
        competent_agency=world.agency,
        applicant=applicant(id_number=id_number, name=name),
        papers=all_ticks(world.procedure),
        account=account,
    )


def html(response):
    return response.content.decode()


def test_a_password_account_sees_only_what_it_filed(world, huong):
    mine = file_online(world, huong)
    world.receive(DAY)  # at a counter, for the same ID number: only claimed here
    other = citizen(id_number=NAM, phone="0987654321")
    file_online(world, other, id_number=NAM, name="Lê Văn Nam")

    assert [d.pk for d in dossiers_filed_by(huong)] == [mine.pk]


def test_a_verified_account_also_sees_dossiers_filed_for_its_id_number(world):
    verified = citizen(id_number=HUONG, verified=True)
    counter = world.receive(vn(2026, 3, 3, 9))
    online = file_online(world, verified, at=vn(2026, 3, 4, 9))
    file_online(world, citizen(id_number=NAM, phone="0987654321"), id_number=NAM)

    assert [d.pk for d in dossiers_filed_by(verified)] == [online.pk, counter.pk]


def test_my_dossiers_lists_code_procedure_status_deadline_and_tracking_link(
    client, world, huong
):
    received = world.receive(DAY)
    Dossier.objects.filter(pk=received.pk).update(account=huong)
    client.force_login(huong)

    response = client.get(MINE)

    page = html(response)
    assert response.status_code == 200
    assert f'href="/tra-cuu/{received.code}/"' in page
    assert "Đăng ký thường trú" in page
    assert 'id="claimed-note"' in page
    assert received.deadline_at is not None
    assert received.deadline_at.astimezone(DAY.tzinfo).strftime("%d/%m/%Y") in page
    assert "no-store" in response["Cache-Control"]


def test_my_dossiers_shows_nothing_of_other_people(client, world, huong):
    theirs = world.receive(DAY)  # Hương's ID, but her account is not verified
    client.force_login(huong)

    page = html(client.get(MINE))

    assert theirs.code not in page
    assert 'id="no-dossiers"' in page


def test_my_dossiers_are_paged_by_20_in_a_fixed_number_of_queries(client, world, huong):
    for day in range(2, 27):  # 25 dossiers
        file_online(world, huong, at=vn(2026, 3, day, 9))
    client.force_login(huong)
    client.get(MINE)  # the brand kit and notices are cached from then on

    with CaptureQueriesContext(connection) as first_page:
        page = html(client.get(MINE))
    with CaptureQueriesContext(connection) as second_page:
        second = html(client.get(MINE, {"page": 2}))

    assert page.count('<li class="card">') == 20
    assert 'id="next-page"' in page
    assert second.count('<li class="card">') == 5
    assert len(first_page) == len(second_page) <= 10


def test_the_owner_sees_the_personal_part_without_the_check_and_it_is_logged(
    client, world, huong
):
    dossier = file_online(world, huong)
    client.force_login(huong)

    response = client.get(f"/tra-cuu/{dossier.code}/")

    page = html(response)
    assert 'id="applicant-name"' in page
    assert "Trần Thị Hương" in page
    assert 'id="check-form"' not in page
    access = PersonalDataAccess.objects.get()
    assert (access.user_id, access.dossier_id) == (huong.pk, dossier.pk)
    assert access.purpose == "owner: tracking page"
    lookup = PublicLookup.objects.get()
    assert (lookup.with_check, lookup.check_ok) == (False, False)


def test_someone_else_logged_in_needs_the_check_and_nothing_is_logged(
    client, world, huong
):
    dossier = file_online(world, huong)
    client.force_login(citizen(id_number=NAM, phone="0987654321"))

    page = html(client.get(f"/tra-cuu/{dossier.code}/"))

    assert 'id="check-form"' in page
    assert "Trần Thị Hương" not in page
    assert not PersonalDataAccess.objects.exists()


def test_a_verified_citizen_sees_a_counter_dossier_of_their_id_as_owner(client, world):
    verified = citizen(id_number=HUONG, verified=True)
    dossier = world.receive(DAY)
    client.force_login(verified)

    page = html(client.get(f"/tra-cuu/{dossier.code}/"))

    assert 'id="applicant-name"' in page
    assert PersonalDataAccess.objects.filter(user=verified, dossier=dossier).exists()


def returned(world, dossier):
    """Walk an online dossier through the real services until it is returned."""
    code = dossier.code
    s.dossier_receive(dossier_code=code, actor=world.officer, now=vn(2026, 3, 2, 10))
    s.dossier_assign(
        dossier_code=code,
        actor=world.division,
        now=vn(2026, 3, 2, 11),
        assignee=world.specialist,
    )
    s.dossier_forward(
        dossier_code=code,
        actor=world.specialist,
        now=vn(2026, 3, 3, 9),
        to_step="approval",
    )
    s.dossier_approve(dossier_code=code, actor=world.leader, now=vn(2026, 3, 3, 10))
    s.dossier_issue_result(dossier_code=code, actor=world.clerk, now=vn(2026, 3, 3, 11))
    return s.dossier_return_result(
        dossier_code=code, actor=world.officer, now=vn(2026, 3, 4, 9)
    )


def test_a_returned_result_lands_in_the_filing_accounts_data_store(
    client, world, huong
):
    ProcedureResult.objects.create(
        procedure=world.procedure,
        position=1,
        name="Xác nhận đăng ký thường trú",
    )
    done = returned(world, file_online(world, huong))

    assert done.status == DossierStatus.RETURNED
    paper = papers_of(huong).get()
    assert paper.kind == StoredPaper.Kind.RESULT
    assert paper.name == "Xác nhận đăng ký thường trú"
    assert paper.number == done.result_number
    assert paper.issued_by == world.agency.name
    assert paper.issued_at == done.result_issued_at
    assert paper.dossier_code == done.code
    assert not paper.file
    client.force_login(huong)
    page = html(client.get("/cong-dan/giay-to-cua-toi/"))
    assert "Xác nhận đăng ký thường trú" in page
    assert done.result_number in page


def test_without_a_result_name_the_procedure_name_is_used(world, huong):
    returned(world, file_online(world, huong))

    assert papers_of(huong).get().name == "Đăng ký thường trú"


def test_a_counter_dossier_without_an_account_stores_nothing(world):
    from motcua.dossiers.tests.factories import dossier_in_state

    dossier = dossier_in_state(world, "result_ready", DAY)

    s.dossier_return_result(
        dossier_code=dossier.code, actor=world.officer, now=vn(2026, 3, 4, 9)
    )

    assert not StoredPaper.objects.exists()
