"""Inter-agency legs (liên thông): send to other agencies and take their replies.

SPEC §4.3: steps may go to another agency in sequence or in parallel and come
back. In parallel every leg is sent at once; in sequence a leg is sent when the
one before it is replied. The dossier returns to processing when no leg is open
or waiting.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.core.errors import InvalidInput
from motcua.dossiers.choices import AgencyRequestMode
from motcua.dossiers.models import AgencyRequest, Dossier
from motcua.dossiers.payloads import AgencyReplied, SentToAgencies
from motcua.dossiers.services.transitions import transition_begin, transition_finish
from motcua.dossiers.workflow import OTHER_AGENCY, PROCESSING, DossierAction


def _agencies_check(dossier: Dossier, agencies: Sequence[Agency], mode: str) -> None:
    errors = {}
    ids = [agency.pk for agency in agencies]
    if not ids or len(set(ids)) != len(ids) or dossier.competent_agency_id in ids:
        errors["agencies"] = _(
            "Choose one or more other agencies, each once (not the competent agency)."
        )
    if mode not in AgencyRequestMode.values:
        errors["mode"] = _("Choose in sequence or in parallel.")
    if errors:
        raise InvalidInput(
            _("The request to other agencies is not usable."), field_errors=errors
        )


@transaction.atomic
def dossier_send_to_agency(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    agencies: Sequence[Agency],
    mode: str = AgencyRequestMode.PARALLEL,
    request_note: str = "",
    due_at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Send the dossier to one or several agencies (creates ``AgencyRequest`` legs).

    ``due_at`` (optional) is when the agencies should reply; the step is due then,
    else by the dossier's deadline.

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin``.
        InvalidInput: no agencies, a repeated one, the competent agency, a bad mode.
    """
    acting = transition_begin(
        action=DossierAction.SEND_TO_AGENCY,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    dossier = acting.dossier
    _agencies_check(dossier, agencies, mode)
    parallel = mode == AgencyRequestMode.PARALLEL
    AgencyRequest.objects.bulk_create(
        AgencyRequest(
            dossier=dossier,
            to_agency=agency,
            mode=mode,
            position=position,
            request_note=request_note,
            sent_at=now if parallel or position == 1 else None,
            due_at=due_at,
        )
        for position, agency in enumerate(agencies, start=1)
    )
    transition_finish(
        acting,
        now=now,
        to=OTHER_AGENCY,
        receiver_agency=agencies[0],
        note=request_note,
        payload=SentToAgencies(
            agencies=tuple(agency.code for agency in agencies), mode=mode
        ),
        step_due=due_at or dossier.deadline_at,
    )
    return dossier


def _next_agency(
    dossier: Dossier, following: AgencyRequest | None, *, done: bool
) -> Agency | None:
    if done:
        return dossier.competent_agency
    return following.to_agency if following is not None else None


@transaction.atomic
def dossier_agency_reply(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    reply_note: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """Record the reply of the actor's agency to its open leg.

    In sequence the next leg is sent now; when no leg is open or waiting the
    dossier returns to processing (to its assignee).

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin`` (the actor
            must be staff of an agency with an open leg).
    """
    acting = transition_begin(
        action=DossierAction.AGENCY_REPLY,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    dossier, replying = acting.dossier, acting.agency
    assert replying is not None  # noqa: S101 - staff of the leg's agency act here
    legs = AgencyRequest.objects.filter(dossier=dossier, replied_at__isnull=True)
    leg = legs.filter(to_agency=replying, sent_at__isnull=False).order_by("id").first()
    assert leg is not None  # noqa: S101 - the permit came from this open leg
    leg.replied_at, leg.replied_by, leg.reply_note = now, actor, reply_note
    leg.save(update_fields=["replied_at", "replied_by", "reply_note"])
    waiting = (
        legs.exclude(pk=leg.pk).filter(sent_at__isnull=True).order_by("position", "id")
    )
    following = waiting.first()
    if (
        following is not None
        and not legs.exclude(pk=leg.pk).filter(sent_at__isnull=False).exists()
    ):
        following.sent_at = now
        following.save(update_fields=["sent_at"])
    done = not legs.exclude(pk=leg.pk).exists()
    transition_finish(
        acting,
        now=now,
        to=PROCESSING if done else None,
        receiver=dossier.assignee if done else None,
        receiver_agency=_next_agency(dossier, following, done=done),
        note=reply_note,
        payload=AgencyReplied(agency=replying.code, leg=leg.pk),
    )
    return dossier
