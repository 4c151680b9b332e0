from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrintedFormsConfig(AppConfig):
    name = "motcua.printed_forms"
    label = "printed_forms"
    verbose_name = _("Printed forms")

    def ready(self) -> None:
        from motcua.printed_forms import checks  # noqa: F401 - registers the checks
