from django.db import models
from django.utils.translation import gettext_lazy as _

# The five Nordic countries. Their names are interface strings, translated in locale/.
COUNTRY_NAMES = {
    "DK": _("Denmark"),
    "FI": _("Finland"),
    "IS": _("Iceland"),
    "NO": _("Norway"),
    "SE": _("Sweden"),
}


class Country(models.Model):
    """A Nordic country (ISO 3166-1 alpha-2 code). The five rows are reference data."""

    code = models.CharField(_("code"), max_length=2, unique=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]

    def __str__(self):
        return str(self.name)

    @property
    def name(self):
        return COUNTRY_NAMES.get(self.code, self.code)
