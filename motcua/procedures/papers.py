"""Read the papers of a procedure from the portal's "Thành phần hồ sơ" text.

Pure code. The portal prints the cell as tables whose borders are lost::

    <label>Tên giấy tờMẫu đơn, tờ khaiSố lượng- <paper>1 bản chính<paper>0 bản chính
    <next label>Tên giấy tờMẫu đơn, tờ khaiSố lượng…

Each table header (``Tên giấy tờMẫu đơn, tờ khaiSố lượng``) is preceded by its
label, and each paper ends with its counts ("1 bản chính", "2 bản sao"). What a
reception officer reads in a label decides what the papers under it are:

* ``* Giấy tờ phải nộp:`` — papers to **submit** (the checklist);
* ``* Giấy tờ phải xuất trình:`` — papers to **show**: checked and handed back,
  never kept, so never on the checklist (Decree 118/2025 Art. 15(2) forbids
  asking for a copy of a paper that is shown; the civil-status notes say so too);
* ``* Lưu ý:`` — **notes**;
* ``--``, ``Thành phần hồ sơ`` and the like — papers **common** to every case;
* anything else — a **case** (trường hợp) with its own papers.

A paper that only applies in a situation ("Trường hợp trẻ em bị bỏ rơi thì phải
có biên bản…", "Văn bản ủy quyền … trong trường hợp ủy quyền…", "Đối với Quân
đội nhân dân: …") is **conditional**: it keeps its condition and is never
required by default. A paragraph with no count at all (0 originals, 0 copies)
is a note: the portal uses such rows for explanations and continuations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from motcua.core.text import fold, nfc
from motcua.procedures.choices import ChannelScope
from motcua.procedures.parsing import MAX_COPIES, ParseIssue, split_form_template

TABLE_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"

# One count: "1 bản chính", "02 bản sao", "1 bản chụp". A digit glued to a digit
# of the name ("Mẫu số 011 bản chính") is read as a one-digit count.
_COUNT = r"(?:(?<=\d)\d|(?<!\d)\d{1,2})\s*bản\s*(?:chính|sao|chụp)"
_COUNT_RE = re.compile(_COUNT)
_COUNT_GAP_RE = re.compile(r"[,;]?\s*")
# A count followed by a space and a lower-case word is inside a sentence ("nộp
# 01 bản sao giấy khai sinh"), not the end of a paper.
_INSIDE_SENTENCE_RE = re.compile(r"\s+[a-zà-ỹđ]")
_COUNT_OF_SETS_RE = re.compile(r"^so luong ho so\b")
_ONE_COUNT_RE = re.compile(r"(\d+)\s*bản\s*(chính|sao|chụp)")
_BULLET_RE = re.compile(r"^[\s\-+*•–]+")

_SUBMIT_LABEL = re.compile(r"^(?:cac )?giay to (?:phai )?nop\b")
_SHOW_LABEL = re.compile(r"^(?:cac )?giay to (?:phai )?xuat trinh\b")
_NOTE_LABEL = re.compile(r"^luu y\b")
_COMMON_LABEL = re.compile(
    r"^(?:[a-z0-9]{1,2}[.)] ?)?(?:thanh phan ho so|ho so gom|ho so bao gom)\b"
)
# A paper whose text opens with a situation, or names one in its first sentence.
_CONDITION_START = re.compile(r"^(truong hop|doi voi|neu|khi)\b")
_CONDITION_INSIDE = re.compile(r"\btrong truong hop\b")

# Headings the portal publishes wrongly, corrected by hand after reading the law.
# Keyed by procedure code, the heading as published and its occurrence (0 = the
# first); an erratum applies only while the portal still prints that heading.
CASE_HEADING_ERRATA: Mapping[tuple[str, str, int], str] = {
    # 1.004222: the vehicle papers sit under a second "own home" heading; they are
    # the dossier of Luật Cư trú 2020 Art. 20(6), Art. 21(6) (a vehicle used to live
    # in), and the true "own home" case comes last with form CT01.
    (
        "1.004222",
        "Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình",
        0,
    ): "Đăng ký thường trú tại phương tiện được sử dụng để ở",
}


class PaperRole:
    """What the applicant does with a paper (a label of the catalogue)."""

    SUBMIT = "submit"
    SHOW = "show"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Paper:
    """One row of the catalogue's papers."""

    case_heading: str  # "" = common to every case
    name: str
    originals: int
    copies: int
    form_template: str = ""
    role: str = PaperRole.SUBMIT
    condition: str = ""  # the situation in which the paper is needed
    channel_scope: str = ChannelScope.ANY

    @property
    def is_note(self) -> bool:
        return self.role == PaperRole.NOTE

    @property
    def is_shown(self) -> bool:
        return self.role == PaperRole.SHOW


