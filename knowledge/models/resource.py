from modelcluster.fields import ParentalKey

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable

from charter.models import focus_areas_field
from charter.widgets import FocusAreaCheckboxes
from core.blocks import BaseStreamBlock
from knowledge.models.base import SummaryPage


class ResourcePage(SummaryPage):
    """A manual, toolkit or report with its documents (the ALL'IN youth manual, guides...).

    The hero image is the cover."""

    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    focus_areas = focus_areas_field()

    content_panels = [
        *SummaryPage.content_panels,
        FieldPanel("body"),
        FieldPanel("focus_areas", widget=FocusAreaCheckboxes),
        InlinePanel("documents", heading=_("Documents"), label=_("document"), min_num=1),
        *SummaryPage.meetup_panels,
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def get_context(self, request, *args, **kwargs):
        from knowledge.selectors.detail import resource_detail

        context = super().get_context(request, *args, **kwargs)
        context["detail"] = resource_detail(resource=self)
        context["hero_image"] = context["detail"].hero_image  # cached with the detail
        return context


class ResourceDocument(Orderable):
    """One downloadable file of a resource, in one language."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    panels = [FieldPanel("document"), FieldPanel("language")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
