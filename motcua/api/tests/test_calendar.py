"""GET /api/v1/calendar/deadline on the real 2024–2026 calendar."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def official_holidays(shared_data):
    call_command(
        "import_holidays",
        str(shared_data / "holidays" / "vn_public_sector_holidays_2024_2026.csv"),
        verbosity=0,
    )


def get_deadline(client, **params):
    return client.get("/api/v1/calendar/deadline", params)


def test_deadline_across_tet_2026_after_the_cut_off(client, official_holidays):
    response = get_deadline(
        client, received_at="2026-02-12T15:30", amount="5", unit="working_days"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["deadline"] == "2026-02-26T17:00+07:00"
    assert body["count_started_at"].startswith("2026-02-13T08:00")


def test_a_pause_moves_the_deadline_by_the_working_time_paused(
    client, official_holidays
):
    response = client.get(
        "/api/v1/calendar/deadline",
        {
            "received_at": "2026-02-12T15:30",
            "amount": "5",
            "unit": "working_days",
            "pause": "2026-02-24T10:00,2026-02-25T09:00",
        },
    )
    assert response.status_code == 200, response.content
    # Paused 10:00–12:00 + 13:00–17:00 on the 24th and 08:00–09:00 on the 25th = 7 h.
    assert response.json()["paused_working_minutes"] == 7 * 60
    assert response.json()["deadline"] == "2026-02-27T16:00+07:00"


def test_a_make_up_saturday_counts_as_a_working_day(client, official_holidays):
    # Sat 2026-08-22 is worked (swapped for Mon 31/8): 1 working day from Fri 21/8
    # 09:00 uses 7 h on Friday and ends at 09:00 on that Saturday.
    response = get_deadline(
        client, received_at="2026-08-21T09:00", amount="1", unit="working_days"
    )
    assert response.json()["deadline"] == "2026-08-22T09:00+07:00"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        (
            {"received_at": "2026-02-12T15:30", "amount": "5", "unit": "fortnights"},
            "unit",
        ),
        (
            {"received_at": "2026-02-12T15:30", "amount": "-1", "unit": "working_days"},
            "amount",
        ),
        (
            {
                "received_at": "2026-02-12T15:30",
                "amount": "five",
                "unit": "working_days",
            },
            "amount",
        ),
        (
            {"received_at": "12/02/2026", "amount": "5", "unit": "working_days"},
            "received_at",
        ),
        (
            {"received_at": "1999-01-04T09:00", "amount": "5", "unit": "working_days"},
            None,
        ),
    ],
)
def test_bad_input_gets_a_clear_422(client, official_holidays, params, field):
    response = get_deadline(client, **params)
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"]
    if field:
        assert field in body["errors"]


def test_missing_parameters_get_field_messages(client):
    response = client.get("/api/v1/calendar/deadline")
    assert response.status_code == 422
    assert set(response.json()["errors"]) >= {"received_at", "amount", "unit"}


def test_an_unknown_agency_is_404(client, official_holidays):
    response = get_deadline(
        client,
        received_at="2026-02-12T15:30",
        amount="5",
        unit="working_days",
        agency="000.00.00.X99",
    )
    assert response.status_code == 404
