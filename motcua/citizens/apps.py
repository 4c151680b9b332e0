from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizensConfig(AppConfig):
    name = "motcua.citizens"
    label = "citizens"
    verbose_name = _("Citizen accounts and data store")

    def ready(self) -> None:
        from motcua.citizens import checks  # noqa: F401 - registers the checks
