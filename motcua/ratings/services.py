"""Writes: record a rating, submit and answer feedback (PAKN)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.access import agencies_visible_to, user_has_role
from motcua.agencies.models import Agency, ServicePoint, StaffRole
from motcua.calendars.selectors import work_calendar_get
from motcua.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.ratings.choices import (
    FeedbackKind,
    FeedbackStatus,
    RatingChannel,
    RatingReason,
    RatingScore,
)
from motcua.ratings.models import Feedback, Rating

COMMENT_MAX_LENGTH = 1000
CONTENT_MAX_LENGTH = 4000
# Decision 766/QĐ-TTg indicator 5.2: a PAKN is handled on time within 15 working days.
FEEDBACK_WORKING_DAYS = 15
# Who answers feedback routed to an agency (its leaders and its administrator).
ANSWER_ROLES = (
    StaffRole.AGENCY_LEADER,
    StaffRole.DIVISION_LEADER,
    StaffRole.AGENCY_ADMIN,
)


def _dossier_lock(code: str) -> Dossier:
    dossier = (
        Dossier.objects.select_for_update(of=("self",))
        .filter(code=code.strip().upper())
        .first()
    )
    if dossier is None:
        raise NotFound(_("No dossier has the code %(code)s.") % {"code": code})
    return dossier


def _reasons_clean(score: str, reasons: Sequence[str], comment: str) -> list[str]:
    unknown = [reason for reason in reasons if reason not in RatingReason.values]
    if unknown:
        raise InvalidInput(
            _("Unknown reason %(reason)s. Choose among: %(known)s.")
            % {"reason": unknown[0], "known": ", ".join(RatingReason.values)},
            field_errors={"reasons": _("unknown value")},
        )
    if reasons and score == RatingScore.SATISFIED:
        raise InvalidInput(
            _("Reasons tell what went wrong: give them only when not satisfied."),
            field_errors={"reasons": _("Leave empty when satisfied.")},
        )
    if RatingReason.OTHER in reasons and not comment:
        raise InvalidInput(
            _("Say in the comment what else went wrong."),
            field_errors={"comment": _("Required with the reason “other”.")},
        )
    return list(dict.fromkeys(reasons))  # unique, in the order given


def _rating_input_check(score: str, channel: str, comment: str) -> None:
    if score not in RatingScore.values:
        raise InvalidInput(
            _("Choose satisfied, normal or not satisfied."),
            field_errors={"score": _("unknown value")},
        )
    if channel not in RatingChannel.values:
        raise InvalidInput(
            _("Unknown rating channel %(channel)s.") % {"channel": channel},
            field_errors={"channel": _("unknown value")},
        )
    if len(comment) > COMMENT_MAX_LENGTH:
        raise InvalidInput(
            _("The comment is too long (at most %(max)d characters).")
            % {"max": COMMENT_MAX_LENGTH},
            field_errors={"comment": _("too long")},
        )


def _already_rated() -> Conflict:
    return Conflict(_("This dossier has already been rated. Thank you!"))


@transaction.atomic
def rating_record(
    *,
    dossier_code: str,
    score: str,
    reasons: Sequence[str],
    comment: str,
    channel: str,
    now: datetime,
) -> Rating:
    """Record the citizen's rating of dossier ``dossier_code`` (once).

    Raises:
        InvalidInput: an unknown score, reason or channel; reasons with
            "satisfied"; "other" without a comment; a comment too long.
        NotFound: no dossier has the code.
        Conflict: the result is not returned yet (status 10), or it is rated.
    """
    comment = comment.strip()
    _rating_input_check(score, channel, comment)
    cleaned = _reasons_clean(score, reasons, comment)
    dossier = _dossier_lock(dossier_code)
    if dossier.status != DossierStatus.RETURNED:
        raise Conflict(_("A dossier can be rated once its result has been returned."))
    if Rating.objects.filter(dossier=dossier).exists():
        raise _already_rated()
    try:
        with transaction.atomic():
            return Rating.objects.create(
                dossier=dossier,
                score=score,
                reasons=cleaned,
                comment=comment,
                channel=channel,
                at=now,
            )
    except IntegrityError as error:  # a concurrent rating won the race
        raise _already_rated() from error


def rating_record_at_counter(
    *,
    actor: User,
    dossier_code: str,
    score: str,
    reasons: Sequence[str],
    comment: str,
    now: datetime,
) -> Rating:
    """Record a rating given on the counter tablet of ``actor``'s agency.

    Raises:
        PermissionDenied: ``actor`` is no reception officer of the receiving agency.
        and what ``rating_record`` raises.
    """
    rating_counter_check(actor=actor, dossier_code=dossier_code)
    return rating_record(
        dossier_code=dossier_code,
        score=score,
        reasons=reasons,
        comment=comment,
        channel=RatingChannel.COUNTER_TABLET,
        now=now,
    )


def rating_counter_check(*, actor: User, dossier_code: str) -> Dossier:
    """Return the dossier if ``actor`` may open its counter rating tablet.

    Raises:
        NotFound: no dossier has the code.
        PermissionDenied: ``actor`` is no reception officer of the receiving agency.
    """
    dossier = (
        Dossier.objects.select_related("receiving_agency", "procedure")
        .filter(code=dossier_code.strip().upper())
        .first()
    )
    if dossier is None:
        raise NotFound(_("No dossier has the code %(code)s.") % {"code": dossier_code})
    if not user_has_role(actor, StaffRole.RECEPTION_OFFICER, dossier.receiving_agency):
        raise PermissionDenied(
            _("Only a reception officer of %(agency)s opens this rating tablet.")
            % {"agency": dossier.receiving_agency}
        )
    return dossier


# Feedback ----------------------------------------------------------------------


def feedback_due_at(*, agency: Agency, received_at: datetime) -> datetime:
    """Return ``received_at`` + 15 working days on ``agency``'s calendar (766, 5.2)."""
    calendar = work_calendar_get(hours=agency.working_hours())
    minutes = FEEDBACK_WORKING_DAYS * calendar.minutes_per_day
    return calendar.add_working_minutes(received_at, minutes)


