"""The newsletter's subscribers in the demo: a handful subscribed through ``newsletter.services``
(confirmed from their link, or from their account), one still pending and one who left; an issue
sent to them (in the archive) and the next one in draft; and
``newsletter_subscribers_bulk_seed()``, which writes a benchmark's 100,000 active subscribers in
bulk (``--scale N`` adds 1,000 per step)."""

import itertools

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation

from accounts.models import User
from charter.models import FocusArea
from core.models import CANONICAL_LOCALE
from demo.accounts import coordinator_email
from newsletter import services, wording
from newsletter.models import Consent, ConsentAction, Subscriber, SubscriberStatus
from newsletter.models.subscribers import new_nonce

# (email, language, focus area slugs, what became of the subscription)
SUBSCRIBERS = [
    ("ingrid.dahl@example.org", "nb", ["safe-urban-space", "strong-youth-engagement"], "active"),
    ("mikko.virtanen@example.org", "fi", [], "active"),
    ("sara.lindqvist@example.org", "sv", ["safe-online-sphere"], "active"),
    ("jonas.hansen@example.org", "da", ["strong-families", "safe-communities"], "active"),
    ("gudrun.jonsdottir@example.org", "is", [], "active"),
    ("researcher@university.example.org", "en", ["safe-public-institutions"], "active"),
    ("journalist@newspaper.example.org", "en", [], "pending"),
    ("former.reader@example.org", "sv", [], "unsubscribed"),
]
# Coordinators who subscribed from their account.
ACCOUNT_SUBSCRIBERS = [("oslo", "nb"), ("helsinki", "fi")]
SYNTHETIC_PER_SCALE = 1000
BULK_DOMAIN = "subscribers.example.org"
DEMO_PATH = "/newsletter/"


def _source(sentence, language: str, email: str) -> services.ConsentSource:
    """As the page in ``language`` would have recorded it (formatted with the address where
    the sentence names it)."""
    with translation.override(language):
        text = str(sentence).replace("%(email)s", email)
    return services.ConsentSource(
        path=f"/{language}{DEMO_PATH}", ip_address=None, wording=text, language=language
    )


def seed(*, scale: int, log) -> None:
    areas = {area.slug: area for area in FocusArea.objects.filter(**CANONICAL_LOCALE)}
    for email, language, slugs, fate in SUBSCRIBERS:
        if Subscriber.objects.filter(email=email).exists():
            continue
        subscriber = services.subscriber_subscribe(
            email=email,
            language=language,
            interests=[areas[slug] for slug in slugs],
            source=_source(wording.SUBSCRIBE, language, email),
        )
        if fate in ("active", "unsubscribed"):
            subscriber = services.subscriber_confirm(
                subscriber=subscriber,
                nonce=subscriber.nonce,
                source=_source(wording.CONFIRM, language, email),
            )
        if fate == "unsubscribed":
            services.subscriber_unsubscribe(
                subscriber=subscriber, source=_source(wording.UNSUBSCRIBE, language, email)
            )
    for city, language in ACCOUNT_SUBSCRIBERS:
        user = User.objects.filter(email=coordinator_email(city)).first()
        if user is not None and not Subscriber.objects.filter(user=user).exists():
            services.subscriber_subscribe_account(
                user=user,
                language=language,
                interests=[],
                source=_source(wording.SUBSCRIBE, language, user.email),
            )
    _sent_issue()
    _draft_issue()
    if scale > 1:
        newsletter_subscribers_bulk_seed(count=SYNTHETIC_PER_SCALE * scale)
    log(
        f"{Subscriber.objects.filter(status=SubscriberStatus.ACTIVE).count()} active subscribers"
        f" of {Subscriber.objects.count()}"
    )


SENT_SUBJECT = "The network in autumn: new practices and the next meetups"
DRAFT_SUBJECT = "Winter issue: the Charter year in review"


def _issue_body(text: str) -> list[dict]:
    return [
        {"type": "paragraph", "value": f"<p>{text}</p>"},
        {"type": "whats_new", "value": {"heading": "New in the network", "since": None}},
        {
            "type": "button",
            "value": {"text": "Explore the library", "url": "https://nordicsafecities.org/"},
        },
    ]


