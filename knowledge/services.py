"""Writes of the knowledge library: case studies, their translations, and the moderation emails.

The moderation itself is Wagtail's workflow (``knowledge.workflow``); these services tell the
people involved, each in their own language, through the portal's email task:

- submitted: every reviewer of the task (the secretariat), with a link to review the page;
- approved: the person who submitted it, with the link to the published page;
- changes requested: the person who submitted it, with the reviewer's comment.
"""

import datetime
from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Length, Substr
from django.urls import reverse

from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import AbstractGroupApprovalTask, Locale, Page, TaskState, WorkflowState

from charter.models import FocusArea
from cities.models import CityPage, Partner
from cities.selectors import active_city_keys
from core.models import CANONICAL_LOCALE
from core.services import absolute_url, email_render_and_queue, page_create
from knowledge.models import CaseStudyPage, LibraryEntry, TargetGroup
from knowledge.models.library_entry import joined

# --- Case studies ------------------------------------------------------------------------------


@transaction.atomic
def case_study_create(
    *,
    city_page: CityPage,
    title: str,
    slug: str,
    summary: str,
    period_start: datetime.date,
    focus_areas: Sequence[str],
    target_groups: Sequence[str] = (),
    partners: Sequence[Partner] = (),
    adopted_by: Sequence[CityPage] = (),
    publish: bool = True,
    aliases: bool = True,
    by=None,
    **fields,
) -> CaseStudyPage:
    """A case study below ``city_page``, tagged with focus areas (slugs) and target groups (codes).
    ``publish`` publishes it at once, as the secretariat may; a coordinator's case study goes
    through the workflow instead. ``aliases=False`` skips the copies in the other language
    trees (synthetic benchmark data only: those trees then lack the page)."""
    page = CaseStudyPage(
        title=title, slug=slug, summary=summary, period_start=period_start, **fields
    )
    page.focus_areas = list(FocusArea.objects.filter(**CANONICAL_LOCALE, slug__in=focus_areas))
    page.target_groups = list(TargetGroup.objects.filter(code__in=target_groups))
    page.partners = list(partners)
    page.adopted_by = list(adopted_by)
    if aliases:
        return page_create(parent=city_page, page=page, user=by, publish=publish)
    page.live = False
    page.has_unpublished_changes = True
    city_page.add_child(instance=page)
    revision = page.save_revision(user=by)
    if publish:
        revision.publish(user=by)
    return page


@transaction.atomic
def case_study_translate(
    *, case_study: CaseStudyPage, language: str, by=None, **fields
) -> CaseStudyPage:
    """Turn the case study's copy in ``language`` (an alias that shows the original) into a
    translation of its own with ``fields`` (title, summary...), and publish it.

    This is what wagtail-localize does when a translation is first saved: the alias becomes a
    regular page with the same ``translation_key``, after which it is edited on its own and is no
    longer overwritten when the original is published.
    """
    locale = Locale.objects.get(language_code=language)
    translation = CaseStudyPage.objects.get(
        translation_key=case_study.translation_key, locale=locale
    )
    if translation.alias_of_id is not None:
        ConvertAliasPageAction(translation, user=by).execute(skip_permission_checks=True)
        translation = CaseStudyPage.objects.get(pk=translation.pk)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision(user=by).publish(user=by)
    return translation


@transaction.atomic
def case_study_submit(*, case_study: CaseStudyPage, by) -> WorkflowState:
    """Submit the case study's latest revision to the secretariat, as the editor's Submit button
    does: a new moderation, or the same one again after the secretariat asked for changes."""
    permissions = case_study.permissions_for_user(by)
    if not (permissions.can_edit() and permissions.can_submit_for_moderation()):
        raise PermissionDenied
    state = case_study.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=by)
        return state
    return case_study.get_workflow().start(case_study, by)


# --- Moderation emails -------------------------------------------------------------------------


def _page_facts(page: Page) -> dict:
    page = page.specific
    # Where the page comes from: a case study's city is its parent, a meetup's is its host city
    # (its parent is the meetups index).
    origin = getattr(page, "host_city", None) or page.get_parent()
    return {
        "page": page,
        "title": page.title,
        "kind": page._meta.verbose_name,
        "city": origin.title if origin is not None else "",
    }


def _admin_edit_url(page: Page) -> str:
    return absolute_url(reverse("wagtailadmin_pages:edit", args=[page.pk]))


