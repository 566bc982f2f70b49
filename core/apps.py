from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_reference_data(**kwargs):
    from wagtail.models import Locale
    from wagtail_localize.models import LocaleSynchronization

    from core.reference_data import ensure_locales, ensure_wagtail_roots

    ensure_locales(Locale, LocaleSynchronization)
    ensure_wagtail_roots()


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from core.converters import register_converters
        from core.exports import escape_formulas_in_csv_exports
        from core.signals import connect_receivers

        register_converters()
        connect_receivers()
        escape_formulas_in_csv_exports()
        post_migrate.connect(_ensure_reference_data, sender=self, dispatch_uid="core-reference")
