"""The one table of what an officer may do with a ticket, and what follows.

A ticket waits, is called to a counter, is served and done. A call may be
repeated a few times (the same state, a new timed span, so the waits between
calls are on record); a citizen who does not come, or who is sent to fetch a
paper, is set aside ("parked") and can be called back the same day; a parked
ticket can be given up. A waiting ticket can move to another line or counter
and keeps its place. Anything not in the table is refused (``Conflict``).
Calling the next ticket is ``services.ticket_call_next`` (it chooses the
ticket); the table also holds that move, so one place says where each state may
go.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.queueing.models import TicketStatus as S


class TicketAction(models.TextChoices):
    CALL = "call", _("call")  # gọi số
    RECALL = "recall", _("call again")  # gọi lại
    SERVE = "serve", _("start serving")  # bắt đầu phục vụ
    FINISH = "finish", _("finish")  # phục vụ xong
    NO_SHOW = "no_show", _("set aside as not come")  # gọi không đến: tạm gác
    PARK = "park", _("set aside")  # tạm gác (đi bổ sung giấy tờ)
    CALL_BACK = "call_back", _("call back")  # gọi lại số đã gác
    TRANSFER = "transfer", _("transfer")  # chuyển dòng / chuyển quầy
    GIVE_UP = "give_up", _("give up")  # bỏ số đã gác: không đến
    CANCEL = "cancel", _("cancel")  # huỷ số


# action: (the states it may start from, the state it leads to)
TRANSITIONS: dict[TicketAction, tuple[frozenset[S], S]] = {
    TicketAction.CALL: (frozenset({S.WAITING}), S.CALLED),
    TicketAction.RECALL: (frozenset({S.CALLED}), S.CALLED),
    TicketAction.SERVE: (frozenset({S.CALLED}), S.SERVING),
    TicketAction.FINISH: (frozenset({S.SERVING}), S.DONE),
    TicketAction.NO_SHOW: (frozenset({S.CALLED}), S.PARKED),
    TicketAction.PARK: (frozenset({S.CALLED, S.SERVING}), S.PARKED),
    TicketAction.CALL_BACK: (frozenset({S.PARKED}), S.CALLED),
    TicketAction.TRANSFER: (frozenset({S.WAITING, S.CALLED, S.PARKED}), S.WAITING),
    TicketAction.GIVE_UP: (frozenset({S.PARKED}), S.NO_SHOW),
    TicketAction.CANCEL: (frozenset({S.WAITING, S.CALLED, S.PARKED}), S.CANCELLED),
}
# States a ticket never leaves.
FINAL = frozenset({S.DONE, S.NO_SHOW, S.CANCELLED})
# A ticket at a counter: called there, or being served.
AT_COUNTER = frozenset({S.CALLED, S.SERVING})
# How many times a call may be repeated before the ticket must be set aside.
RECALL_LIMIT = 2
