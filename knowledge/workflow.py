"""Moderation of case studies: the secretariat approves what the cities publish.

One Wagtail workflow, "Secretariat approval", with one group approval task for the "Secretariat"
group, is assigned to the cities index page of every language tree. Case studies live below the
city pages, so they inherit it; a city's own profile opts out (``CityPage.get_workflow``).

Wagtail lets anyone who holds ``publish_page`` publish past a workflow. City coordinators hold it
on their city's subtree (to publish their profile), so the page types concerned return the
permission testers below from ``permissions_for_user``: on a moderated page, publishing belongs
to the workflow's reviewers, and everyone else submits.
"""

from functools import cached_property

from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.models import (
    GroupApprovalTask,
    PagePermissionTester,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from accounts.models import ROLE_GROUP_NAMES, Role

WORKFLOW_NAME = "Secretariat approval"
TASK_NAME = "Approval by the secretariat"


@transaction.atomic
def ensure_moderation_workflow() -> Workflow:
    """The workflow, its task and its assignment to every cities index page (idempotent).

    Runs after every migrate and from the demo seeding. A workflow the secretariat deactivated,
    or another workflow assigned to an index page by hand, is left as it is.
    """
    from cities.models import CitiesIndexPage

    secretariat, _created = Group.objects.get_or_create(name=ROLE_GROUP_NAMES[Role.SECRETARIAT])
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(secretariat)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in CitiesIndexPage.objects.filter(workflowpage__isnull=True):
        WorkflowPage.objects.create(page=page, workflow=workflow)
    return workflow


def user_reviews_workflow(*, user, workflow: Workflow) -> bool:
    """Whether ``user`` may approve pages in ``workflow``: a member of a group of one of its
    active group approval tasks (or a superuser)."""
    if user.is_superuser:
        return True
    return GroupApprovalTask.objects.filter(
        workflow_tasks__workflow=workflow,
        active=True,
        groups__in=user.groups.all(),
    ).exists()


class ModeratedPagePermissionTester(PagePermissionTester):
    """For a page under an active workflow: only the workflow's reviewers may publish it.

    Everyone else who may edit it submits it for moderation instead; Wagtail's publish button,
    the edit view's publish action, bulk publishing and ``revision.publish(user=...)`` all ask
    ``can_publish()``. Unpublishing is left to those with ``publish_page``: a city may withdraw
    its own practice at once.
    """

    @cached_property
    def _may_publish_past_moderation(self) -> bool:
        workflow = self.page.get_workflow()
        return workflow is None or user_reviews_workflow(user=self.user, workflow=workflow)

    def can_publish(self):
        return super().can_publish() and self._may_publish_past_moderation

    def can_publish_subpage(self):
        return super().can_publish_subpage() and self._may_publish_past_moderation


class UnmoderatedParentPermissionTester(PagePermissionTester):
    """For a page that opts out of moderation (``get_workflow()`` is None) although an ancestor
    has a workflow, with moderated pages below it (a city page and its case studies).

    The page itself is published directly: there is nothing to submit it to, and Wagtail would
    otherwise offer "Submit" because an ancestor has a workflow. A new subpage, though, is
    created under the ancestor's workflow, so only its reviewers may publish one in one go.
    """

    @cached_property
    def _ancestor_workflow(self):
        return (
            Workflow.objects.filter(
                active=True,
                workflow_pages__page__in=self.page.get_ancestors(),
            )
            .order_by("-workflow_pages__page__depth")
            .first()
        )

    def can_submit_for_moderation(self):
        return False

    def can_publish_subpage(self):
        if not super().can_publish_subpage():
            return False
        workflow = self._ancestor_workflow
        return workflow is None or user_reviews_workflow(user=self.user, workflow=workflow)
