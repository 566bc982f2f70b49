"""Who drafts meetups: the secretariat creates and publishes them; a member city's coordinators
may draft the meetups their city hosts, which the secretariat then approves.

Every coordinator holds ``add_page`` on the events index of each language tree (so Wagtail
offers them "Add child page" there and lets them edit what they made), and the index carries
the secretariat's approval workflow (``core.workflow``), so a coordinator's draft is submitted,
not published. Which city a coordinator's meetup may be hosted by is the edit form's rule
(``events.models.pages.EventPageForm``), and who else may edit it is ``EventPage``'s permission
tester (``HostCityPermissionTester``): the other coordinators of the host city.
"""

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission

from accounts.models import ROLE_GROUP_NAMES, Role
from core.workflow import approval_workflow_assign


def event_drafting_ensure() -> None:
    """Coordinators' ``add_page`` and the approval workflow on every events index page
    (idempotent). Runs after every migrate, when an events index is made, and from the demo."""
    from events.models import EventsIndexPage

    indexes = EventsIndexPage.objects.all()
    secretariat, _created = Group.objects.get_or_create(name=ROLE_GROUP_NAMES[Role.SECRETARIAT])
    coordinators, _created = Group.objects.get_or_create(name=ROLE_GROUP_NAMES[Role.COORDINATOR])
    approval_workflow_assign(reviewers=secretariat, pages=indexes)
    add_page = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename="add_page"
    ).first()
    if add_page is None:  # before wagtailcore's permissions exist (the first migrate)
        return
    for index in indexes:
        GroupPagePermission.objects.get_or_create(
            group=coordinators, page=index, permission=add_page
        )