@transaction.atomic
def moderation_notify_submitted(*, task_state: TaskState, by=None) -> int:
    """Tell every reviewer of a group approval task that a page waits for them, each in their own
    language, with the link to review it. Returns how many were told."""
    task = task_state.task.specific
    page = task_state.workflow_state.content_object
    if not isinstance(task, AbstractGroupApprovalTask) or not isinstance(page, Page):
        return 0
    reviewers = (
        get_user_model()
        .objects.filter(is_active=True, groups__in=task.groups.all())
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    if by is not None:
        reviewers = reviewers.exclude(pk=by.pk)
    facts = _page_facts(page)
    context = {
        **facts,
        "submitted_by": str(by) if by is not None else "",
        "review_url": _admin_edit_url(page),
    }
    count = 0
    for person in reviewers:
        email_render_and_queue(
            to=person.email,
            template_prefix="knowledge/email/moderation_submitted",
            context={**context, "person": person},
            language=person.language,
        )
        count += 1
    return count


def _notify_requester(*, workflow_state: WorkflowState, by, template_prefix: str, extra: dict):
    person = workflow_state.requested_by
    page = workflow_state.content_object
    if person is None or not person.is_active or not person.email or not isinstance(page, Page):
        return False
    if by is not None and person.pk == by.pk:
        return False
    task_state = workflow_state.current_task_state
    email_render_and_queue(
        to=person.email,
        template_prefix=template_prefix,
        context={
            **_page_facts(page),
            **extra,
            "person": person,
            "reviewer": str(by) if by is not None else "",
            "comment": (task_state.comment if task_state is not None else "").strip(),
        },
        language=person.language,
    )
    return True


@transaction.atomic
def moderation_notify_approved(*, workflow_state: WorkflowState, by=None) -> bool:
    """Tell the person who submitted a page that it is approved (and so published)."""
    page = Page.objects.get(pk=workflow_state.object_id)
    return _notify_requester(
        workflow_state=workflow_state,
        by=by,
        template_prefix="knowledge/email/moderation_approved",
        extra={"page_url": absolute_url(page.get_url() or "/")},
    )


@transaction.atomic
def moderation_notify_rejected(*, workflow_state: WorkflowState, by=None) -> bool:
    """Tell the person who submitted a page that the reviewer asks for changes, and why."""
    page = workflow_state.content_object
    return _notify_requester(
        workflow_state=workflow_state,
        by=by,
        template_prefix="knowledge/email/moderation_rejected",
        extra={"edit_url": _admin_edit_url(page)},
    )


# --- The library's read model ------------------------------------------------------------------


@transaction.atomic
def library_entries_sync(*, pages) -> int:
    """Make the library's rows (``LibraryEntry``) of ``pages`` (a queryset of case studies, in
    any language tree) what the page tree says: a row for each live one, none for the others.
    Returns how many rows there are now. Six queries, whatever the number of pages (the rows
    deleted, the pages' city pages, the live pages, their focus areas, their target groups, the
    rows inserted), and one more per thousand rows."""
    LibraryEntry.objects.filter(page__in=pages.values("pk")).delete()
    cities = _cities_by_path(pages)
    entries = []
    for page in pages.live().defer_streamfields().prefetch_related("focus_areas", "target_groups"):
        city_page_id, listed = cities[page.path[: -Page.steplen]]
        entries.append(
            LibraryEntry(
                page_id=page.pk,
                locale_id=page.locale_id,
                city_page_id=city_page_id,
                listed=listed,
                path=page.path,
                title=page.title,
                summary=page.summary,
                status=page.status,
                evidence_level=page.evidence_level,
                period_start=page.period_start,
                year=page.period_start.year,
                visibility=page.visibility,
                focus_keys=joined(area.translation_key.hex for area in page.focus_areas.all()),
                target_groups=joined(group.code for group in page.target_groups.all()),
            )
        )
    LibraryEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def library_rebuild() -> int:
    """Every row of the library made again from the page tree (``manage.py library_rebuild``)."""
    return library_entries_sync(pages=CaseStudyPage.objects.all())


def library_entries_sync_below(*, page: Page, in_every_language: bool = True) -> int:
    """The rows of every case study in ``page``'s subtree, and with ``in_every_language`` in
    those of its copies in the other language trees (after a move the paths below it have
    changed; after a membership's change whether its city's case studies are listed)."""
    copies = (
        Page.objects.filter(translation_key=page.translation_key)
        if in_every_language
        else Page.objects.filter(pk=page.pk)
    )
    below = Q()
    for path in copies.values_list("path", flat=True):
        below |= Q(path__startswith=path)
    return library_entries_sync(pages=CaseStudyPage.objects.filter(below))


def _cities_by_path(pages) -> dict[str, tuple[int, bool]]:
    """The city pages that are parents of ``pages`` (every case study's parent is one), by
    path, with whether they are live pages of active members: one query."""
    parent_paths = pages.annotate(
        parent_path=Substr("path", 1, Length("path") - Page.steplen)
    ).values("parent_path")
    cities = CityPage.objects.filter(path__in=parent_paths).annotate(
        listed=Q(live=True) & Q(translation_key__in=active_city_keys())
    )
    return {path: (pk, listed) for path, pk, listed in cities.values_list("path", "pk", "listed")}
