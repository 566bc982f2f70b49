from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_event_drafting(**kwargs):
    from events.workflow import event_drafting_ensure

    event_drafting_ensure()


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Meetups")

    def ready(self):
        from events.signals import connect_receivers

        connect_receivers()
        post_migrate.connect(_ensure_event_drafting, sender=self, dispatch_uid="events-drafting")
