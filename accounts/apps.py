from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(**kwargs):
    from accounts.services import roles_sync

    roles_sync()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.mfa.models import Authenticator
        from allauth.mfa.signals import authenticator_added

        from accounts.signals import record_enrolment_as_second_factor

        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="accounts-roles-sync")
        authenticator_added.connect(
            record_enrolment_as_second_factor,
            sender=Authenticator,
            dispatch_uid="accounts-enrolment-second-factor",
        )
