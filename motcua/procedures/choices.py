"""Choice lists of the catalogue (kept apart from the models so parsers stay pure)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcedureLevel(models.TextChoices):
    CENTRAL = "central", _("central")  # Cấp bộ (ministry)
    PROVINCE = "province", _("province")  # Cấp tỉnh
    COMMUNE = "commune", _("commune")  # Cấp xã
    OTHER = "other", _("other body")  # Cơ quan khác


class ProcedureKind(models.TextChoices):
    # TTHC được giao luật quy định chi tiết
    DETAILED_BY_LAW = "detailed_by_law", _("detailed by a law")
    # TTHC không được luật giao cho địa phương quy định
    NOT_DELEGATED_LOCALLY = "not_delegated_locally", _("not delegated to local rules")
    OTHER = "other", _("other")  # Loại khác
    UNSPECIFIED = "unspecified", _("unspecified")  # the portal leaves it empty


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("in person")  # Trực tiếp
    ONLINE = "online", _("online")  # Trực tuyến
    POSTAL = "postal", _("postal")  # Dịch vụ bưu chính


class TimeUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")  # Ngày làm việc
    WORKING_HOURS = "working_hours", _("working hours")  # Giờ (làm việc)
    DAYS = "days", _("calendar days")  # Ngày
    MONTHS = "months", _("months")  # Tháng
    SAME_DAY = "same_day", _("same day")  # Trong ngày


class OnlineLevel(models.TextChoices):
    # Toàn trình: submitted, processed and returned online. Decree 224/2026 Art. 14
    # makes it the default from 1 July 2026.
    FULL = "full", _("fully online")
    PARTIAL = "partial", _("partly online")  # Một phần: online submission only
    NONE = "none", _("not online")  # in person or by post only


class DelegationKind(models.TextChoices):
    DELEGATION = "delegation", _("delegation")  # phân cấp
    AUTHORISATION = "authorisation", _("authorisation")  # ủy quyền


class ChannelScope(models.TextChoices):
    """The channels a paper is asked on (read from "nếu … nộp hồ sơ theo hình
    thức trực tuyến / trực tiếp" in the catalogue)."""

    ANY = "", _("every channel")
    ONLINE = "online", _("online only")
    PAPER = "paper", _("in person or by post only")
