"""The library's part of the admin home: a coordinator's shortcut to write a case study, and the
secretariat's list of the submissions waiting for its review."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

from accounts.permissions import user_is_secretariat
from cities.wagtail_hooks import COORDINATOR_SHORTCUTS_HOOK, Shortcut
from knowledge.models import CaseStudyPage
from knowledge.selectors.moderation import submissions_to_review


@hooks.register(COORDINATOR_SHORTCUTS_HOOK)
def add_write_a_case_study(membership, shortcuts):
    meta = CaseStudyPage._meta
    url = reverse(
        "wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, membership.city_page_id]
    )
    shortcuts.append(Shortcut(_("Write a case study"), url, "doc-full-inverse"))


class SubmissionsPanel(Component):
    """The submissions waiting for the secretariat, those waiting longest first, each linked to
    its editor, where the secretariat approves it or asks for changes."""

    name = "knowledge_submissions"
    template_name = "knowledge/admin/home/submissions.html"
    order = 20
    columns = (_("Title"), _("Type"), _("Language"), _("Submitted by"), _("Submitted"))

    def get_context_data(self, parent_context=None):
        return {"columns": self.columns, "submissions": submissions_to_review()}


@hooks.register("construct_homepage_panels")
def add_submissions_panel(request, panels):
    """Wagtail's own list of what awaits review asks the database again for every submission;
    this one asks twice whatever their number."""
    if user_is_secretariat(request.user):
        panels[:] = [
            panel for panel in panels if not isinstance(panel, WorkflowObjectsToModeratePanel)
        ]
        panels.append(SubmissionsPanel())