def _sent_issue() -> None:
    """An issue sent to the demo's subscribers, as the workers would have sent it: it is in the
    archive and its emails are in the mail folder."""
    from wagtail.models import Locale

    from newsletter import sending
    from newsletter.models import Delivery, Issue

    if Issue.objects.filter(subject=SENT_SUBJECT).exists():
        return
    issue = Issue.objects.create(
        subject=SENT_SUBJECT,
        locale=Locale.objects.get(language_code=settings.LANGUAGE_CODE),
        body=_issue_body(
            "Dear colleagues, this autumn the cities of the network shared new practices on"
            " youth engagement and safe public spaces. Here is what is new."
        ),
    )
    scheduled = sending.sending_schedule(issue=issue, by=None)
    sending.sending_fan_out(sending_id=scheduled.pk)
    ids = list(Delivery.objects.filter(sending=scheduled).values_list("pk", flat=True))
    if ids:
        sending.deliveries_send(sending_id=scheduled.pk, first_id=min(ids), last_id=max(ids))


def _draft_issue() -> None:
    """The next issue, being written: the secretariat previews, tests and sends it."""
    from wagtail.models import Locale

    from newsletter.models import Issue

    if not Issue.objects.filter(subject=DRAFT_SUBJECT).exists():
        Issue.objects.create(
            subject=DRAFT_SUBJECT,
            locale=Locale.objects.get(language_code=settings.LANGUAGE_CODE),
            body=_issue_body(
                "The year is ending: how far the member cities have come with the Charter."
            ),
        )


@transaction.atomic
def newsletter_subscribers_bulk_seed(*, count: int = 100_000, batch_size: int = 5000) -> int:
    """``count`` active subscribers at ``bulk-<n>@subscribers.example.org`` in every language,
    a third of them with one or two topics, each with the consent of their confirmation: the
    rows the services would leave, written with PostgreSQL's ``COPY`` or SQLite's
    ``executemany``: seconds for 100,000 (``bulk_create`` spends half a minute building its
    statements). Those there already are left. Returns how many it added."""
    languages = [code for code, _name in settings.LANGUAGES]
    areas = list(FocusArea.objects.filter(**CANONICAL_LOCALE).order_by("position"))
    sentences = {}
    for language in languages:
        with translation.override(language):
            sentences[language] = str(wording.SUBSCRIBE)
    existing = set(
        Subscriber.objects.filter(email__endswith=f"@{BULK_DOMAIN}").values_list("email", flat=True)
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    wanted = ((n, f"bulk-{n}@{BULK_DOMAIN}", languages[n % len(languages)]) for n in range(count))
    fresh = ((n, email, language) for n, email, language in wanted if email not in existing)
    added = 0
    while batch := list(itertools.islice(fresh, batch_size)):
        _insert(
            Subscriber,
            [
                "email",
                "language",
                "status",
                "created_at",
                "confirmed_at",
                "nonce",
                "consecutive_failures",
            ],
            [
                (email, language, SubscriberStatus.ACTIVE.value, now, now, new_nonce(), 0)
                for _n, email, language in batch
            ],
        )
        ids = dict(
            Subscriber.objects.filter(email__in=[email for _n, email, _l in batch]).values_list(
                "email", "pk"
            )
        )
        _insert(
            Consent,
            ["subscriber", "action", "at", "path", "wording", "language"],
            [
                (
                    ids[email],
                    ConsentAction.CONFIRMED.value,
                    now,
                    f"/{language}{DEMO_PATH}",
                    sentences[language],
                    language,
                )
                for _n, email, language in batch
            ],
        )
        _insert(
            Subscriber.interests.through,
            ["subscriber", "focusarea"],
            [
                (ids[email], area.pk)
                for n, email, _language in batch
                if areas and n % 3 == 0
                for area in {areas[n % len(areas)], areas[(n // 3) % len(areas)]}
            ],
        )
        added += len(batch)
    return added


def _insert(model, fields: list[str], rows: list[tuple]) -> None:
    """``rows`` into ``model``'s table: PostgreSQL's ``COPY``, SQLite's ``executemany``."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)
