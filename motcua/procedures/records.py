"""Turn one catalogue record (a JSON object from the portal crawl) into values.

Pure code: :func:`parse_record` returns the procedure's column values, its
children and the parse issues; the import service writes them.

Rules decided here (SPEC §2):

* **Legal time** (the reference for the default internal process): the
  in-person channel's time, else the online one's, else the postal one's.
* **Online level**: no online channel → ``none``; an online channel with a
  processing time → ``full``; an online channel listed without one → ``partial``
  (submission only). Decree 224/2026 Art. 14 makes ``full`` the default from
  1 July 2026; staff correct the level in the admin.
* **No-wait** (TTHC không chờ): a channel takes at most 1 working hour, or its
  description says the result is given at once. **Same-day**: no-wait, or a
  channel takes at most 4 working hours (half a working day) or says "trong ngày".
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from motcua.core.text import fold, nfc
from motcua.procedures.choices import (
    Channel,
    OnlineLevel,
    ProcedureKind,
    ProcedureLevel,
    TimeUnit,
)
from motcua.procedures.papers import Paper, papers_from_crawler, parse_papers
from motcua.procedures.parsing import (
    CHANNEL_NAMES,
    KIND_NAMES,
    ParsedChannel,
    ParsedResult,
    ParseIssue,
    parse_channels,
    parse_decimal,
    parse_legal_basis,
    parse_levels,
    parse_results,
)
from motcua.procedures.statutory import statutory_time

# Bump when the parsing changes so that a re-import rewrites every record.
PARSER_VERSION = "3"
LINE_KEY = "_line"  # source line number, added by the file reader
ERROR_KEY = "_error"  # the reader could not read the line (e.g. invalid JSON)

_CRAWLER_UNITS: Mapping[str, TimeUnit] = {
    "Ngày làm việc": TimeUnit.WORKING_DAYS,
    "Ngày": TimeUnit.DAYS,
    "Giờ": TimeUnit.WORKING_HOURS,
    "Tháng": TimeUnit.MONTHS,
}
_LEGAL_TIME_ORDER = (Channel.IN_PERSON, Channel.ONLINE, Channel.POSTAL)
_AT_ONCE = re.compile(
    r"ngay sau khi (?:nhan|tiep nhan)|tra ket qua ngay|giai quyet ngay"
)
_SAME_DAY = re.compile(r"(?:tra ket qua|giai quyet)(?: ngay)? trong ngay(?! lam viec)")
_LEVEL_FLAGS: Mapping[ProcedureLevel, str] = {
    ProcedureLevel.CENTRAL: "level_central",
    ProcedureLevel.PROVINCE: "level_province",
    ProcedureLevel.COMMUNE: "level_commune",
    ProcedureLevel.OTHER: "level_other",
}


class RecordError(ValueError):
    """The record cannot be imported at all (no code, not an object)."""


@dataclass(slots=True)
class ParsedProcedure:
    code: str
    field_name: str
    values: dict[str, Any]
    channels: list[ParsedChannel]
    documents: list[Paper]
    results: list[ParsedResult]
    issues: list[ParseIssue] = field(default_factory=list)


def level_flag(level: str) -> str:
    """Return the Procedure column that marks ``level``."""
    return _LEVEL_FLAGS[ProcedureLevel(level)]


def search_columns(*, name: str, code: str) -> dict[str, str]:
    """Folded columns that :func:`procedure_search` compares with the query."""
    folded_name = fold(name)
    return {"name_folded": folded_name, "search_text": f"{folded_name} {code.lower()}"}


def record_hash(record: Mapping[str, Any]) -> str:
    payload = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{PARSER_VERSION}\n{payload}".encode()).hexdigest()


def _text(record: Mapping[str, Any], key: str) -> str:
    value = record.get(key)
    return nfc(value) if isinstance(value, str) else ""


def parse_record(record: Mapping[str, Any]) -> ParsedProcedure:
    """Read one record; raise :class:`RecordError` if it has no usable code."""
    code = _text(record, "ma_thu_tuc")
    if not code:
        raise RecordError("no procedure code (ma_thu_tuc)")
    issues: list[ParseIssue] = []
    channels = _channels(record, issues)
    _statutory_units(code, channels)
    levels, level_issues = parse_levels(_names(record.get("cap_thuc_hien"), ",;\n"))
    issues += level_issues
    values = {
        **_describing_values(record, issues),
        **{flag: level in levels for level, flag in _LEVEL_FLAGS.items()},
        **_channel_values(channels),
        **search_columns(name=_text(record, "ten_thu_tuc"), code=code),
    }
    results = _results(record, issues)
    documents = _documents(record, code, issues)
    _channel_cases(channels, documents)
    field_name = _text(record, "linh_vuc")
    if not field_name:
        issues.append(ParseIssue("no_field"))
    if values["legal_time_amount"] is None:
        issues.append(ParseIssue("no_processing_time"))
    for channel in channels:
        issues += channel.issues
    return ParsedProcedure(
        code, field_name, values, channels, documents, results, issues
    )


def _documents(
    record: Mapping[str, Any], code: str, issues: list[ParseIssue]
) -> list[Paper]:
    """Read the papers from the raw text; the crawler's rows only as a fallback."""
    papers, paper_issues = parse_papers(_raw(record, "thanh_phan_ho_so"), code=code)
    if papers:
        issues += paper_issues
        return papers
    crawler, crawler_issues = papers_from_crawler(_list(record.get("parsed_documents")))
    if crawler:
        issues += [ParseIssue("documents_from_crawler"), *crawler_issues]
        return crawler
    issues += paper_issues
    return []


