"""Masked dossier codes for public boards (SPEC §3 codes; issue "citizen portal" §5).

A public board lists late dossiers without letting anyone look them up: the code
keeps the agency's e-ID, the year and month and the last 2 digits of the sequence
(``H26.TTPVHCC-261107-0007`` → ``H26.TTPVHCC-2611**-**07``). The citizen recognises
their own dossier; nobody else can open it on the tracking page.
"""

from __future__ import annotations

import re

MASK = "*"
# <agency e-ID>-<YYMMDD>-<sequence> (Circular 01/2018/TT-VPCP, Circular 03/2025 Art. 13)
_CODE = re.compile(r"^(?P<eid>.+)-(?P<ym>\d{4})(?P<day>\d{2})-(?P<seq>\d{3,})$")
_KEPT_DIGITS = 2


def code_mask(code: str) -> str:
    """Return ``code`` with the day and all but the last 2 sequence digits masked.

    A code of another shape keeps only its last 2 characters, so the result is
    never the full code.
    """
    match = _CODE.match(code)
    if match is None:
        tail = code[-_KEPT_DIGITS:] if len(code) > _KEPT_DIGITS else ""
        return MASK * max(len(code) - len(tail), 4) + tail
    seq = match["seq"]
    hidden = MASK * (len(seq) - _KEPT_DIGITS) + seq[-_KEPT_DIGITS:]
    return f"{match['eid']}-{match['ym']}{MASK * 2}-{hidden}"
