"""Reads of a city's own pages for its coordinator's admin home: the pages in every language with
their moderation, and what the secretariat said about them."""

import datetime
from dataclasses import dataclass

from django.db.models import CharField, Exists, F, OuterRef, Subquery
from django.db.models.functions import Cast, Length, Substr
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.models import Comment, Page, TaskState, WorkflowState, get_default_page_content_type

from accounts.selectors import secretariat_accounts
from cities.models import Membership

# What a page's active moderation says, by the status of its workflow state.
MODERATION_STATES = {
    WorkflowState.STATUS_IN_PROGRESS: _("Awaiting the secretariat's approval"),
    WorkflowState.STATUS_NEEDS_CHANGES: _("Changes requested"),
}


def city_subtree(*, membership: Membership):
    """The pages of the city's subtree in every language tree, its own city pages included: a
    queryset to read or filter by, no query of its own (a page belongs when its path begins with
    the path of one of the city's pages, which share the city's translation key)."""
    return Page.objects.filter(
        Exists(
            Page.objects.filter(
                translation_key=membership.city_page.translation_key,
                path=Substr(OuterRef("path"), 1, Length("path")),
            )
        )
    )


def _city_own_pages(*, membership: Membership):
    """The subtree's pages in the languages they are written in: not the aliases that show
    another language tree's page (those are edited through the page they show)."""
    return city_subtree(membership=membership).filter(alias_of=None)


def city_page_count(*, membership: Membership) -> int:
    """How many pages the city has, counted once per language they are written in: one query."""
    return _city_own_pages(membership=membership).count()


@dataclass(frozen=True)
class CityPageRow:
    """One of a city's pages in one language, as a coordinator's home lists it."""

    page_id: int
    title: str
    language: str
    kind: str
    live: bool
    has_unpublished_changes: bool
    moderation: str
    edited_at: datetime.datetime | None


def city_pages_recent(*, membership: Membership, limit: int = 10) -> list[CityPageRow]:
    """The city's pages last edited first, each with its language, type, whether it is live or
    a draft, and its moderation if one is active: one query (the pages with their type and
    locale, and their active workflow state's status as a subquery)."""
    moderation = WorkflowState.objects.active().filter(
        base_content_type=get_default_page_content_type(),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    pages = (
        _city_own_pages(membership=membership)
        .select_related("content_type", "locale")
        .annotate(moderation=Subquery(moderation.values("status")[:1]))
        .order_by(F("latest_revision_created_at").desc(nulls_last=True), "-pk")[:limit]
    )
    return [
        CityPageRow(
            page_id=page.pk,
            title=page.title,
            language=page.locale.get_display_name(),
            kind=capfirst(page.content_type.model_class()._meta.verbose_name),
            live=page.live,
            has_unpublished_changes=page.has_unpublished_changes,
            moderation=MODERATION_STATES.get(page.moderation, ""),
            edited_at=page.latest_revision_created_at,
        )
        for page in pages
    ]


@dataclass(frozen=True)
class SecretariatComment:
    """A comment of the secretariat on one of a city's pages: a comment in the page's editor,
    or what a reviewer wrote when asking for changes."""

    page_id: int
    page_title: str
    author: str
    text: str
    at: datetime.datetime
    changes_requested: bool = False
    resolved: bool = False


def secretariat_comments(*, membership: Membership, limit: int = 5) -> list[SecretariatComment]:
    """The secretariat's latest comments on the city's pages, newest first: two queries (the
    comments in the pages' editor with their page and author; the reviews that asked for
    changes with a comment, with their revision and reviewer)."""
    pages = city_subtree(membership=membership)
    comments = [
        SecretariatComment(
            page_id=comment.page_id,
            page_title=comment.page.title,
            author=str(comment.user),
            text=comment.text,
            at=comment.created_at,
            resolved=comment.resolved_at is not None,
        )
        for comment in Comment.objects.filter(page__in=pages, user__in=secretariat_accounts())
        .select_related("page", "user")
        .order_by("-created_at", "-pk")[:limit]
    ]
    page_keys = pages.annotate(key=Cast("pk", output_field=CharField())).values("key")
    reviews = (
        TaskState.objects.filter(
            status=TaskState.STATUS_REJECTED,
            workflow_state__base_content_type=get_default_page_content_type(),
            workflow_state__object_id__in=page_keys,
        )
        .exclude(comment="")
        .select_related("revision", "finished_by")
        .order_by("-finished_at", "-pk")[:limit]
    )
    comments += [
        SecretariatComment(
            page_id=int(review.revision.object_id),
            page_title=review.revision.object_str,
            author=str(review.finished_by or ""),
            text=review.comment,
            at=review.finished_at,
            changes_requested=True,
        )
        for review in reviews
    ]
    return sorted(comments, key=lambda comment: comment.at, reverse=True)[:limit]