def _raw(record: Mapping[str, Any], key: str) -> str:
    """The raw cell ``key``: ``<key>_raw`` in the crawled file, ``<key>`` in the
    portal's own records."""
    return _text(record, f"{key}_raw") or _text(record, key)


def _names(value: Any, separators: str = ";\n") -> list[str]:
    """A list of names, given as a list or as one text ("Cấp tỉnh; Cấp xã")."""
    if isinstance(value, str):
        parts = re.split(f"[{separators}]", value)
        return [part.strip() for part in parts if part.strip()]
    return [str(item) for item in _list(value)]


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _describing_values(
    record: Mapping[str, Any], issues: list[ParseIssue]
) -> dict[str, Any]:
    kind_text = _text(record, "loai_thu_tuc")
    kind = KIND_NAMES.get(kind_text)
    if kind is None:
        issues.append(ParseIssue("unknown_procedure_kind", kind_text))
    legal_text = _raw(record, "can_cu_phap_ly")
    instruments = parse_legal_basis(legal_text)
    if not instruments and legal_text.removeprefix("Tên văn bản pháp lýMã văn bản"):
        issues.append(ParseIssue("legal_basis_unparsed", legal_text[:80]))
    return {
        "name": _text(record, "ten_thu_tuc"),
        "kind": kind or ProcedureKind.OTHER,
        "subjects": _text(record, "doi_tuong_thuc_hien"),
        "issuing_body": _text(record, "co_quan_ban_hanh"),
        "competent_agency_text": _text(record, "co_quan_co_tham_quyen"),
        "implementing_agency_text": _text(record, "co_quan_thuc_hien"),
        "listed_agencies": [
            nfc(str(a)) for a in _names(record.get("co_quan_thuc_hien_danh_muc"))
        ],
        "reception_address": _text(record, "dia_chi_tiep_nhan"),
        "authorised_agency_text": _text(record, "co_quan_duoc_uy_quyen"),
        "coordinating_agency_text": _text(record, "co_quan_phoi_hop"),
        "related_procedures_text": _text(record, "thu_tuc_lien_quan"),
        "decision_number": _text(record, "so_quyet_dinh"),
        "legal_basis_text": legal_text,
        "legal_instruments": instruments,
        "conditions": _text(record, "yeu_cau_dieu_kien"),
        "steps_text": _text(record, "trinh_tu_thuc_hien"),
        "source_url": _text(record, "detail_url"),
        "source_group": _text(record, "source_group"),
    }


def _channels(
    record: Mapping[str, Any], issues: list[ParseIssue]
) -> list[ParsedChannel]:
    """Parse the raw cell; fall back to the crawler's rows when it yields none."""
    crawler = _crawler_channels(_list(record.get("parsed_processing_modes")))
    channels = parse_channels(_raw(record, "cach_thuc_thuc_hien"))
    if not channels and crawler:
        issues.append(ParseIssue("channels_from_crawler"))
        return crawler
    ours = Counter((c.channel, c.time_amount, c.time_unit) for c in channels)
    theirs = Counter((c.channel, c.time_amount, c.time_unit) for c in crawler)
    if ours != theirs and crawler:
        issues.append(ParseIssue("crawler_parse_differs", _describe(channels)))
    return channels


_CASE_KEY_LENGTH = 40
_CASE_KEY_MINIMUM = 15


