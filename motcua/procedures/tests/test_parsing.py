from decimal import Decimal

from motcua.procedures.choices import Channel, TimeUnit
from motcua.procedures.parsing import (
    parse_channels,
    parse_legal_basis,
    parse_results,
    split_form_template,
)

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"


def test_a_time_without_unit_keeps_the_number_and_is_flagged():
    [row] = parse_channels(HEADER + "Trực tiếp1Miễn phí")
    assert row.channel == Channel.IN_PERSON
    assert row.time_amount == Decimal(1)
    assert row.time_unit is None
    assert row.fee_amount_vnd == 0
    assert [i.kind for i in row.issues] == ["time_without_unit"]


def test_a_time_and_a_usd_fee_glued_together_are_split():
    [row] = parse_channels(HEADER + "Trực tuyến5 Ngày làm việc25 USD(/lần)Nộp qua cổng")
    assert (row.time_amount, row.time_unit) == (Decimal(5), TimeUnit.WORKING_DAYS)
    assert row.fee_text == "25 USD(/lần)"
    assert row.fee_amount_vnd is None
    assert row.description == "Nộp qua cổng"
    assert [i.kind for i in row.issues] == ["fee_in_foreign_currency"]


def test_a_bare_time_glued_to_a_vnd_fee_is_split_at_the_shortest_time():
    [row] = parse_channels(HEADER + "Trực tuyến120,000 VNĐ(Theo Thông tư 172/2010)")
    assert row.time_amount == Decimal(1)
    assert row.fee_amount_vnd == 20000
    assert "time_glued_to_fee" in [i.kind for i in row.issues]


def test_hours_months_and_decimal_days_are_read():
    rows = parse_channels(
        HEADER + "Trực tuyến8 GiờMiễn phíTrực tiếp6 Tháng100 USD(100 USD/thẻ.)"
        "Dịch vụ bưu chính1.5 Ngày làm việc40,000 Việt Nam Đồng(- Xe ô tô)"
    )
    assert [(r.channel, r.time_amount, r.time_unit) for r in rows] == [
        (Channel.ONLINE, Decimal(8), TimeUnit.WORKING_HOURS),
        (Channel.IN_PERSON, Decimal(6), TimeUnit.MONTHS),
        (Channel.POSTAL, Decimal("1.5"), TimeUnit.WORKING_DAYS),
    ]
    assert rows[2].fee_amount_vnd == 40000


def test_several_channels_with_descriptions_mentioning_a_channel_stay_three_rows():
    rows = parse_channels(
        HEADER + "Trực tiếpKhông có thông tinKhông có thông tinnộp tại trụ sở."
        "Dịch vụ bưu chínhKhông có thông tinKhông có thông tinGửi qua bưu điện."
        "Trực tuyếnKhông có thông tinKhông có thông tinTrực tuyến: nộp qua Cổng."
    )
    assert [r.channel for r in rows] == [
        Channel.IN_PERSON,
        Channel.POSTAL,
        Channel.ONLINE,
    ]
    assert all(r.time_amount is None and r.fee_amount_vnd is None for r in rows)
    assert rows[2].description == "Trực tuyến: nộp qua Cổng."


def test_a_fee_note_with_nested_parentheses_is_kept_in_the_fee():
    [row] = parse_channels(
        HEADER + "Trực tiếp7 Ngày làm việc70,000 Việt Nam Đồng(Điều 24 (khoản 2))Mô tả"
    )
    assert row.fee_text == "70,000 Việt Nam Đồng(Điều 24 (khoản 2))"
    assert row.description == "Mô tả"


def test_nfd_raw_text_is_read_like_nfc():
    import unicodedata

    raw = unicodedata.normalize("NFD", HEADER + "Trực tiếp3 Ngày làm việcMiễn phí")
    [row] = parse_channels(raw)
    assert (row.time_amount, row.time_unit) == (Decimal(3), TimeUnit.WORKING_DAYS)


def test_results_with_portal_and_agency_codes_are_split():
    results = parse_results(
        "Giấy xác nhận thường trúMã: KQ.G01.000064"
        "Quyết định hành chínhMã: 000.00.00.G11-KQ1711"
    )
    assert [(r.name, r.code) for r in results] == [
        ("Giấy xác nhận thường trú", "KQ.G01.000064"),
        ("Quyết định hành chính", "000.00.00.G11-KQ1711"),
    ]


def test_legal_instruments_keep_numbers_inside_names():
    instruments = parse_legal_basis(
        "Tên văn bản pháp lýMã văn bản"
        "Thông tư 16/2024/TT-BCA quy định về mẫu thẻ căn cước16/2024/TT-BCA"
        "Luật Khiếu nại  năm 201102/2011/QH13"
        "Nghị định 05/2012/NĐ-CP05/2012/NĐ-CP"
    )
    assert [i["code"] for i in instruments] == [
        "16/2024/TT-BCA",
        "02/2011/QH13",
        "05/2012/NĐ-CP",
    ]
    assert instruments[0]["name"].startswith("Thông tư 16/2024/TT-BCA quy định")


def test_a_glued_form_file_name_is_split_off_the_document_name():
    name, form = split_form_template("Tờ khai (mẫu NA5) của Bộ Công an.NA5 (1).doc")
    assert (name, form) == ("Tờ khai (mẫu NA5) của Bộ Công an.", "NA5 (1).doc")
    assert split_form_template("Bản sao giấy khai sinh") == (
        "Bản sao giấy khai sinh",
        "",
    )
