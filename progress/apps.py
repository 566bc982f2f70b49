from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "progress"
    verbose_name = _("Charter progress")
    # Rows that show on public pages: a change moves the content version on (core.signals).
    # A report's own row changes only with its state or its sharing, never with a draft's text.
    public_models = ("Adoption", "ReportingRound", "Report", "SafeCityAction", "ActionUpdate")
