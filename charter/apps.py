from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_focus_areas(**kwargs):
    from wagtail.models import Locale

    from charter.focus_areas import ensure_focus_areas
    from charter.models import FocusArea

    ensure_focus_areas(FocusArea, Locale)


class CharterConfig(AppConfig):
    name = "charter"
    verbose_name = _("Charter")
    # Rows that show on public pages: a change empties the page cache (core.signals).
    public_models = ("FocusArea",)

    def ready(self):
        post_migrate.connect(_ensure_focus_areas, sender=self, dispatch_uid="charter-focus-areas")
