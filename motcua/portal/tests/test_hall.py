"""The hall's kiosk and displays over real HTTP: a ticket taken, printed (its PDF
read back), and the boards that poll for changes."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from motcua.core.text import fold
from motcua.dossiers.tests.factories import procedure_with_process, vn
from motcua.queueing.models import (
    DeviceKind,
    HallDevice,
    PriorityCategory,
    ServiceLine,
    Ticket,
)
from motcua.queueing.services import ticket_call_next, ticket_issue
from motcua.queueing.tests.test_services import line_of, session_of

pytestmark = pytest.mark.django_db

MM = 72 / 25.4  # PDF points in a millimetre


def device(
    line: ServiceLine, kind: str = DeviceKind.KIOSK, **fields: object
) -> HallDevice:
    return HallDevice.objects.create(
        service_point=line.service_point, kind=kind, name=f"{kind} 1", **fields
    )


def test_the_kiosk_lists_the_halls_lines_and_issues_a_ticket(client: Client):
    line = line_of("B")
    ServiceLine.objects.create(
        service_point=line.service_point, prefix="C", name="Đất đai"
    )
    ticket_issue(line=line, now=vn(2026, 11, 17, 8))
    kiosk = device(line)
    page = client.get(reverse("portal:hall_device", args=[kiosk.key]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-prefix="B"' in html and 'data-prefix="C"' in html
    assert "1 người đang chờ" in html

    taken = client.post(
        reverse("portal:kiosk_take", args=[kiosk.key]), {"line": line.pk}
    )
    assert taken.status_code == 302
    ticket = Ticket.objects.get(line=line, number=2)
    assert taken["Location"] == reverse(
        "portal:kiosk_ticket", args=[kiosk.key, ticket.follow_key]
    )
    slip = client.get(taken["Location"]).content.decode()
    assert 'id="slip-code">B-002<' in slip
    assert "1 người đứng trước bạn" in slip
    assert 'class="slip-qr" src="data:image/svg+xml' in slip
    assert 'data-print="on-load"' in slip
    kiosk.refresh_from_db()
    assert kiosk.last_seen_at is not None


@pytest.mark.parametrize(
    ("paper", "size_mm"), [("80", (80, 120)), ("58", (58, 100)), ("a6", (105, 148))]
)
def test_the_ticket_prints_as_a_pdf_sized_to_the_roll(client: Client, paper, size_mm):
    line = line_of("B")
    kiosk = device(line)
    ticket = ticket_issue(line=line, now=vn(2026, 11, 17, 8))
    url = reverse("portal:kiosk_ticket_pdf", args=[kiosk.key, ticket.follow_key])
    response = client.get(url, {"paper": paper})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == size_mm
    text = reader.pages[0].extract_text()
    assert "B-001" in text
    assert "0 người đứng trước bạn" in text


def test_the_kiosk_finds_a_procedure_without_accents_and_tickets_remember_it(
    client: Client,
):
    line = line_of("B")
    procedure = procedure_with_process()  # "Đăng ký thường trú"
    procedure.name_folded = fold(procedure.name)
    procedure.search_text = fold(f"{procedure.name} {procedure.code}")
    procedure.save()
    line.procedures.add(procedure)
    kiosk = device(line)
    url = reverse("portal:hall_device", args=[kiosk.key])
    html = client.get(url, {"q": "dang ky thuong tru"}).content.decode()
    assert "Đăng ký thường trú" in html
    assert f'name="procedure" value="{procedure.code}"' in html
    assert 'id="kiosk-none"' in client.get(url, {"q": "khai tử"}).content.decode()

    client.post(
        reverse("portal:kiosk_take", args=[kiosk.key]),
        {"line": line.pk, "procedure": procedure.code},
    )
    assert Ticket.objects.get(line=line).procedure == procedure


def test_the_kiosk_refuses_a_line_of_another_hall_with_a_message(client: Client):
    line = line_of("B")
    elsewhere = line_of("C")
    kiosk = device(line)
    taken = client.post(
        reverse("portal:kiosk_take", args=[kiosk.key]), {"line": elsewhere.pk}
    )
    assert taken.status_code == 422
    assert 'id="kiosk-error"' in taken.content.decode()
    assert not Ticket.objects.exists()
    closed = ServiceLine.objects.create(
        service_point=line.service_point, prefix="D", name="Khác", is_active=False
    )
    taken = client.post(
        reverse("portal:kiosk_take", args=[kiosk.key]), {"line": closed.pk}
    )
    assert taken.status_code == 422
    assert not Ticket.objects.exists()


def test_an_unknown_withdrawn_or_wrong_kind_of_device_is_a_404(client: Client):
    line = line_of("B")
    display = device(line, DeviceKind.HALL_DISPLAY)
    withdrawn = device(line, is_active=False)
    assert (
        client.get(reverse("portal:hall_device", args=["no-such-key"])).status_code
        == 404
    )
    page = client.get(reverse("portal:hall_device", args=[withdrawn.key]))
    assert page.status_code == 404
    assert "quản trị" in page.content.decode()
    taken = client.post(
        reverse("portal:kiosk_take", args=[display.key]), {"line": line.pk}
    )
    assert taken.status_code == 404
    assert not Ticket.objects.exists()
    kiosk = device(line)
    assert client.get(reverse("portal:hall_board", args=[kiosk.key])).status_code == 404


def test_a_display_gets_an_empty_answer_until_the_board_changes(client: Client):
    line = line_of("B")
    display = device(line, DeviceKind.HALL_DISPLAY)
    session = session_of(line, 5, now=vn(2026, 11, 17, 7, 30))
    ticket_issue(line=line, now=vn(2026, 11, 17, 8))
    page = client.get(
        reverse("portal:hall_device", args=[display.key])
    ).content.decode()
    version = re.search(r'data-version="(\d+)"', page)
    assert version is not None
    poll = reverse("portal:hall_board", args=[display.key])
    unchanged = client.get(poll, {"v": version.group(1)})
    assert (unchanged.status_code, unchanged.content) == (204, b"")

    ticket_call_next(session=session, now=vn(2026, 11, 17, 8, 5))
    changed = client.get(poll, {"v": version.group(1)})
    html = changed.content.decode()
    assert changed.status_code == 200
    assert '<span class="ticket">B-001</span>' in html
    assert "Mời công dân có số thứ tự bê một đến quầy số năm" in html
    assert changed["Cache-Control"].startswith("max-age=0")


def test_a_counter_display_shows_its_counters_ticket(client: Client):
    line = line_of("B")
    session = session_of(line, 5, now=vn(2026, 11, 17, 7, 30))
    over_five = device(line, DeviceKind.COUNTER_DISPLAY, counter=session.counter)
    url = reverse("portal:hall_device", args=[over_five.key])
    assert 'id="counter-ticket-none"' in client.get(url).content.decode()
    ticket_issue(line=line, now=vn(2026, 11, 17, 8))
    ticket_call_next(session=session, now=vn(2026, 11, 17, 8, 5))
    assert 'id="counter-ticket">B-001<' in client.get(url).content.decode()


def test_a_priority_chosen_at_the_kiosk_is_on_the_ticket(client: Client):
    line = line_of("B")
    elderly = PriorityCategory.objects.create(
        service_point=line.service_point, name="Người cao tuổi", weight=3
    )
    kiosk = device(line)
    url = reverse("portal:hall_device", args=[kiosk.key])
    first = client.get(url).content.decode()
    assert f'data-priority="{elderly.pk}"' in first
    chosen = client.get(url, {"priority": elderly.pk}).content.decode()
    assert 'id="kiosk-priority">Ưu tiên: Người cao tuổi.' in chosen
    assert f'name="priority" value="{elderly.pk}"' in chosen
    taken = client.post(
        reverse("portal:kiosk_take", args=[kiosk.key]),
        {"line": line.pk, "priority": elderly.pk},
    )
    ticket = Ticket.objects.get()
    assert ticket.priority == elderly
    slip = client.get(taken["Location"]).content.decode()
    assert 'id="slip-priority">Ưu tiên: Người cao tuổi<' in slip


def test_a_speaking_display_links_the_chime_and_the_spoken_call(
    client: Client, settings, tmp_path
):
    from motcua.queueing.speech import engine

    settings.DATA_DIR = tmp_path
    line = line_of("B")
    display = device(line, DeviceKind.HALL_DISPLAY)
    session = session_of(line, 5, now=vn(2026, 11, 17, 7, 30))
    ticket = ticket_issue(line=line, now=vn(2026, 11, 17, 8))
    ticket_call_next(session=session, now=vn(2026, 11, 17, 8, 5))
    page = client.get(
        reverse("portal:hall_device", args=[display.key])
    ).content.decode()
    voice_url = reverse("portal:hall_voice", args=[display.key, ticket.pk])
    chime = client.get(reverse("portal:hall_chime", args=[display.key]))
    assert (chime.status_code, chime["Content-Type"]) == (200, "audio/wav")
    if engine() is None:
        assert "data-voice" not in page  # silent, the text still shown
        assert client.get(voice_url).status_code == 404
        return
    assert f'data-voice="{voice_url}"' in page
    spoken = client.get(voice_url)
    assert (spoken.status_code, spoken["Content-Type"]) == (200, "audio/wav")
    assert b"".join(spoken.streaming_content)[:4] == b"RIFF"  # type: ignore[attr-defined]
    # Another hall's display cannot have this hall's calls read.
    other = device(line_of("C"), DeviceKind.HALL_DISPLAY)
    assert (
        client.get(
            reverse("portal:hall_voice", args=[other.key, ticket.pk])
        ).status_code
        == 404
    )


def test_the_appointment_priority_is_not_offered_at_the_kiosk(client: Client):
    line = line_of("B")
    holders = PriorityCategory.objects.create(
        service_point=line.service_point,
        name="Có lịch hẹn",
        weight=5,
        for_appointments=True,
    )
    kiosk = device(line)
    page = client.get(reverse("portal:hall_device", args=[kiosk.key])).content.decode()
    assert f'data-priority="{holders.pk}"' not in page
    client.post(
        reverse("portal:kiosk_take", args=[kiosk.key]),
        {"line": line.pk, "priority": holders.pk},
    )
    assert Ticket.objects.get().priority is None
