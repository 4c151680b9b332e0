"""The one table of what an officer may do with a called ticket, and what follows.

A ticket waits, is called to a counter, is served and done; a called citizen who
does not come is marked as such; a call may be repeated (the same state, a new
timed span, so the waits between calls are on record). Anything not in the table
is refused (``Conflict``). Calling the next ticket is ``services.ticket_call_next``
(it chooses the ticket); the table also holds that move, so one place says where
each state may go.
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
    NO_SHOW = "no_show", _("mark as not come")  # gọi không đến
    CANCEL = "cancel", _("cancel")  # huỷ số


# action: (the states it may start from, the state it leads to)
TRANSITIONS: dict[TicketAction, tuple[frozenset[S], S]] = {
    TicketAction.CALL: (frozenset({S.WAITING}), S.CALLED),
    TicketAction.RECALL: (frozenset({S.CALLED}), S.CALLED),
    TicketAction.SERVE: (frozenset({S.CALLED}), S.SERVING),
    TicketAction.FINISH: (frozenset({S.SERVING}), S.DONE),
    TicketAction.NO_SHOW: (frozenset({S.CALLED}), S.NO_SHOW),
    TicketAction.CANCEL: (frozenset({S.WAITING, S.CALLED}), S.CANCELLED),
}
# States a ticket never leaves.
FINAL = frozenset({S.DONE, S.NO_SHOW, S.CANCELLED})
