"""The citizen's "find a procedure" pages: home, search, browse, procedure page."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from motcua.procedures.choices import OnlineLevel
from motcua.procedures.models import Procedure

BIRTH = "1.001193"
PAGE_BUDGET = 200 * 1024  # issue "citizen portal" §8: under 200 KB transferred
STATIC_LINK = re.compile(r'(?:href|src)="/static/([^"?#]+)"')


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--own-seed", stdout=StringIO())


def page_weight(client: Client, url: str) -> int:
    """Bytes of the page plus every static file it links (CSS, scripts)."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    total = len(response.content)
    for name in set(STATIC_LINK.findall(html)):
        found = finders.find(name)
        assert found, f"linked static file {name} not found"
        total += Path(str(found)).stat().st_size
    return total


def test_the_citizen_home_offers_search_and_every_way_to_browse(client, demo):
    response = client.get("/cong-dan/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="procedure-query"' in html
    assert "?su-kien=sinh-con" in html
    assert "Hộ tịch" in html
    assert "?co-quan=H26.00004.CA" in html
    assert 'href="/tra-cuu/"' in html


def test_the_back_office_keeps_the_site_root(client, demo):
    assert reverse("portal:home") == "/cong-dan/"
    assert reverse("backoffice:home") == "/"


def test_search_without_accents_finds_the_birth_registration_first(client, demo):
    response = client.get("/thu-tuc/", {"q": "dang ky khai sinh"})
    assert response.status_code == 200
    first = response.context["page"].object_list[0]
    assert first.name == "Thủ tục đăng ký khai sinh"
    assert f'href="/thu-tuc/{BIRTH}/"' in response.content.decode()


def test_a_search_that_finds_nothing_says_so(client, demo):
    response = client.get("/thu-tuc/", {"q": "qwxz zzqv"})
    assert response.status_code == 200
    assert 'id="no-results"' in response.content.decode()


def test_browsing_a_life_event_lists_its_procedures(client, demo):
    response = client.get("/thu-tuc/", {"su-kien": "ket-hon"})
    codes = {p.code for p in response.context["page"].object_list}
    assert codes == {"1.000894", "1.004873"}


def test_browsing_a_field_lists_its_procedures(client, demo):
    field_id = Procedure.objects.get(code=BIRTH).field_id
    response = client.get("/thu-tuc/", {"linh-vuc": field_id})
    assert all(p.field_id == field_id for p in response.context["page"].object_list)
    assert response.context["page"].paginator.count == 4


def test_an_unknown_life_event_is_a_bad_request_with_a_message(client, demo):
    response = client.get("/thu-tuc/", {"su-kien": "du-lich"})
    assert response.status_code == 400
    assert 'id="catalogue-error"' in response.content.decode()


def test_the_list_is_paged_and_keeps_the_filters_in_page_links(client, demo):
    response = client.get("/thu-tuc/", {"q": "", "trang": "1"})
    page = response.context["page"]
    assert page.paginator.count == 10
    assert page.paginator.num_pages == 1


def test_the_list_queries_do_not_grow_with_the_results(
    client, demo, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        client.get("/thu-tuc/")


def test_the_procedure_page_shows_papers_times_fees_and_where_to_submit(client, demo):
    response = client.get(f"/thu-tuc/{BIRTH}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thủ tục đăng ký khai sinh" in html
    assert "Tờ khai đăng ký khai sinh" in html
    assert "Giấy chứng sinh" in html
    assert "1 ngày làm việc" in html
    assert "Miễn phí" in html
    assert "Giấy khai sinh" in html
    assert html.count('class="card point"') == 5
    assert "Số 1 phố Mẫu (demo)" in html
    assert "08:00–12:00" in html
    assert 'href="/nop-truc-tuyen/1.001193/"' in html
    assert 'href="/tra-cuu/"' in html and 'href="/cong-dan/"' in html


def test_a_procedure_not_online_shows_the_start_button_disabled_with_a_note(
    client, demo
):
    Procedure.objects.filter(code=BIRTH).update(online_level=OnlineLevel.NONE)
    html = client.get(f"/thu-tuc/{BIRTH}/").content.decode()
    assert "/nop-truc-tuyen/" not in html
    assert re.search(r'<button[^>]*id="start-button"[^>]*disabled', html)
    assert 'id="start-note"' in html


def test_a_form_template_without_a_file_is_shown_by_name_only(client, demo):
    procedure = Procedure.objects.get(code=BIRTH)
    procedure.papers.filter(position=1).update(form_template="TK-KS.doc")
    html = client.get(f"/thu-tuc/{BIRTH}/").content.decode()
    assert '<span class="form-name">TK-KS.doc</span>' in html
    assert "download" not in html


def test_the_procedure_page_takes_a_bounded_number_of_queries(
    client, demo, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        client.get(f"/thu-tuc/{BIRTH}/")


def test_an_unknown_procedure_code_is_not_found(client, demo):
    response = client.get("/thu-tuc/9.999999/")
    assert response.status_code == 404
    assert 'id="catalogue-error"' in response.content.decode()


@pytest.mark.parametrize("url", ["/cong-dan/", f"/thu-tuc/{BIRTH}/", "/thu-tuc/"])
def test_home_and_procedure_pages_weigh_under_200_kb_with_their_static_files(
    client, demo, url
):
    assert page_weight(client, url) < PAGE_BUDGET


def test_a_fee_set_by_the_provincial_council_is_never_shown_as_free(client, demo):
    procedure = Procedure.objects.get(code=BIRTH)
    procedure.channels.update(
        fee_set_locally=True,
        fee_amount_vnd=None,
        fee_text="Mức lệ phí do Hội đồng nhân dân tỉnh quy định",
    )

    html = client.get(f"/thu-tuc/{BIRTH}/").content.decode()
    assert html.count('data-testid="fee-set-locally"') == procedure.channels.count()
    assert "Hội đồng nhân dân cấp tỉnh quy định: hỏi" in html

    start = client.get(f"/nop-truc-tuyen/{BIRTH}/").content.decode()
    assert "không thu khi nộp trực tuyến" in start
    assert "Không thu lệ phí" not in start
