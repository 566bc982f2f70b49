"""Moderation of case studies: the secretariat approves what the cities publish.

One Wagtail workflow, "Secretariat approval", with one group approval task for the "Secretariat"
group, is assigned to the cities index page of every language tree. Case studies live below the
city pages, so they inherit it; a city's own profile opts out (``CityPage.get_workflow``).

Wagtail lets anyone who holds ``publish_page`` publish past a workflow. City coordinators hold it
on their city's subtree (to publish their profile), so the page types concerned return the
permission testers of ``core.workflow`` from ``permissions_for_user``: on a moderated page,
publishing belongs to the workflow's reviewers, and everyone else submits.
"""

from django.contrib.auth.models import Group

from wagtail.models import Workflow

from accounts.models import ROLE_GROUP_NAMES, Role
from core.workflow import approval_workflow_assign


def ensure_moderation_workflow() -> Workflow:
    """The approval workflow, reviewed by the secretariat, on every cities index page
    (idempotent). Runs after every migrate, when a cities index is made, and from the demo."""
    from cities.models import CitiesIndexPage

    secretariat, _created = Group.objects.get_or_create(name=ROLE_GROUP_NAMES[Role.SECRETARIAT])
    return approval_workflow_assign(reviewers=secretariat, pages=CitiesIndexPage.objects.all())
