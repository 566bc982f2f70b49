"""The benchmark's subscribers: 100,000 written in bulk in seconds, as the services leave them,
and the demo's handful, made through the services."""

import time

from core.content_cache import content_version
from demo import newsletter as demo
from newsletter.models import Consent, Subscriber, SubscriberStatus


def test_a_hundred_thousand_subscribers_are_seeded_in_seconds_and_once(site_tree):
    version = content_version()
    started = time.monotonic()

    added = demo.newsletter_subscribers_bulk_seed(count=100_000)

    seconds = time.monotonic() - started
    assert added == 100_000 and seconds < 15, f"{seconds:.1f} s"
    assert Subscriber.objects.filter(status=SubscriberStatus.ACTIVE).count() == 100_000
    assert Consent.objects.filter(action="confirmed").count() == 100_000
    assert set(Subscriber.objects.values_list("language", flat=True).distinct()) == {
        "en",
        "da",
        "sv",
        "nb",
        "fi",
        "is",
    }
    with_topics = Subscriber.interests.through.objects.values("subscriber").distinct().count()
    assert with_topics == 33_334
    assert demo.newsletter_subscribers_bulk_seed(count=100_000) == 0
    assert content_version() == version


def test_the_demo_subscribers_are_made_by_the_services_and_seeding_twice_adds_none(site_tree):
    from demo import accounts, cities

    accounts.seed(scale=1, log=lambda text: None)
    cities.seed(scale=1, log=lambda text: None)

    demo.seed(scale=1, log=lambda text: None)
    demo.seed(scale=1, log=lambda text: None)

    statuses = dict(
        Subscriber.objects.values_list("email", "status").filter(email__endswith="example.org")
    )
    assert statuses["ingrid.dahl@example.org"] == "active"
    assert statuses["journalist@newspaper.example.org"] == "pending"
    assert statuses["former.reader@example.org"] == "unsubscribed"
    assert Subscriber.objects.filter(user__isnull=False, status="active").count() == 2
    assert not Consent.objects.filter(wording="").exists()
