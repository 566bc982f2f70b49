from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Meetups")

    def ready(self):
        from events.signals import connect_receivers

        connect_receivers()
