from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _forget(**kwargs: Any) -> None:
    from motcua.calendars.selectors import table_state_forget

    table_state_forget()


class CalendarsConfig(AppConfig):
    name = "motcua.calendars"
    label = "calendars"
    verbose_name = _("Working-time calendar")

    def ready(self) -> None:
        # A holiday saved in this process is seen at once, even by ``recent``
        # reads (``selectors.RECENT_SECONDS``); other processes within seconds.
        entry = self.get_model("HolidayEntry")
        post_save.connect(_forget, sender=entry, dispatch_uid="holiday-saved")
        post_delete.connect(_forget, sender=entry, dispatch_uid="holiday-deleted")
