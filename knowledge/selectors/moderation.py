"""What waits for the secretariat's review: the pages its approval task holds (``core.workflow``),
the case studies the cities submit and the meetups their coordinators draft alike."""

import datetime
from dataclasses import dataclass

from django.db.models import IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast, Length, Substr
from django.utils.text import capfirst

from wagtail.models import Locale, Page, TaskState, get_default_page_content_type

from core.workflow import TASK_NAME


@dataclass(frozen=True)
class Submission:
    page_id: int
    title: str
    kind: str
    language: str
    parent_title: str
    submitted_by: str
    submitted_at: datetime.datetime


@dataclass(frozen=True)
class Submissions:
    count: int
    waiting_longest: list[Submission]


def submissions_to_review(*, limit: int = 5) -> Submissions:
    """The pages waiting in the secretariat's approval task, counted, and the ``limit`` that
    have waited longest, each with its type, language, the page it is under (a case study's
    city) and who submitted it: two queries (the count; the task states with their revision, its
    type and the workflow's requester, the page's language and parent's title as subqueries)."""
    states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        task__name=TASK_NAME,
        workflow_state__base_content_type=get_default_page_content_type(),
    )
    page = Page.objects.filter(pk=Cast(OuterRef("workflow_state__object_id"), IntegerField()))
    parent_path = Substr("path", 1, Length("path") - Page.steplen)
    waiting = (
        states.select_related("revision__content_type", "workflow_state__requested_by")
        .annotate(
            language_code=Subquery(page.values("locale__language_code")[:1]),
            parent_path=Subquery(page.annotate(parent_path=parent_path).values("parent_path")[:1]),
            parent_title=Subquery(
                Page.objects.filter(path=OuterRef("parent_path")).values("title")[:1]
            ),
        )
        .order_by("started_at", "pk")[:limit]
    )
    return Submissions(
        count=states.count(),
        waiting_longest=[
            Submission(
                page_id=int(state.workflow_state.object_id),
                title=state.revision.object_str,
                kind=capfirst(state.revision.content_type.model_class()._meta.verbose_name),
                language=Locale(language_code=state.language_code).get_display_name(),
                parent_title=state.parent_title or "",
                submitted_by=str(state.workflow_state.requested_by or ""),
                submitted_at=state.started_at,
            )
            for state in waiting
        ],
    )
