from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    label = "dossiers"
    verbose_name = _("Dossiers")

    def ready(self) -> None:
        from motcua.agencies.models import Agency, ServicePoint
        from motcua.dossiers.public import references_forget
        from motcua.procedures.models import Procedure

        # Public tracking keeps these rows a minute (``public.REFERENCE_SECONDS``);
        # a change made in this process is seen at once.
        for model in (Procedure, Agency, ServicePoint):
            uid = f"tracking-references-{model.__name__}"
            post_save.connect(references_forget, sender=model, dispatch_uid=uid)
            post_delete.connect(
                references_forget, sender=model, dispatch_uid=f"{uid}-deleted"
            )
