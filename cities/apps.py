from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_countries(**kwargs):
    from cities.models import Country
    from cities.reference_data import ensure_countries

    ensure_countries(Country)


class CitiesConfig(AppConfig):
    name = "cities"
    verbose_name = _("Member cities")
    # Rows that show on public pages: a change moves the content version on (core.signals).
    public_models = ("Country", "Membership", "AmbassadorCount", "Partner")

    def ready(self):
        post_migrate.connect(_ensure_countries, sender=self, dispatch_uid="cities-countries")
