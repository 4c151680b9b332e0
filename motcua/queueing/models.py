"""The front hall's queue: service lines, tickets and the timed spans of each ticket."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import User
from motcua.agencies.models import Counter, ServicePoint
from motcua.procedures.models import Procedure


class ServiceLine(models.Model):
    """A line of a hall's queue (e.g. "B – Tư pháp, hộ tịch") with its ticket prefix."""

    service_point = models.ForeignKey(
        ServicePoint,
        verbose_name=_("service point"),
        on_delete=models.PROTECT,
        related_name="service_lines",
    )
    prefix = models.CharField(
        _("ticket prefix"),
        max_length=2,
        validators=[RegexValidator(r"^[A-Z]{1,2}$", _("One or two capital letters."))],
    )
    name = models.CharField(_("name"), max_length=200)
    procedures = models.ManyToManyField(
        Procedure,
        verbose_name=_("procedures"),
        blank=True,
        related_name="service_lines",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("service line")
        verbose_name_plural = _("service lines")
        constraints = [
            models.UniqueConstraint(
                fields=["service_point", "prefix"], name="service_line_prefix_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prefix} – {self.name}"


class TicketSequence(models.Model):
    """The last ticket number of a line on a local day (``core.counters``)."""

    line = models.ForeignKey(ServiceLine, on_delete=models.CASCADE)
    day = models.DateField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["line", "day"], name="ticket_sequence_key"),
        ]

    def __str__(self) -> str:
        return f"{self.line_id} {self.day}: {self.last_value}"


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")  # chờ gọi
    CALLED = "called", _("called")  # đã gọi, chờ đến quầy
    SERVING = "serving", _("being served")  # đang phục vụ
    DONE = "done", _("done")  # đã phục vụ xong
    NO_SHOW = "no_show", _("did not come")  # gọi không đến
    CANCELLED = "cancelled", _("cancelled")  # huỷ


class Ticket(models.Model):
    """A queue ticket (số thứ tự): a number per line and local day, e.g. ``B-023``."""

    line = models.ForeignKey(
        ServiceLine,
        verbose_name=_("service line"),
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    day = models.DateField(_("day"))  # local date of issue (Asia/Ho_Chi_Minh)
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(_("status"), max_length=20, choices=TicketStatus.choices)
    issued_at = models.DateTimeField(_("issued at"))
    # Where the ticket was last called to, and by whom.
    counter = models.ForeignKey(
        Counter,
        verbose_name=_("counter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # In the ticket's QR: the phone follows the queue with it, without a login.
    follow_key = models.CharField(max_length=32, unique=True, editable=False)

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        constraints = [
            models.UniqueConstraint(
                fields=["line", "day", "number"], name="ticket_number_per_line_day"
            ),
        ]
        indexes = [models.Index(fields=["line", "day", "status", "number"])]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        """The printed number: the line's prefix and three digits (``B-023``)."""
        return f"{self.line.prefix}-{self.number:03d}"


class TicketSpan(models.Model):
    """One state of a ticket, from when it began to when it ended.

    Every change of state closes the open span and opens the next, so waiting
    and service times are read from these rows, never guessed.
    """

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="spans")
    status = models.CharField(max_length=20, choices=TicketStatus.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    # The counter and officer of a called or served span (statistics per both).
    counter = models.ForeignKey(
        Counter, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    officer = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ticket"],
                condition=models.Q(ended_at__isnull=True),
                name="ticket_one_open_span",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.status} from {self.started_at:%Y-%m-%d %H:%M}"
