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
from django.db import transaction

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

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