def _code_error(field: str, message: str) -> InvalidInput:
    return InvalidInput(message, field_errors={field: message})


def _feedback_route(
    dossier_code: str, service_point_code: str, agency_code: str
) -> tuple[Agency, Dossier | None, ServicePoint | None]:
    """Find what the feedback is about and the agency that handles it."""
    dossier = point = agency = None
    if dossier_code:
        dossier = (
            Dossier.objects.select_related("competent_agency")
            .filter(code=dossier_code.strip().upper())
            .first()
        )
        if dossier is None:
            raise _code_error("dossier_code", _("No dossier has this code."))
    if service_point_code:
        point = (
            ServicePoint.objects.select_related("agency")
            .filter(code=service_point_code.strip(), is_active=True)
            .first()
        )
        if point is None:
            raise _code_error(
                "service_point_code", _("No service point has this code.")
            )
    if agency_code:
        agency = Agency.objects.filter(code=agency_code.strip(), is_active=True).first()
        if agency is None:
            raise _code_error("agency_code", _("No agency has this identifier."))
    # A dossier goes to its competent agency, a place to its operating agency.
    routed = (
        (dossier.competent_agency if dossier else None)
        or (point.agency if point else None)
        or agency
    )
    if routed is None:
        raise InvalidInput(
            _(
                "Say what the feedback is about: a dossier code, a service point "
                "or an agency."
            )
        )
    return routed, dossier, point


def _feedback_input_check(kind: str, content: str) -> None:
    if kind not in FeedbackKind.values:
        raise _code_error("kind", _("Choose complaint, suggestion or question."))
    if not content:
        raise _code_error("content", _("Write your feedback."))
    if len(content) > CONTENT_MAX_LENGTH:
        raise _code_error(
            "content",
            _("The feedback is too long (at most %(max)d characters).")
            % {"max": CONTENT_MAX_LENGTH},
        )


@transaction.atomic
def feedback_submit(
    *,
    kind: str,
    content: str,
    now: datetime,
    dossier_code: str = "",
    service_point_code: str = "",
    agency_code: str = "",
    name: str = "",
    contact: str = "",
) -> Feedback:
    """Record feedback and route it: dossier's agency, else the place's, else given.

    Raises:
        InvalidInput: an unknown kind or code, empty content, nothing to route by.
    """
    content = content.strip()
    _feedback_input_check(kind, content)
    agency, dossier, point = _feedback_route(
        dossier_code, service_point_code, agency_code
    )
    return Feedback.objects.create(
        kind=kind,
        dossier=dossier,
        service_point=point,
        agency=agency,
        content=content,
        name=name.strip()[:200],
        contact=contact.strip()[:200],
        received_at=now,
        due_at=feedback_due_at(agency=agency, received_at=now),
    )


def _feedback_lock_for(actor: User, feedback_id: int) -> Feedback:
    feedback = (
        Feedback.objects.select_for_update(of=("self",))
        .select_related("agency")
        .filter(pk=feedback_id, agency__in=agencies_visible_to(actor))
        .first()
    )
    if feedback is None:
        raise NotFound(_("No feedback has the number %(id)s.") % {"id": feedback_id})
    return feedback


@transaction.atomic
def feedback_answer(
    *, feedback_id: int, actor: User, answer: str, now: datetime
) -> Feedback:
    """Answer feedback ``feedback_id`` as a leader of the agency it was routed to.

    Raises:
        NotFound: no such feedback, or it belongs to an agency ``actor`` can't see.
        PermissionDenied: ``actor`` is no leader or administrator of that agency.
        Conflict: it is already answered or closed.
        InvalidInput: an empty answer.
    """
    feedback = _feedback_lock_for(actor, feedback_id)
    if not user_has_role(actor, ANSWER_ROLES, feedback.agency):
        raise PermissionDenied(
            _("Only the leaders of %(agency)s answer this feedback.")
            % {"agency": feedback.agency}
        )
    if feedback.status != FeedbackStatus.NEW:
        raise Conflict(_("This feedback has already been answered."))
    answer = answer.strip()
    if not answer:
        raise _code_error("answer", _("Write the answer."))
    feedback.answer = answer
    feedback.answered_by = actor
    feedback.answered_at = now
    feedback.status = FeedbackStatus.ANSWERED
    feedback.save(update_fields=["answer", "answered_by", "answered_at", "status"])
    return feedback
