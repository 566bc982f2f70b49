"""Reads of the newsletter's subscribers: a person's own subscription, and the secretariat's
counts, list and export."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import get_language

from accounts.models import ROLE_GROUP_NAMES, Role, User
from core.news import news_since
from newsletter.models import (
    Delivery,
    DeliveryStatus,
    Segment,
    Sending,
    SendingStatus,
    Subscriber,
    SubscriberStatus,
)


def subscriber_for_user(*, user: User) -> Subscriber | None:
    """The signed-in person's subscription: the one linked to their account, else the one at
    their account's address (one query; the interests are read when shown)."""
    return (
        Subscriber.objects.filter(Q(user=user) | Q(email=user.email.strip().lower()))
        .order_by(F("user_id").asc(nulls_last=True))
        .first()
    )


@dataclass
class SubscriberCounts:
    """How many subscribers there are in each status, in each language and in both."""

    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_language: dict[str, int] = field(default_factory=dict)
    # (language, status) -> count
    cells: dict[tuple[str, str], int] = field(default_factory=dict)

    def rows(self) -> list[tuple[str, str, list[int], int]]:
        """A table: each language (code, name), its count in each status, its total."""
        return [
            (
                code,
                name,
                [self.cells.get((code, status), 0) for status in SubscriberStatus.values],
                self.by_language.get(code, 0),
            )
            for code, name in settings.LANGUAGES
        ]

    def status_totals(self) -> list[int]:
        return [self.by_status.get(status, 0) for status in SubscriberStatus.values]


def subscriber_counts() -> SubscriberCounts:
    """Subscribers by language and status: one grouped query."""
    counts = SubscriberCounts()
    for row in Subscriber.objects.order_by().values("language", "status").annotate(n=Count("pk")):
        language, status, n = row["language"], row["status"], row["n"]
        counts.cells[language, status] = n
        counts.by_language[language] = counts.by_language.get(language, 0) + n
        counts.by_status[status] = counts.by_status.get(status, 0) + n
        counts.total += n
    return counts


def subscriber_list():
    """Every subscriber, newest first, with their interests (a page of it costs two queries:
    the rows and their interests)."""
    return Subscriber.objects.order_by("-created_at", "-pk").prefetch_related("interests")


def subscriber_export_rows() -> list[tuple]:
    """Every subscriber as (email, language, status, interests' slugs, subscribed, confirmed,
    unsubscribed), newest first: two queries, however many subscribers."""
    interests: dict[int, list[str]] = {}
    through = Subscriber.interests.through.objects.order_by("focusarea__position")
    for subscriber_id, slug in through.values_list("subscriber_id", "focusarea__slug"):
        interests.setdefault(subscriber_id, []).append(slug)
    return [
        (email, language, status, " ".join(interests.get(pk, [])), created, confirmed, left)
        for pk, email, language, status, created, confirmed, left in Subscriber.objects.order_by(
            "-created_at", "-pk"
        ).values_list(
            "pk",
            "email",
            "language",
            "status",
            "created_at",
            "confirmed_at",
            "unsubscribed_at",
        )
    ]


# --- Issues: who receives one, what is new, how a sending goes, the archive ---------------------

# How many failed deliveries the send page lists.
FAILURES_SHOWN = 200


def segment_recipients(*, issue):
    """The active subscribers an issue goes to (its English original decides): those in its
    languages (all, if it names none); on its focus areas, those who chose one of them or none
    (all, if it names none); and, for the members' or coordinators' segments, those whose
    account holds the role. A lazy queryset; counting it is one query."""

    subscribers = Subscriber.objects.filter(status=SubscriberStatus.ACTIVE)
    languages = [locale.language_code for locale in issue.languages.all()]
    if languages:
        subscribers = subscribers.filter(language__in=languages)
    areas = [area.pk for area in issue.focus_areas.all()]
    if areas:
        interests = Subscriber.interests.through.objects.filter(subscriber_id=OuterRef("pk"))
        subscribers = subscribers.filter(
            ~Exists(interests) | Exists(interests.filter(focusarea_id__in=areas))
        )
    if issue.segment == Segment.MEMBERS:
        roles = [ROLE_GROUP_NAMES[Role.SECRETARIAT], ROLE_GROUP_NAMES[Role.COORDINATOR]]
        members = User.groups.through.objects.filter(
            user_id=OuterRef("user_id"), group__name__in=roles
        )
        subscribers = subscribers.filter(Exists(members))
    elif issue.segment == Segment.COORDINATORS:
        coordinators = User.groups.through.objects.filter(
            user_id=OuterRef("user_id"), group__name=ROLE_GROUP_NAMES[Role.COORDINATOR]
        )
        subscribers = subscribers.filter(Exists(coordinators))
    return subscribers


