"""Moderation rules for any page under a Wagtail workflow: who may publish past it.

Wagtail lets anyone who holds ``publish_page`` publish past a workflow. Where editors hold it on
a subtree that is moderated (a city's coordinators on their city, to publish their profile), the
page types concerned return the permission testers below from ``permissions_for_user``: on a
moderated page, publishing belongs to the workflow's reviewers, and everyone else submits.

There is one workflow, ``approval_workflow``: the apps assign it where their pages are moderated
(``knowledge.workflow``: the case studies the cities publish; ``events.workflow``: the meetups
their coordinators draft) and say who reviews it (the secretariat).
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

WORKFLOW_NAME = "Secretariat approval"
TASK_NAME = "Approval by the secretariat"


@transaction.atomic
def approval_workflow_assign(*, reviewers: Group, pages) -> Workflow:
    """The approval workflow, its one group approval task reviewed by ``reviewers``, assigned
    to each of ``pages`` that has no workflow of its own yet (idempotent: a workflow someone
    deactivated, or another one assigned by hand, is left as it is)."""
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(reviewers)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in pages.filter(workflowpage__isnull=True):
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
