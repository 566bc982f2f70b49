from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.models import BasePage


class CharterPage(RoutablePageMixin, BasePage):
    """``/charter/``: the Charter's text, its six focus areas with how many cities adopted it, and
    the network's progress by area and year; ``/charter/actions/``: this year's Safe City
    Actions across the network."""

    body = StreamField(BaseStreamBlock(), verbose_name=_("the Charter's text"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Charter page")

    def get_context(self, request, *args, **kwargs):
        from progress.selectors import charter_overview

        context = super().get_context(request, *args, **kwargs)
        # Wagtail serves the page in its locale's language, which is the active one.
        context["overview"] = charter_overview(language=get_language())
        return context

    @path("actions/", name="actions")
    def actions(self, request):
        from progress.selectors import action_list

        listing = action_list(language=get_language(), params=request.GET)
        context = {"page": self, "self": self, "request": request, "listing": listing}
        return TemplateResponse(request, "progress/charter_actions.html", context)
