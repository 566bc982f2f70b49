from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class HeroMixin(models.Model):
    """The introduction and hero image that most public pages open with."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences shown under the title and in listings."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The image's description is used as its alternative text."),
    )

    hero_panels = [FieldPanel("introduction"), FieldPanel("hero_image")]
    hero_search_fields = [index.SearchField("introduction")]

    class Meta:
        abstract = True


class BasePage(Page):
    """Every public page type of the portal derives from this."""

    class Meta:
        abstract = True