def _channel_cases(channels: list[ParsedChannel], documents: list[Paper]) -> None:
    """Tie a channel row to the case its description names, where the catalogue
    gives one channel different times by case ("Trường hợp thuộc điểm c … thì
    …"). A description that merely mentions a case (where to hand it in) on a
    channel with one time ties nothing."""
    cases = list(dict.fromkeys(d.case_heading for d in documents if d.case_heading))
    if not cases:
        return
    keys = {case: _case_key(case) for case in cases}
    times: dict[str, set[tuple[object, object]]] = {}
    for channel in channels:
        times.setdefault(channel.channel, set()).add(
            (channel.time_amount, channel.time_unit)
        )
    for channel in channels:
        if len(times[channel.channel]) < 2:  # one time for the channel: every case
            continue
        text = fold(channel.description)
        channel.case_heading = next(
            (case for case, key in keys.items() if key and key in text), ""
        )


def _case_key(heading: str) -> str:
    key = fold(heading).removeprefix("truong hop ")[:_CASE_KEY_LENGTH]
    return key if len(key) >= _CASE_KEY_MINIMUM else ""


def _statutory_units(code: str, channels: list[ParsedChannel]) -> None:
    """Give a unit-less time the law's time (``procedures.statutory``)."""
    law = statutory_time(code)
    if law is None:
        return
    for channel in channels:
        if channel.time_amount is None or channel.time_unit is not None:
            continue
        channel.time_amount, channel.time_unit = law.amount, law.unit
        channel.issues = [i for i in channel.issues if i.kind != "time_without_unit"]
        channel.issues.append(ParseIssue("time_from_law", law.basis))


def _describe(channels: list[ParsedChannel]) -> str:
    return "; ".join(f"{c.channel} {c.time_amount} {c.time_unit}" for c in channels)


def _crawler_channels(modes: list[Any]) -> list[ParsedChannel]:
    channels = []
    for mode in modes:
        channel = CHANNEL_NAMES.get(nfc(str(mode.get("channel") or "")))
        if channel is None:
            continue
        value = mode.get("time_value")
        channels.append(
            ParsedChannel(
                channel=channel,
                time_amount=parse_decimal(str(value)) if value is not None else None,
                time_unit=_CRAWLER_UNITS.get(str(mode.get("time_unit"))),
                time_text=str(value or ""),
                fee_text=str(mode.get("fee") or ""),
                fee_amount_vnd=None,
                description="",
            )
        )
    return channels


def _results(record: Mapping[str, Any], issues: list[ParseIssue]) -> list[ParsedResult]:
    raw = _raw(record, "ket_qua_xu_ly")
    results = parse_results(raw)
    if results:
        return results
    crawler = [
        ParsedResult(name=nfc(str(r.get("name") or "")), code=str(r.get("code") or ""))
        for r in _list(record.get("parsed_results"))
    ]
    if crawler or not raw:
        return crawler
    issues.append(ParseIssue("results_unparsed", raw[:80]))
    return [ParsedResult(name=raw, code="")]


def _channel_values(channels: list[ParsedChannel]) -> dict[str, Any]:
    amount, unit = legal_time(channels)
    hours = [_working_hours(c) for c in channels]
    descriptions = fold(" ".join(c.description for c in channels))
    no_wait = any(h is not None and h <= 1 for h in hours) or bool(
        _AT_ONCE.search(descriptions)
    )
    same_day = (
        no_wait
        or any(c.time_unit == TimeUnit.SAME_DAY for c in channels)
        or any(h is not None and h <= 4 for h in hours)
        or bool(_SAME_DAY.search(descriptions))
    )
    return {
        "legal_time_amount": amount,
        "legal_time_unit": unit,
        "online_level": online_level(channels),
        "is_no_wait": no_wait,
        "is_same_day": same_day,
    }


def _working_hours(channel: ParsedChannel) -> Decimal | None:
    if channel.time_amount is None:
        return None
    if channel.time_unit == TimeUnit.WORKING_HOURS:
        return channel.time_amount
    return None


def legal_time(channels: list[ParsedChannel]) -> tuple[Decimal | None, TimeUnit | None]:
    """Return the time of the first channel with one, in-person first."""
    for wanted in _LEGAL_TIME_ORDER:
        for channel in channels:
            if channel.channel == wanted and (channel.time_amount or 0) > 0:
                return channel.time_amount, channel.time_unit
    return None, None


def online_level(channels: list[ParsedChannel]) -> OnlineLevel:
    online = [c for c in channels if c.channel == Channel.ONLINE]
    if not online:
        return OnlineLevel.NONE
    if any(c.time_amount is not None for c in online):
        return OnlineLevel.FULL
    return OnlineLevel.PARTIAL
