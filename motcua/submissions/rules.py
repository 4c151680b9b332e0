"""Rules of online filing that come from law; their data lives in settings.

Decree 45/2020/NĐ-CP Art. 4 (and Decree 104/2022/NĐ-CP on population data): an
applicant is not asked again for a paper the authorities already hold or can get
from the national population database; the dossier references it instead.
"""

from __future__ import annotations

from django.conf import settings

from motcua.core.text import fold
from motcua.procedures.choices import Channel, OnlineLevel
from motcua.procedures.models import Procedure, ProcedureChannel

POPULATION_REFERENCE = "population-db:"
DATA_STORE_REFERENCE = "data-store:"


def held_by_authorities(document_name: str) -> bool:
    """True when the paper is one the population database holds (identity,
    residence), so the applicant's personal ID number stands for it."""
    name = fold(document_name)
    phrases: list[str] = settings.MOTCUA_PAPERS_HELD_BY_AUTHORITIES
    return any(fold(phrase) in name for phrase in phrases)


def population_reference(id_number: str) -> str:
    return f"{POPULATION_REFERENCE}{id_number.strip()}"


def is_filed_online(procedure: Procedure) -> bool:
    """Whether citizens may file ``procedure`` on the portal (fully or partly)."""
    return procedure.online_level in (OnlineLevel.FULL, OnlineLevel.PARTIAL)


def _online_channel(procedure: Procedure) -> ProcedureChannel | None:
    return (
        ProcedureChannel.objects.filter(procedure=procedure, channel=Channel.ONLINE)
        .order_by("position", "id")
        .first()
    )


def online_fee_unknown(procedure: Procedure) -> bool:
    """Whether the online fee is set by the provincial council and not entered:
    nothing is charged online, and the citizen is not told it is free."""
    channel = _online_channel(procedure)
    return channel is not None and channel.fee_unknown


def online_fee(procedure: Procedure) -> tuple[int, str]:
    """The fee charged when filing online (VND) and its published wording."""
    channel = _online_channel(procedure)
    if channel is None or not channel.fee_amount_vnd:
        return 0, ""
    return int(channel.fee_amount_vnd), channel.fee_text
