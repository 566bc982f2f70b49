from modelcluster.models import ClusterableModel

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from charter.models import focus_areas_field
from charter.widgets import FocusAreaCheckboxes


class PartnerKind(models.TextChoices):
    NGO = "ngo", _("NGO")
    RESEARCH = "research", _("Research")
    PUBLIC_BODY = "public_body", _("Public body")
    BUSINESS = "business", _("Business")


class Partner(index.Indexed, ClusterableModel):
    """A partner organisation or expert. Shown in public only with their consent."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    city = models.ForeignKey(
        "cities.CityPage",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    country = models.ForeignKey(
        "cities.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    focus_areas = focus_areas_field()
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    public_consent = models.BooleanField(
        _("consents to a public listing"),
        default=False,
        help_text=_("Only partners who agreed are listed on the public site."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("country"),
        FieldPanel("city"),
        FieldPanel("focus_areas", widget=FocusAreaCheckboxes),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("public_consent"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return self.name