def parse_papers(raw: str, *, code: str = "") -> tuple[list[Paper], list[ParseIssue]]:
    """Read every paper of the raw "Thành phần hồ sơ" text, in order.

    ``code`` (the procedure's) selects the heading errata. Returns the papers and
    what could not be read with certainty.
    """
    text = nfc(raw).replace("\u200e", "").replace("\u200b", "")
    if TABLE_HEADER not in text:
        return [], ([ParseIssue("documents_unparsed", text[:80])] if text else [])
    parts = text.split(TABLE_HEADER)
    reader = _Reader(code)
    label = parts[0]
    for body in parts[1:]:
        reader.start_section(label)
        label = reader.read_section(body)
    if label.strip(" -*"):
        reader.issues.append(ParseIssue("documents_trailing_text", label[:80]))
    return reader.papers, reader.issues


class _Reader:
    def __init__(self, code: str) -> None:
        self.code = code
        self.papers: list[Paper] = []
        self.issues: list[ParseIssue] = []
        self.case = ""
        self.role = PaperRole.SUBMIT
        self.seen_cases: dict[str, int] = {}  # headings as published
        self.emitted: set[str] = set()  # headings as kept

    def start_section(self, label: str) -> None:
        """Set the case and the role the label announces."""
        clean = label.strip().strip("*-–: ").strip()
        folded = fold(clean)
        if _SUBMIT_LABEL.match(folded):
            self.role = PaperRole.SUBMIT
        elif _SHOW_LABEL.match(folded):
            self.role = PaperRole.SHOW
        elif _NOTE_LABEL.match(folded):
            self.role = PaperRole.NOTE
        elif not clean or _COMMON_LABEL.match(folded):
            self.case, self.role = "", PaperRole.SUBMIT
        else:
            self.case, self.role = self._case(clean.removesuffix(":")), PaperRole.SUBMIT

    def _case(self, heading: str) -> str:
        occurrence = self.seen_cases.get(heading, 0)
        self.seen_cases[heading] = occurrence + 1
        kept = CASE_HEADING_ERRATA.get((self.code, heading, occurrence), heading)
        if kept != heading:
            self.issues.append(ParseIssue("case_heading_corrected", heading[:80]))
        number = 1
        while kept in self.emitted:
            # Two tables under one heading are two cases: never merge their papers.
            number += 1
            kept = f"{heading} ({number})"
        if number > 1:
            self.issues.append(ParseIssue("case_heading_repeated", heading[:80]))
        self.emitted.add(kept)
        return kept

    def read_section(self, body: str) -> str:
        """Read the papers of one table; return the text after the last count
        (the label of the next table)."""
        position = 0
        for run in _count_runs(body):
            while run and _INSIDE_SENTENCE_RE.match(body, run[-1].end()):
                run.pop()  # the last count opens the next paper's name
            if not run:
                continue
            text = body[position : run[0].start()]
            if not _BULLET_RE.sub("", text).strip():
                continue  # "01 bản sao giấy khai sinh…": the count opens a name
            self._add(text, body[run[0].start() : run[-1].end()])
            position = run[-1].end()
        return body[position:]

    def _add(self, text: str, counts: str) -> None:
        originals, copies = _counts(counts)
        if max(originals, copies) > MAX_COPIES:
            self.issues.append(ParseIssue("document_count_unreadable", text[:80]))
            originals, copies = min(originals, 1), min(copies, 1)
        name, form = split_form_template(_BULLET_RE.sub("", text).strip())
        if not any(ch.isalpha() for ch in name):
            return  # a stray "." or "," between two cells
        role = self.role
        if role != PaperRole.NOTE and (originals, copies) == (0, 0):
            role = PaperRole.NOTE  # an explanation or a continuation paragraph
        if _COUNT_OF_SETS_RE.match(fold(name)):
            role = PaperRole.NOTE  # "Số lượng hồ sơ: 01 bộ" counts sets, not papers
        scope, condition = ChannelScope.ANY, ""
        if role != PaperRole.NOTE:
            scope = channel_scope(name)
            condition = "" if scope else paper_condition(name)
        self.papers.append(
            Paper(self.case, name, originals, copies, form, role, condition, scope)
        )


