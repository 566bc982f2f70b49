from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from core.models import BasePage, HeroMixin


class SummaryPage(BasePage):
    """A page of the library (a case study, a resource). It opens with its summary, which is
    required and also stands in the library's cards, the feeds, the API and link previews: it
    takes the place of the introduction, which these pages do not have."""

    introduction = None
    summary = models.TextField(_("summary"), max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("summary"), *HeroMixin.hero_image_panels]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    subpage_types: list[str] = []

    class Meta:
        abstract = True
