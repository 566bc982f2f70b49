from django.utils.translation import gettext_lazy as _

from core.models import BasePage


class KnowledgeIndexPage(BasePage):
    """``/knowledge/``: the library of case studies from every member city, and the resources."""

    parent_page_types = ["core.HomePage"]
    subpage_types = ["knowledge.ResourcePage"]

    class Meta:
        verbose_name = _("knowledge library")

    def get_context(self, request, *args, **kwargs):
        from knowledge.selectors import library_listing

        context = super().get_context(request, *args, **kwargs)
        listing = library_listing(index_page=self, params=request.GET, user=request.user)
        # The template renders ``library`` (worked out on first use) only when its cache of the
        # rendered library under ``library_key`` misses.
        context["library_key"], context["library"] = listing.key, listing.library
        return context
