"""Choice lists of ratings and feedback (apart from the models so forms reuse them)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RatingScore(models.TextChoices):
    """How satisfied the citizen is with the handling of their dossier."""

    SATISFIED = "satisfied", _("satisfied")  # hài lòng
    NORMAL = "normal", _("normal")  # bình thường
    NOT_SATISFIED = "not_satisfied", _("not satisfied")  # không hài lòng


class RatingReason(models.TextChoices):
    """What went wrong, when the citizen is not fully satisfied."""

    LATE = "late", _("the result was late")  # trễ hẹn
    TOO_MANY_PAPERS = (
        "too_many_papers",
        _("too many papers were asked"),
    )  # đòi thêm giấy tờ
    STAFF_ATTITUDE = "staff_attitude", _("staff attitude")  # thái độ cán bộ
    UNCLEAR_GUIDANCE = "unclear_guidance", _("unclear guidance")  # hướng dẫn không rõ
    SEVERAL_VISITS = (
        "several_visits",
        _("had to come several times"),
    )  # đi lại nhiều lần
    OTHER = "other", pgettext_lazy("rating reason", "other")  # lý do khác


class RatingChannel(models.TextChoices):
    """Where the rating was given."""

    TRACKING_PAGE = "tracking_page", _("tracking page")  # trang tra cứu hồ sơ
    NOTIFICATION_LINK = (
        "notification_link",
        _("link in a notification"),
    )  # đường dẫn SMS/e-mail
    COUNTER_TABLET = (
        "counter_tablet",
        _("tablet at the counter"),
    )  # máy tính bảng tại quầy


class FeedbackKind(models.TextChoices):
    """The kind of a PAKN (phản ánh, kiến nghị) as Index 766 5.1 groups them."""

    COMPLAINT = "complaint", _("complaint")  # phản ánh
    SUGGESTION = "suggestion", _("suggestion")  # kiến nghị
    QUESTION = "question", _("question")  # hỏi đáp


class FeedbackStatus(models.TextChoices):
    """Where a feedback stands."""

    NEW = "new", _("new")  # mới tiếp nhận, chờ trả lời
    ANSWERED = "answered", _("answered")  # đã trả lời
    CLOSED = "closed", _("closed")  # đã đóng
