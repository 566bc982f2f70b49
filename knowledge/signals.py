"""Receivers at the seams: moderation emails, new cities index pages put under moderation, and
the library's rows kept in step with the page tree (what public pages show is forgotten by
``core.signals``).

Wagtail sends its own moderation emails straight from the request (``wagtail.admin.
signal_handlers``); they are disconnected here, so each person gets exactly one message per event,
in their language, through the portal's email task.
"""

from django.db.models.signals import post_delete, post_save

from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.signals import (
    copy_for_translation_done,
    page_published,
    page_unpublished,
    post_page_move,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

# Wagtail's receivers, as ``wagtail.admin.signal_handlers.register_signal_handlers`` connects them.
WAGTAIL_MODERATION_EMAILS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification"),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification"),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification"),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification"),
]


def _task_submitted(sender, instance, user=None, **kwargs):
    from knowledge.services import moderation_notify_submitted

    moderation_notify_submitted(task_state=instance, by=user)


def _workflow_approved(sender, instance, user=None, **kwargs):
    from knowledge.services import moderation_notify_approved

    moderation_notify_approved(workflow_state=instance, by=user)


def _workflow_rejected(sender, instance, user=None, **kwargs):
    from knowledge.services import moderation_notify_rejected

    moderation_notify_rejected(workflow_state=instance, by=user)


def _cities_index_created(sender, instance, created, raw=False, **kwargs):
    from knowledge.workflow import ensure_moderation_workflow

    if created and not raw:
        ensure_moderation_workflow()


def _case_study_published_or_unpublished(sender, instance, **kwargs):
    from knowledge.services import library_entries_sync

    # Wagtail sends the signal again for each alias it updates or unpublishes with the page.
    library_entries_sync(pages=sender.objects.filter(pk=instance.pk))


def _copied_for_translation(sender, source_obj, target_obj, **kwargs):
    from knowledge.models import CaseStudyPage
    from knowledge.services import library_entries_sync

    # A live page's alias in another language tree is live from the start, with no publish of
    # its own.
    if target_obj.specific_class is CaseStudyPage:
        library_entries_sync(pages=CaseStudyPage.objects.filter(pk=target_obj.pk))


def _city_changed(sender, instance, **kwargs):
    from knowledge.services import library_entries_sync_below

    # Its case studies are listed while it is live and the city an active member.
    library_entries_sync_below(page=instance, in_every_language=False)


def _membership_changed(sender, instance, raw=False, **kwargs):
    from knowledge.services import library_entries_sync_below

    # Looked up again: a membership is also deleted with its city's page.
    city_page = Page.objects.filter(pk=instance.city_page_id).first()
    if city_page is not None and not raw:
        library_entries_sync_below(page=city_page)


def _page_moved(sender, instance, **kwargs):
    from knowledge.services import library_entries_sync_below

    library_entries_sync_below(page=instance)


def connect_receivers() -> None:

    from cities.models import CitiesIndexPage, CityPage, Membership
    from knowledge.models import CaseStudyPage

    for signal, sender, dispatch_uid in WAGTAIL_MODERATION_EMAILS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
    # Any task state class: the service handles group approval tasks and ignores the others.
    task_submitted.connect(_task_submitted, dispatch_uid="knowledge-moderation-submitted")
    workflow_approved.connect(
        _workflow_approved, sender=WorkflowState, dispatch_uid="knowledge-moderation-approved"
    )
    workflow_rejected.connect(
        _workflow_rejected, sender=WorkflowState, dispatch_uid="knowledge-moderation-rejected"
    )
    post_save.connect(
        _cities_index_created,
        sender=CitiesIndexPage,
        dispatch_uid="knowledge-cities-index-moderated",
    )
    for signal in (page_published, page_unpublished):
        signal.connect(
            _case_study_published_or_unpublished,
            sender=CaseStudyPage,
            dispatch_uid=f"knowledge-library-entry-{id(signal)}",
        )
    for signal in (page_published, page_unpublished):
        signal.connect(
            _city_changed, sender=CityPage, dispatch_uid=f"knowledge-library-city-{id(signal)}"
        )
    for signal in (post_save, post_delete):
        signal.connect(
            _membership_changed,
            sender=Membership,
            dispatch_uid=f"knowledge-library-membership-{id(signal)}",
        )
    copy_for_translation_done.connect(
        _copied_for_translation,
        sender=CopyPageForTranslationAction,
        dispatch_uid="knowledge-library-entry-copied",
    )
    # Any page moved: the case studies below it have new paths (and a case study a new city).
    post_page_move.connect(_page_moved, dispatch_uid="knowledge-library-entries-moved")
