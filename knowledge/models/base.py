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
    # The meetup it came out of: the meetup's page lists it once the meetup is over
    # (``knowledge.event_page``). Any language's copy of the meetup will do.
    meetup = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("came out of the meetup"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The Nordic meetup where this began, if any: the meetup's page links here."),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary"), *HeroMixin.hero_image_panels]
    # After the page's own fields, in each page type's panels.
    meetup_panels = [FieldPanel("meetup")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    subpage_types: list[str] = []

    class Meta:
        abstract = True
