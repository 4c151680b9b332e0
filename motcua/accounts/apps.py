from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "motcua.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from motcua.accounts.second_factor import enrolled_at_login

        user_logged_in.connect(enrolled_at_login, dispatch_uid="motcua-second-factor")
