from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel


class Adoption(models.Model):
    """A member city's adoption of the Nordic Safe Cities Charter: when, who signed, and the
    council's decision. Kept by the secretariat; coordinators propose corrections in their report.
    """

    membership = models.OneToOneField(
        "cities.Membership",
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        related_name="charter_adoption",
    )
    adopted_on = models.DateField(_("adopted on"))
    signed_by_name = models.CharField(_("signed by"), max_length=150)
    signed_by_role = models.CharField(_("signatory's role"), max_length=150)
    decision_reference = models.CharField(
        _("council decision"),
        max_length=150,
        blank=True,
        help_text=_("The reference of the city council's decision, e.g. its case number."),
    )
    decision_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("decision document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("membership"),
        FieldPanel("adopted_on"),
        FieldPanel("signed_by_name"),
        FieldPanel("signed_by_role"),
        FieldPanel("decision_reference"),
        FieldPanel("decision_document"),
    ]

    class Meta:
        verbose_name = _("Charter adoption")
        verbose_name_plural = _("Charter adoptions")
        ordering = ["membership__city_page__title"]

    def __str__(self):
        return f"{self.membership} ({self.adopted_on:%Y-%m-%d})"
