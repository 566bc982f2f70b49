from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Newsletter")
    # No public_models: a subscription shows on no public page and leaves the caches warm.

    def ready(self):
        from newsletter.signals import connect_receivers

        connect_receivers()
