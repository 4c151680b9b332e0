from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "motcua.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.urls import register_converter

        from motcua.core import checks  # noqa: F401 - registers the checks
        from motcua.core.lookups import register as register_lookups
        from motcua.core.numbers import IdConverter

        register_converter(IdConverter, "id")  # <id:pk> in every urls.py
        register_lookups()  # field__in_array=<subquery>
        from motcua.core.middleware import idle_clock_start

        user_logged_in.connect(idle_clock_start, dispatch_uid="motcua-idle-clock")
