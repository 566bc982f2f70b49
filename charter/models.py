from modelcluster.fields import ParentalManyToManyField

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from core.models import CANONICAL_LOCALE


class FocusArea(TranslatableMixin, index.Indexed, models.Model):
    """One of the six focus areas of the Nordic Safe Cities Charter.

    Translatable: each language has its own row, linked by ``translation_key``. Records elsewhere
    are tagged with the English row; display goes through ``charter.selectors``.
    """

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)
    description = models.TextField(_("description"), max_length=600)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("position"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="%(app_label)s_%(class)s_slug_unique_per_locale"
            ),
        ]

    def __str__(self):
        return self.name


def focus_areas_field(*, blank: bool = True) -> ParentalManyToManyField:
    """The focus areas a record is tagged with (partners, case studies, resources, and the
    features that follow): the default language's rows, which stand for all their translations."""
    return ParentalManyToManyField(
        "charter.FocusArea",
        verbose_name=_("focus areas"),
        blank=blank,
        related_name="+",
        limit_choices_to=CANONICAL_LOCALE,
    )
