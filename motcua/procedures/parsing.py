"""Parse the national portal's raw catalogue cells (pure code, no database).

The portal's tables arrive with their cell borders lost, e.g.
``Trực tuyến5 Ngày làm việc25 USD(/lần)Mô tả…``. The crawler added heuristic
``parsed_*`` fields; they are often wrong (a channel without its time, a fee read
as a time), so channels and results are parsed again here from the raw text and
compared with them. Every guess that may be wrong is reported as a
:class:`ParseIssue` instead of being dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from motcua.core.text import fold, nfc
from motcua.procedures.choices import Channel, ProcedureKind, ProcedureLevel, TimeUnit

NO_INFORMATION = "Không có thông tin"
FREE_OF_CHARGE = "Miễn phí"
_CHANNEL_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
_LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"

CHANNEL_NAMES: Mapping[str, Channel] = {
    "Trực tiếp": Channel.IN_PERSON,
    "Trực tuyến": Channel.ONLINE,
    "Dịch vụ bưu chính": Channel.POSTAL,
}
# "Giờ" on the portal is always a count of working hours (e.g. "8 giờ làm việc").
UNIT_NAMES: Mapping[str, TimeUnit] = {
    "ngày làm việc": TimeUnit.WORKING_DAYS,
    "ngày": TimeUnit.DAYS,
    "giờ làm việc": TimeUnit.WORKING_HOURS,
    "giờ": TimeUnit.WORKING_HOURS,
    "tháng": TimeUnit.MONTHS,
}
LEVEL_NAMES: Mapping[str, ProcedureLevel] = {
    "Cấp bộ": ProcedureLevel.CENTRAL,
    "Cấp tỉnh": ProcedureLevel.PROVINCE,
    "Cấp xã": ProcedureLevel.COMMUNE,
    "Cơ quan khác": ProcedureLevel.OTHER,
}
KIND_NAMES: Mapping[str, ProcedureKind] = {
    "TTHC được giao luật quy định chi tiết": ProcedureKind.DETAILED_BY_LAW,
    "TTHC không được luật giao cho địa phương quy định": (
        ProcedureKind.NOT_DELEGATED_LOCALLY
    ),
    "Loại khác": ProcedureKind.OTHER,
    "": ProcedureKind.UNSPECIFIED,
}

# A channel name starts a row only when a time (or "no information") follows it;
# descriptions also say "Trực tuyến: nộp hồ sơ…".
_CHANNEL_RE = re.compile(
    r"(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=\s*(?:\d|Không có thông tin))"
)
_UNIT_PATTERN = "Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng"
_TIME_RE = re.compile(
    rf"\s*(?:(?P<amount>\d+(?:[.,]\d+)*)\s*(?P<unit>{_UNIT_PATTERN})?|{NO_INFORMATION})"
)
_CURRENCY = r"Việt Nam Đồng|VNĐ|VND|Đồng|đồng|USD"
_CURRENCY_START_RE = re.compile(rf"\s*(?:{_CURRENCY})")
_FEE_ITEM_RE = re.compile(
    rf"\s*(?:{FREE_OF_CHARGE}|{NO_INFORMATION}|"
    rf"(?P<amount>\d+(?:[.,]\d{{3}})*)\s*(?P<currency>{_CURRENCY}))"
)
_FEE_AMOUNT_RE = re.compile(r"^(?:0|[1-9]\d{0,2}(?:,\d{3})*|[1-9]\d*)$")
_RESULT_RE = re.compile(
    r"(?P<name>.+?)Mã:\s*(?P<code>[A-Za-z0-9.\-]+?)(?=[A-ZĐ][^A-Z0-9.\-]|\s|$)",
    re.DOTALL,
)
# Instrument numbers: 68/2013/TT-BCA, 02/2011/QH13, 09/2023/QĐ-TTg, 1/2024/NQ-UBTVQH15.
# Cells are glued ("năm 201102/2011/QH13Nghị định"), so a number may follow a year
# or a QH code, and the code ends where a word, a space or another number starts.
_CODE_PART = r"(?:TTg|[A-ZĐ]*QH\d{2}|[A-ZĐ]+?)"
_INSTRUMENT_RE = re.compile(
    r"(?:(?<!\d)|(?<=\d{4})|(?<=QH\d{2}))\d{1,4}/\d{4}/"
    rf"{_CODE_PART}(?:-{_CODE_PART})*?"
    r"(?=$|\s|[A-ZĐ][a-zà-ỹ]|\d{1,4}/\d{4}/|[,;.)])"
)
_SET_LOCALLY_RE = re.compile(r"hoi dong nhan dan|\bhdnd\b")
_FORM_EXTENSIONS = re.compile(r"\.(?:docx?|pdf|xlsx?|rar|zip|odt)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ParseIssue:
    """Something in a record that could not be read with certainty."""

    kind: str
    detail: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "detail": self.detail}


@dataclass(slots=True)
class ParsedChannel:
    channel: Channel
    time_amount: Decimal | None
    time_unit: TimeUnit | None
    time_text: str
    fee_text: str
    fee_amount_vnd: int | None
    description: str
    issues: list[ParseIssue] = field(default_factory=list)
    # "Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh … quy định": unknown until
    # an agency enters it, even when the cell also says "Miễn phí".
    fee_set_locally: bool = False
    case_heading: str = ""  # the case this row's time is for; "" = every case


@dataclass(frozen=True, slots=True)
class ParsedResult:
    name: str
    code: str


def parse_decimal(text: str) -> Decimal | None:
    """Read ``1``, ``1.5`` or ``1,5`` (a decimal comma) as a Decimal."""
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


def parse_channels(raw: str) -> list[ParsedChannel]:
    """Split the "Cách thức thực hiện" cell into one row per channel."""
    body = nfc(raw)
    body = body.removeprefix(_CHANNEL_HEADER)
    parts = _CHANNEL_RE.split(body)
    return [
        _parse_channel_row(CHANNEL_NAMES[parts[i]], parts[i + 1])
        for i in range(1, len(parts), 2)
    ]


def _parse_channel_row(channel: Channel, text: str) -> ParsedChannel:
    issues: list[ParseIssue] = []
    match = _TIME_RE.match(text)
    if match is None:  # the split guarantees a time; kept for safety
        issue = ParseIssue("time_unparsed", text[:80])
        return ParsedChannel(channel, None, None, "", "", None, text.strip(), [issue])
    amount_text, unit_text = match.group("amount"), match.group("unit")
    rest = text[match.end() :]
    time_text = match.group(0).strip()
    if amount_text and not unit_text and _CURRENCY_START_RE.match(rest):
        amount_text, fee_start = _split_glued_time_and_fee(amount_text)
        rest = fee_start + rest
        time_text = amount_text
        issues.append(ParseIssue("time_glued_to_fee", match.group(0).strip()))
    fee_text, fee_amount, rest, fee_issues = _parse_fee(rest)
    set_locally = bool(_SET_LOCALLY_RE.search(fold(fee_text)))
    if set_locally:
        fee_amount = None
        fee_issues.append(ParseIssue("fee_set_locally", fee_text[:80]))
    description = rest.strip()
    unit = UNIT_NAMES[unit_text.lower()] if unit_text else None
    amount = parse_decimal(amount_text) if amount_text else None
    if amount is not None and unit is None:
        unit = _unit_from_description(amount_text, description)
        kind = "time_unit_from_description" if unit else "time_without_unit"
        issues.append(ParseIssue(kind, time_text))
    return ParsedChannel(
        channel=channel,
        time_amount=amount,
        time_unit=unit,
        time_text=time_text,
        fee_text=fee_text,
        fee_amount_vnd=fee_amount,
        description=description,
        issues=issues + fee_issues,
        fee_set_locally=set_locally,
    )


def _split_glued_time_and_fee(digits: str) -> tuple[str, str]:
    """Split ``120,000`` (time 1 + fee 20,000) at the shortest plausible time."""
    for cut in range(1, len(digits)):
        time_part, fee_part = digits[:cut], digits[cut:]
        if time_part.isdigit() and _FEE_AMOUNT_RE.match(fee_part):
            return time_part, fee_part
    return "", digits


def _unit_from_description(amount: str, description: str) -> TimeUnit | None:
    """Find "05 ngày làm việc" for a bare ``5`` in the channel's description."""
    pattern = (
        rf"(?<!\d)0*{re.escape(amount)}\s*(ngày làm việc|ngày|giờ làm việc|giờ|tháng)"
    )
    found = re.search(pattern, description, re.IGNORECASE)
    return UNIT_NAMES[found.group(1).lower()] if found else None


