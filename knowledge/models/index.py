from django.utils.translation import gettext_lazy as _

from core.models import BasePage


class KnowledgeIndexPage(BasePage):
    """``/knowledge/``: the library of case studies from every member city, and the resources."""

    parent_page_types = ["core.HomePage"]
    subpage_types = ["knowledge.ResourcePage"]

    class Meta:
        verbose_name = _("knowledge library")

    def get_context(self, request, *args, **kwargs):
        from knowledge.selectors import library

        context = super().get_context(request, *args, **kwargs)
        context["library"] = library(index_page=self, params=request.GET, user=request.user)
        return context
