"""The papers of a procedure as a reception officer reads the catalogue text.

The texts are written here in the portal's glued layout: a label, the table
header, then each paper followed by its counts.
"""

from motcua.procedures.choices import ChannelScope
from motcua.procedures.papers import (
    TABLE_HEADER,
    PaperRole,
    channel_scope,
    paper_condition,
    parse_papers,
)

H = TABLE_HEADER


def _rows(raw: str, code: str = "") -> list[tuple[str, str, str, int, int, str]]:
    papers, _issues = parse_papers(raw, code=code)
    return [
        (p.case_heading, p.role, p.name, p.originals, p.copies, p.condition)
        for p in papers
    ]


def test_section_labels_set_what_the_papers_are_and_are_never_cases():
    raw = (
        f"* Giấy tờ phải nộp:{H}- Giấy chứng sinh.1 bản chính"
        f"* Giấy tờ phải xuất trình:{H}- Thẻ căn cước.1 bản chính"
        f"* Lưu ý:{H}- Người tiếp nhận không được yêu cầu thêm giấy tờ.0 bản chính"
        f"--{H}- Tờ khai đăng ký khai sinh theo mẫu.1 bản chính"
    )

    assert _rows(raw) == [
        ("", PaperRole.SUBMIT, "Giấy chứng sinh.", 1, 0, ""),
        ("", PaperRole.SHOW, "Thẻ căn cước.", 1, 0, ""),
        (
            "",
            PaperRole.NOTE,
            "Người tiếp nhận không được yêu cầu thêm giấy tờ.",
            0,
            0,
            "",
        ),
        ("", PaperRole.SUBMIT, "Tờ khai đăng ký khai sinh theo mẫu.", 1, 0, ""),
    ]


def test_conditional_papers_keep_their_condition_and_alternatives_do_not():
    raw = (
        f"* Giấy tờ phải nộp:{H}"
        "- Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi."
        "1 bản chính"
        "- Văn bản ủy quyền theo quy định của pháp luật trong trường hợp ủy quyền "
        "thực hiện việc đăng ký khai sinh. Trường hợp người được ủy quyền là ông, bà "
        "thì không phải chứng thực.1 bản chính"
        "- Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản "
        "của người làm chứng.1 bản chính"
    )

    conditions = [row[5] for row in _rows(raw)]

    assert conditions == [
        "Trường hợp trẻ em bị bỏ rơi",
        "trong trường hợp ủy quyền thực hiện việc đăng ký khai sinh",
        "",
    ]


def test_a_paragraph_without_counts_is_a_note_not_a_paper():
    raw = (
        f"--{H}Giấy chứng sinh.1 bản chính"
        "Trường hợp đã nộp bản điện tử Giấy chứng sinh thì không phải nộp bản giấy."
        "0 bản chính"
    )

    assert [(row[1], row[3]) for row in _rows(raw)] == [
        (PaperRole.SUBMIT, 1),
        (PaperRole.NOTE, 0),
    ]


def test_cases_keep_their_own_papers_and_common_papers_have_no_heading():
    raw = (
        f"Đăng ký thường trú vào chỗ ở do thuê, mượn{H}"
        "Hợp đồng thuê nhà được công chứng.1 bản chính"
        f"Đăng ký thường trú tại cơ sở tôn giáo{H}"
        "Văn bản xác nhận của Ủy ban nhân dân cấp xã.1 bản chính"
        f"--{H}Tờ khai thay đổi thông tin cư trú (mẫu CT01).1 bản chính"
    )

    assert [(row[0], row[2][:12]) for row in _rows(raw)] == [
        ("Đăng ký thường trú vào chỗ ở do thuê, mượn", "Hợp đồng thu"),
        ("Đăng ký thường trú tại cơ sở tôn giáo", "Văn bản xác "),
        ("", "Tờ khai thay"),
    ]