def issue_failures(*, issue) -> list[tuple[str, str]]:
    """The deliveries of ``issue``'s sending that failed for good, as (address, last error),
    first failed first, at most ``FAILURES_SHOWN``: one query."""
    return list(
        Delivery.objects.filter(
            sending__issue__translation_key=issue.translation_key, status=DeliveryStatus.FAILED
        )
        .order_by("pk")
        .values_list("subscriber__email", "last_error")[:FAILURES_SHOWN]
    )


def recipients_by_language(*, issue) -> dict[str, int]:
    """How many subscribers ``issue`` reaches now in each language: one grouped query."""
    return dict(
        segment_recipients(issue=issue)
        .order_by()
        .values_list("language")
        .annotate(n=Count("pk"))
        .values_list("language", "n")
    )


def news_for_issue(*, since=None) -> tuple:
    """What is new in the network for an issue being written, in the current language: since
    ``since`` (a date), else since the last issue went out, else over the last 30 days. Returns
    (the day it starts from, the items)."""
    import datetime

    if since is None:
        last = (
            Sending.objects.filter(status=SendingStatus.SENT)
            .order_by("-finished_at")
            .values_list("started_at", flat=True)
            .first()
        )
        start = last or timezone.now() - datetime.timedelta(days=30)
    else:
        start = timezone.make_aware(datetime.datetime.combine(since, datetime.time()))
    return start.date(), news_since(since=start, language=get_language())


@dataclass
class SendingProgress:
    status: str
    status_label: str
    recipients: int
    sent: int
    failed: int
    remaining: int
    percent: int
    seconds_left: int | None
    scheduled_for: object = None


def sending_progress(*, issue) -> SendingProgress | None:
    """How the sending of ``issue`` goes: one grouped count of its deliveries (served by their
    index), and the rate so far for the time left. None before it is scheduled."""

    sending = Sending.objects.filter(issue__translation_key=issue.translation_key).first()
    if sending is None:
        return None
    counts = dict(
        sending.deliveries.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    sent = counts.get(DeliveryStatus.SENT, 0)
    failed = counts.get(DeliveryStatus.FAILED, 0)
    remaining = counts.get(DeliveryStatus.QUEUED, 0) + counts.get(DeliveryStatus.CLAIMED, 0)
    done = sent + failed
    seconds_left = None
    if remaining and done and sending.started_at:
        elapsed = (timezone.now() - sending.started_at).total_seconds()
        seconds_left = round(remaining * elapsed / done)
    total = done + remaining
    return SendingProgress(
        status=sending.status,
        status_label=sending.get_status_display(),
        recipients=sending.recipients,
        sent=sent,
        failed=failed,
        remaining=remaining,
        percent=round(100 * done / total) if total else 100 * (sending.status == "sent"),
        seconds_left=seconds_left,
        scheduled_for=sending.scheduled_for,
    )


@dataclass(frozen=True)
class ArchivedIssue:
    pk: int
    subject: str
    sent_on: object
    html: str = ""
    text: str = ""


def _archived_sendings():
    """What the public archive holds: the issues to every subscriber, from the moment they go
    out (an email's "Read it on the web" link works at once). Issues to members or coordinators
    only stay out of it."""

    return Sending.objects.filter(
        issue__segment=Segment.EVERYONE,
        status__in=[SendingStatus.SENDING, SendingStatus.SENT],
        recipients__gt=0,
    )


def archive_list(*, language: str) -> list[ArchivedIssue]:
    """The issues sent to every subscriber (or going out now), newest first, each as it went
    out in ``language``: one query."""
    sendings = _archived_sendings().order_by("-started_at", "-pk")
    return [
        ArchivedIssue(issue_id, rendered.get(language, {}).get("subject", ""), started_at.date())
        for issue_id, rendered, started_at in sendings.values_list(
            "issue_id", "rendered", "started_at"
        )
    ]


def archive_issue(*, pk: int, language: str) -> ArchivedIssue | None:
    """One sent issue as it went out in ``language``: its subject and body (without the
    email's frame and a subscriber's own links): one query."""
    row = _archived_sendings().filter(issue_id=pk).values_list("rendered", "started_at").first()
    if row is None or language not in row[0]:
        return None
    rendered, started_at = row
    parts = rendered[language]
    return ArchivedIssue(pk, parts["subject"], started_at.date(), parts["body"], parts["body_text"])
