"""The front hall's queue: service lines, tickets and the timed spans of each ticket."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
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
    # The counters that serve the line; none chosen means every counter of the hall.
    counters = models.ManyToManyField(
        Counter,
        verbose_name=_("counters"),
        blank=True,
        related_name="service_lines",
    )
    # A skill tag (as in the staff assignment's skills, e.g. "hộ tịch") an
    # officer must hold to serve the line; empty for any reception officer.
    skill = models.CharField(_("skill needed"), max_length=60, blank=True)
    # Online booking: how many citizens a slot takes (0: no booking) and how long
    # a slot is. Slots fall in the working hours of the hall's agency, on its
    # working days (the working-time calendar).
    booking_capacity = models.PositiveSmallIntegerField(
        _("bookings per slot"),
        default=0,
        help_text=_("0: this line takes no online booking."),
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
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


class PriorityCategory(models.Model):
    """A priority a hall gives (the elderly, persons with disabilities, pregnant
    women, people with revolutionary merit, appointment holders …), as data.

    A ticket is called by its *weighted wait*: minutes waited × the weight of
    its category (1 without one). A priority ticket passes ahead of those who
    have not waited ``weight`` times as long, but a flood of priority tickets
    never starves the rest: every wait keeps growing until it is the longest.
    """

    service_point = models.ForeignKey(
        ServicePoint,
        verbose_name=_("service point"),
        on_delete=models.CASCADE,
        related_name="priority_categories",
    )
    name = models.CharField(_("name"), max_length=100)
    weight = models.DecimalField(
        _("weight"),
        max_digits=4,
        decimal_places=1,
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("How many times faster a minute of waiting counts (1 to 20)."),
    )
    # The priority a booking gets when it is checked in at the kiosk in time.
    for_appointments = models.BooleanField(_("for appointment holders"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    ordering = models.PositiveSmallIntegerField(_("order on the kiosk"), default=0)

    class Meta:
        verbose_name = _("priority category")
        verbose_name_plural = _("priority categories")
        constraints = [
            models.UniqueConstraint(
                fields=["service_point", "name"], name="priority_name_per_hall"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (×{self.weight})"


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
    PARKED = "parked", _("set aside")  # tạm gác: gọi không đến, chờ gọi lại
    NO_SHOW = "no_show", _("did not come")  # không đến
    CANCELLED = "cancelled", _("cancelled")  # huỷ


class Ticket(models.Model):
    """A queue ticket (số thứ tự): a number per line and local day, e.g. ``B-023``.

    ``line`` issued the number; ``queue_line`` is where the ticket waits now (a
    transfer moves it, and the citizen keeps their place: the queue is ordered
    by ``issued_at``).
    """

    line = models.ForeignKey(
        ServiceLine,
        verbose_name=_("service line"),
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    queue_line = models.ForeignKey(
        ServiceLine,
        verbose_name=_("waits in line"),
        on_delete=models.PROTECT,
        related_name="queued_tickets",
    )
    # A ticket transferred to one counter is called by that counter only.
    for_counter = models.ForeignKey(
        Counter,
        verbose_name=_("for counter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The procedure chosen at the kiosk, if any: the counter's reception screen
    # opens with it.
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("procedure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The priority the citizen chose at the kiosk (checked at the counter), and
    # its weight at the time of issue.
    priority = models.ForeignKey(
        PriorityCategory,
        verbose_name=_("priority"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    weight = models.DecimalField(max_digits=4, decimal_places=1, default=1)
    # Seconds since the epoch at issue: the weighted wait is computed in SQL
    # the same way on PostgreSQL and SQLite.
    issued_seconds = models.BigIntegerField(default=0)
    # Calls repeated since the last first call (the hall's recall limit).
    recalls = models.PositiveSmallIntegerField(_("recalls"), default=0)
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
        indexes = [
            models.Index(fields=["line", "day", "status", "number"]),
            models.Index(
                fields=["queue_line", "day", "status", "issued_at"],
                name="ticket_queue_idx",
            ),
        ]

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


class CounterSession(models.Model):
    """An officer at an open counter, and the lines they call from.

    One open session per counter and per officer; closing sets ``closed_at``.
    A paused counter calls nobody and does not count as open in wait estimates.
    """

    counter = models.ForeignKey(
        Counter, verbose_name=_("counter"), on_delete=models.PROTECT, related_name="+"
    )
    officer = models.ForeignKey(
        User, verbose_name=_("officer"), on_delete=models.PROTECT, related_name="+"
    )
    lines = models.ManyToManyField(
        ServiceLine, verbose_name=_("service lines"), related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"))
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("counter session")
        verbose_name_plural = _("counter sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["counter"],
                condition=models.Q(closed_at__isnull=True),
                name="counter_one_open_session",
            ),
            models.UniqueConstraint(
                fields=["officer"],
                condition=models.Q(closed_at__isnull=True),
                name="officer_one_open_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.counter} – {self.officer}"


class DeviceKind(models.TextChoices):
    KIOSK = "kiosk", _("ticket kiosk")  # máy lấy số
    HALL_DISPLAY = "hall_display", _("hall display")  # màn hình sảnh
    COUNTER_DISPLAY = "counter_display", _("counter display")  # màn hình quầy


class HallDevice(models.Model):
    """A kiosk or display of a hall, known by the secret key in its address.

    Nobody logs in on a wall screen or a kiosk: the device's URL carries a key
    the hall's administrator hands to it, and a key can be withdrawn. Each
    request marks the device as seen (its heartbeat).
    """

    service_point = models.ForeignKey(
        ServicePoint,
        verbose_name=_("service point"),
        on_delete=models.CASCADE,
        related_name="hall_devices",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DeviceKind.choices)
    name = models.CharField(_("name"), max_length=100)
    counter = models.ForeignKey(
        Counter,
        verbose_name=_("counter"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a counter display: the counter it hangs over."),
    )
    key = models.CharField(_("key"), max_length=48, unique=True, editable=False)
    # A hall display speaks each call (a chime, then the call in Vietnamese).
    voice = models.BooleanField(
        _("speaks the calls"),
        default=True,
        help_text=_("For a hall display: a chime and the call read aloud."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)

    class Meta:
        verbose_name = _("hall device")
        verbose_name_plural = _("hall devices")

    def __str__(self) -> str:
        return f"{self.service_point} – {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.key:
            self.key = secrets.token_urlsafe(24)
        super().save(*args, **kwargs)


class HallBoard(models.Model):
    """The version of a hall's queue, raised by every change of one of its tickets.

    Displays poll with the version they show; an unchanged board costs one read
    of this row by primary key (ADR 0014).
    """

    service_point = models.OneToOneField(
        ServicePoint, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    version = models.BigIntegerField(default=0)
    # The last call, for the voice call-out and the flash on the board.
    last_call = models.ForeignKey(
        Ticket, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # When it was made: a call repeated is the same ticket at a new time, and the
    # display speaks it again.
    last_call_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.service_point_id}: {self.version}"


class TicketDossier(models.Model):
    """A dossier received for a ticket (one ticket may bring several dossiers)."""

    ticket = models.ForeignKey(
        Ticket, on_delete=models.CASCADE, related_name="dossiers"
    )
    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="ticket_link"
    )

    def __str__(self) -> str:
        return f"{self.ticket_id} → {self.dossier_id}"


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("booked")  # đã đặt lịch
    CANCELLED = "cancelled", _("cancelled")  # đã huỷ
    CHECKED_IN = "checked_in", _("checked in")  # đã lấy số tại sảnh


# A booking that holds its place in the slot.
APPOINTMENT_HOLDS = (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN)


class Appointment(models.Model):
    """A slot booked online (đặt lịch hẹn) at a line of a hall.

    A booking still ``booked`` once its slot has passed is a no-show: derived
    from the dates, never set by a job.
    """

    line = models.ForeignKey(
        ServiceLine,
        verbose_name=_("service line"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    day = models.DateField(_("day"))
    slot_start = models.TimeField(_("slot"))  # local time
    code = models.CharField(_("booking code"), max_length=12, unique=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.BOOKED,
    )
    phone = models.CharField(_("phone"), max_length=20)
    name = models.CharField(_("name"), max_length=200, blank=True)
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("procedure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The citizen account that booked, if any.
    citizen = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    booked_at = models.DateTimeField(_("booked at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    ticket = models.OneToOneField(
        Ticket,
        verbose_name=_("ticket"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointment",
    )

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        indexes = [
            models.Index(
                fields=["line", "day", "slot_start", "status"],
                name="appointment_slot_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class DayPolicy(models.Model):
    """A hall's own rule for some days (e.g. "Thứ Ba không viết, không giấy hẹn",
    "Thứ Sáu xanh"), with the effects the product enforces on those days.

    It applies on the listed weekdays (none listed: every day) within the date
    range (either end open). Several policies of one day add their effects up.
    """

    service_point = models.ForeignKey(
        ServicePoint,
        verbose_name=_("service point"),
        on_delete=models.CASCADE,
        related_name="day_policies",
    )
    name = models.CharField(_("name"), max_length=120)
    weekdays = models.CharField(
        _("weekdays"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^[0-6](,[0-6])*$",
                _("Numbers 0 to 6 separated by commas (0 = Monday, 6 = Sunday)."),
            )
        ],
        help_text=_("0 = Monday … 6 = Sunday, e.g. 1 for Tuesdays; empty: every day."),
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    # The receipt (form 01) goes by SMS / e-mail and as a QR on the counter's
    # screen; no paper is printed unless the applicant asks.
    no_paper_receipt = models.BooleanField(_("no paper receipt"), default=False)
    # The declaration is prefilled from the applicant's data, only signed.
    prefilled_declaration = models.BooleanField(
        _("no hand-written declaration"), default=False
    )
    # Citizens who booked online are called first when they check in on time.
    booking_priority = models.BooleanField(
        _("priority for online bookings"), default=False
    )
    # The hall stays open later on these days.
    open_until = models.TimeField(_("open until"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("day policy")
        verbose_name_plural = _("day policies")

    def __str__(self) -> str:
        return self.name

    def applies_on(self, day: date) -> bool:
        if not self.is_active:
            return False
        if self.starts_on and day < self.starts_on:
            return False
        if self.ends_on and day > self.ends_on:
            return False
        if not self.weekdays:
            return True
        return str(day.weekday()) in self.weekdays.split(",")


class AppointmentAccess(models.Model):
    """An officer was shown a booking's personal data (name, phone), and why.

    Written whenever the counter fills the reception form from a booking; never
    edited (as ``dossiers.PersonalDataAccess`` is for dossiers).
    """

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="accesses"
    )
    at = models.DateTimeField()
    purpose = models.CharField(max_length=100)

    def __str__(self) -> str:
        return f"{self.user_id} {self.appointment_id} {self.at:%Y-%m-%d %H:%M}"