def test_two_tables_under_one_heading_stay_two_cases():
    raw = (
        f"Đăng ký tại chỗ ở của mình{H}Giấy chứng nhận đăng ký phương tiện.1 bản chính"
        f"Đăng ký tại chỗ ở do thuê{H}Hợp đồng thuê.1 bản chính"
        f"Đăng ký tại chỗ ở của mình{H}Tờ khai CT01.1 bản chính"
    )

    papers, issues = parse_papers(raw)

    assert [p.case_heading for p in papers] == [
        "Đăng ký tại chỗ ở của mình",
        "Đăng ký tại chỗ ở do thuê",
        "Đăng ký tại chỗ ở của mình (2)",
    ]
    assert [i.kind for i in issues] == ["case_heading_repeated"]


def test_an_erratum_corrects_a_heading_only_while_the_portal_prints_it():
    own_home = "Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình"
    raw = (
        f"{own_home}{H}Giấy chứng nhận đăng ký phương tiện.1 bản chính"
        f"{own_home}{H}Tờ khai thay đổi thông tin cư trú.1 bản chính"
    )

    corrected, issues = parse_papers(raw, code="1.004222")
    other, _ = parse_papers(raw, code="1.999999")

    assert [p.case_heading for p in corrected] == [
        "Đăng ký thường trú tại phương tiện được sử dụng để ở",
        own_home,
    ]
    assert [i.kind for i in issues] == ["case_heading_corrected"]
    assert [p.case_heading for p in other] == [own_home, f"{own_home} (2)"]


def test_counts_open_names_glue_together_and_sit_inside_sentences():
    raw = (
        f"--{H}01 bản sao giấy khai sinh của người chưa đủ 14 tuổi."
        "0 bản chính,1 bản sao"
        "+ 01 bản chính văn bản cho phép sử dụng thẻ.1 bản chính"
        "Giấy thông hành đã được cấp.1 bản chính1 bản sao"
        "Ảnh mới chụp, người nộp 02 bản chụp kèm theo.2 bản chính"
        "Mẫu số 011 bản chính"
    )

    assert [(row[2], row[3], row[4]) for row in _rows(raw)] == [
        ("01 bản sao giấy khai sinh của người chưa đủ 14 tuổi.", 0, 1),
        ("01 bản chính văn bản cho phép sử dụng thẻ.", 1, 0),
        ("Giấy thông hành đã được cấp.", 1, 1),
        ("Ảnh mới chụp, người nộp 02 bản chụp kèm theo.", 2, 0),
        ("Mẫu số 01", 1, 0),
    ]


def test_a_glued_form_file_is_split_off_the_paper():
    raw = (
        f"--{H}Tờ khai đề nghị cấp Giấy miễn thị thực (Mẫu NA9)."
        "10-Mẫu NA9.doc1 bản chính"
    )

    [paper], _ = parse_papers(raw)

    assert paper.name == "Tờ khai đề nghị cấp Giấy miễn thị thực (Mẫu NA9)."
    assert paper.form_template == "10-Mẫu NA9.doc"


def test_a_paper_asked_on_one_channel_says_which():
    online = (
        "Mẫu hộ tịch điện tử tương tác đăng ký khai sinh (do người yêu cầu cung cấp "
        "thông tin, nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tuyến)"
    )
    paper = (
        "Tờ khai đăng ký khai sinh theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ "
        "theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính);"
    )

    assert channel_scope(online) == ChannelScope.ONLINE
    assert channel_scope(paper) == ChannelScope.PAPER
    assert channel_scope("Giấy chứng sinh.") == ChannelScope.ANY
    assert paper_condition(paper) == ""  # a channel, not a situation


def test_the_condition_of_a_unit_specific_paper_stops_at_the_colon():
    assert (
        paper_condition("Đối với Quân đội nhân dân: Giấy giới thiệu của đơn vị.")
        == "Đối với Quân đội nhân dân"
    )


def test_text_without_a_table_is_reported_not_lost():
    papers, issues = parse_papers("Bước 2. Nộp hồ sơ cho cơ quan BHXH.")

    assert papers == []
    assert [i.kind for i in issues] == ["documents_unparsed"]
