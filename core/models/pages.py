from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core import page_tree
from core.app_modules import app_modules
from core.blocks import BaseStreamBlock
from core.models.mixins import BasePage
from core.selectors import network_figures


class HomePage(BasePage):
    """The front page: what the network is and its figures, counted from the data."""

    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "core.StandardPage",
        "cities.CitiesIndexPage",
        "knowledge.KnowledgeIndexPage",
        "progress.CharterPage",
        "events.EventsIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find the deepest page on the path in one lookup by its ``url_path`` (2 queries, none
        while this process keeps the page for the content version: ``core.page_tree``) instead
        of Wagtail's walk down the tree (2 per path segment), and let that page route the rest:
        nothing when it is the page asked for, a sub-route of a routable page (such as the
        Charter's ``actions/``), or a 404. The page's own ``route`` still decides whether it is
        served (only live pages are)."""
        if path_components:
            prefixes = [
                f"{self.url_path}{'/'.join(path_components[:length])}/"
                for length in range(len(path_components), 0, -1)
            ]
            page = page_tree.deepest_page(prefixes)
            if page is not None:
                return page.route(request, path_components[page.depth - self.depth :])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["figures"] = network_figures()
        # Each app may add its sections (``<app>/home.py``: ``home_context(page=, request=)``).
        for module in app_modules("home"):
            context.update(module.home_context(page=self, request=request))
        return context


class StandardPage(BasePage):
    """A page of text: About, Privacy, the Accessibility statement."""

    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