def papers_from_crawler(
    parsed: Sequence[Mapping[str, Any]],
) -> tuple[list[Paper], list[ParseIssue]]:
    """Read the crawler's ``parsed_documents`` (only when the raw text gives
    nothing): its cases are kept as they are, every paper is to submit."""
    papers, issues = [], []
    for case in parsed:
        heading = nfc(str(case.get("case") or ""))
        for item in case.get("documents") or []:
            name, form = split_form_template(nfc(str(item.get("name") or "")))
            originals = _number(item.get("originals"))
            copies = _number(item.get("copies"))
            if max(originals, copies) > MAX_COPIES:
                issues.append(ParseIssue("document_count_unreadable", name[:80]))
                originals, copies = min(originals, 1), min(copies, 1)
            role = PaperRole.NOTE if (originals, copies) == (0, 0) else PaperRole.SUBMIT
            papers.append(Paper(heading, name, originals, copies, form, role))
    return papers, issues


def _number(value: Any) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


def _count_runs(body: str) -> list[list[re.Match[str]]]:
    """Group the counts of ``body`` into runs ("0 bản chính,1 bản sao")."""
    runs: list[list[re.Match[str]]] = []
    for match in _COUNT_RE.finditer(body):
        last = runs[-1][-1] if runs else None
        gap = body[last.end() : match.start()] if last is not None else None
        if gap is not None and _COUNT_GAP_RE.fullmatch(gap):
            runs[-1].append(match)
        else:
            runs.append([match])
    return runs


def _counts(text: str) -> tuple[int, int]:
    """Originals and copies of a glued run of counts ("1 bản chụp1 bản chính").

    Rows glued together repeat a kind; the largest count of each kind is kept.
    """
    originals = copies = 0
    for number, kind in _ONE_COUNT_RE.findall(text):
        if kind == "chính":
            originals = max(originals, int(number))
        else:
            copies = max(copies, int(number))
    return originals, copies


_CHANNEL_CLAUSE = re.compile(
    r"\((?:[^()]*?\s)?neu (?:nguoi (?:co )?yeu cau )?(?:lua chon )?nop ho so"
    r"(?P<how>[^()]*)\)"
)


_E_FORM_RE = re.compile(r"^mau (?:ho tich )?dien tu tuong tac\b")


def channel_scope(name: str) -> ChannelScope:
    """Whether a paper is asked only online or only on paper (ChannelScope).

    Read from a parenthesis such as "(nếu người có yêu cầu lựa chọn nộp hồ sơ theo
    hình thức trực tuyến)"; a paper with no such clause is asked on any channel.
    """
    folded = _fold_in_place(name.lower())
    if _E_FORM_RE.match(folded):
        return ChannelScope.ONLINE  # an interactive e-form is filled in online
    found = _CHANNEL_CLAUSE.search(folded)
    if found is None:
        return ChannelScope.ANY
    how = found.group("how")
    online = "truc tuyen" in how
    paper = "truc tiep" in how or "buu chinh" in how
    if online and not paper:
        return ChannelScope.ONLINE
    if paper and not online:
        return ChannelScope.PAPER
    return ChannelScope.ANY


def paper_condition(name: str) -> str:
    """Return the situation a paper is needed in, or "" when always needed.

    "Trường hợp X thì phải có Y" → "Trường hợp X"; "Y trong trường hợp X." →
    "trong trường hợp X"; "Đối với A: Y" → "Đối với A". Only the first sentence
    is read: a later "Trường hợp …" sentence explains, it does not condition.
    """
    first = re.split(r"(?<=[.;])\s", name, maxsplit=1)[0]
    folded = fold(first)
    if _CONDITION_START.match(folded):
        cut = re.search(r"\s(?:thì|phải)\s|:", first)
        return (first[: cut.start()] if cut else first).strip(" .;,:")
    inside = _CONDITION_INSIDE.search(_fold_in_place(first))
    if inside is not None:
        return first[inside.start() :].strip(" .;,:")
    return ""


def _fold_in_place(text: str) -> str:
    """Fold each character alone, so that offsets still match ``text``."""
    return "".join((fold(ch) or ch)[0] for ch in text)
