from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "motcua.submissions"
    label = "submissions"
    verbose_name = _("Online submissions")

    def ready(self) -> None:
        # What a payment confirmed by the gateway does, whichever way the answer
        # comes (the payer's return or the gateway's notification).
        from motcua.payments.purposes import paid_handler_register
        from motcua.submissions.fees import FEES_KIND, dossier_fees_payment_paid
        from motcua.submissions.services import (
            SUBMISSION_KIND,
            submission_payment_paid,
        )

        paid_handler_register(kind=SUBMISSION_KIND, handler=submission_payment_paid)
        paid_handler_register(kind=FEES_KIND, handler=dossier_fees_payment_paid)