def _parse_fee(text: str) -> tuple[str, int | None, str, list[ParseIssue]]:
    """Read fee items (each with an optional "(…)" note); return the rest."""
    position = 0
    amounts: list[int | None] = []
    issues: list[ParseIssue] = []
    while match := _FEE_ITEM_RE.match(text, position):
        position = _skip_parentheses(text, match.end())
        if match.group("currency") == "USD":
            issues.append(ParseIssue("fee_in_foreign_currency", match.group(0).strip()))
            amounts.append(None)
        elif match.group("amount"):
            amounts.append(int(match.group("amount").replace(",", "").replace(".", "")))
        elif match.group(0).strip() == FREE_OF_CHARGE:
            amounts.append(0)
    fee_text = text[:position].strip()
    if position == 0:
        issues.append(ParseIssue("fee_unparsed", text[:80]))
    if len(amounts) > 1:
        issues.append(ParseIssue("several_fees", fee_text[:80]))
    return fee_text, amounts[0] if amounts else None, text[position:], issues


def _skip_parentheses(text: str, position: int) -> int:
    """Return the index after a balanced "(…)" group starting at ``position``."""
    if position >= len(text) or text[position] != "(":
        return position
    depth = 0
    for index in range(position, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index + 1
    return len(text)


def parse_results(raw: str) -> list[ParsedResult]:
    """Split "Kết quả" into ``name`` + ``Mã: code`` pairs."""
    return [
        ParsedResult(name=nfc(m.group("name")), code=m.group("code").strip())
        for m in _RESULT_RE.finditer(nfc(raw))
    ]


def parse_legal_basis(raw: str) -> list[dict[str, str]]:
    """List the instruments of "Căn cứ pháp lý" as ``{"name", "code"}`` pairs.

    A number is the code cell only when glued to what follows (the next name, an
    upper-case letter) or at the end; "Thông tư 16/2024/TT-BCA quy định…" keeps
    its number inside the name.
    """
    text = nfc(raw).removeprefix(_LEGAL_HEADER)
    instruments: list[dict[str, str]] = []
    start = 0
    for match in _INSTRUMENT_RE.finditer(text):
        following = text[match.end() : match.end() + 1]
        if following and not following.isupper():
            continue
        name = text[start : match.start()].strip()
        instruments.append({"name": name or match.group(0), "code": match.group(0)})
        start = match.end()
    return instruments


# More copies than this is a misread cell (digits of the next cell glued on).
MAX_COPIES = 99


def split_form_template(name: str) -> tuple[str, str]:
    """Split a glued form file name off a document name.

    ``"Tờ khai (mẫu NA5) … Bộ Công an.NA5 (1).doc"`` → (``"Tờ khai … Bộ Công
    an."``, ``"NA5 (1).doc"``): the file starts after the last ".", ")" or ";"
    that is glued to a letter or digit.
    """
    if not _FORM_EXTENSIONS.search(name):
        return name, ""
    cut = None
    for index in range(len(name) - 1):
        if name[index] in ".);" and name[index + 1].isalnum():
            stem = name[index + 1 :]
            base = _FORM_EXTENSIONS.sub("", stem)
            if base and base != stem:
                cut = index + 1
    if cut is None:
        return name, name
    return name[:cut].strip(), name[cut:].strip()


def parse_levels(values: Sequence[str]) -> tuple[set[ProcedureLevel], list[ParseIssue]]:
    levels: set[ProcedureLevel] = set()
    issues: list[ParseIssue] = []
    for value in values:
        level = LEVEL_NAMES.get(nfc(value))
        if level is None:
            issues.append(ParseIssue("unknown_level", value))
        else:
            levels.add(level)
    return levels, issues
