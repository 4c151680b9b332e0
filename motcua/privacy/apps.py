from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "motcua.privacy"
    label = "privacy"
    verbose_name = _("Personal data rights")

    def ready(self) -> None:
        from motcua.privacy import checks  # noqa: F401 - registers the checks
