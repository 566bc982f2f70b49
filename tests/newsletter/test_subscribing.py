"""Subscribing at /newsletter/: double opt-in with a link that works once and for three days,
the same answer whether or not an address is subscribed, the preferences and unsubscribe links
of every email (one-click unsubscribe by a mail program, RFC 8058), the honeypot and the rate
limits, the consent each step records, and the caches a subscription leaves alone."""

import time
from unittest import mock

import pytest

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import translation

from core.content_cache import VERSION_KEY, content_version
from core.models import OutgoingEmail
from newsletter import services, wording
from newsletter.models import Consent, Subscriber, SubscriberStatus
from newsletter.views import SUBSCRIBE_RATE_LIMIT
from tests.newsletter.world import (
    areas,
    confirmed,
    emails_to,
    in_language,
    link_in,
    sent_to,
    subscribe,
)

ONE_CLICK = "List-Unsubscribe=One-Click"
FORM = "application/x-www-form-urlencoded"


def form(email="reader@example.org", language="en", interests=(), **extra) -> dict:
    return {
        "email": email,
        "language": language,
        "interests": [area.pk for area in interests],
        **extra,
    }


class TestDoubleOptIn:
    def test_a_new_address_is_pending_until_the_person_confirms_from_the_emailed_link(
        self, client, site_tree
    ):
        chosen = areas("safe-online-sphere", "strong-families")

        response = client.post(
            "/en/newsletter/", form(" Reader@Example.ORG ", language="sv", interests=chosen)
        )

        assert response.status_code == 302 and response["Location"] == "/en/newsletter/thanks/"
        subscriber = Subscriber.objects.get()
        assert (subscriber.email, subscriber.language, subscriber.status) == (
            "reader@example.org",
            "sv",
            SubscriberStatus.PENDING,
        )
        assert set(subscriber.interests.all()) == set(chosen)
        (request,) = emails_to("reader@example.org")
        assert request.language == "sv"
        assert "/sv/newsletter/confirm/" in request.text_body
        assert "/sv/newsletter/confirm/" in request.html_body
        link = link_in(request.text_body, "confirm")

        asked = client.get(link)

        assert (
            asked.status_code == 200 and in_language("sv", "Confirm my subscription") in asked.text
        )
        assert Subscriber.objects.get().status == SubscriberStatus.PENDING

        done = client.post(link)

        assert done.status_code == 200 and in_language("sv", "You are subscribed") in done.text
        subscriber.refresh_from_db()
        assert subscriber.status == SubscriberStatus.ACTIVE and subscriber.confirmed_at
        assert subscriber.consecutive_failures == 0

    def test_subscribing_an_active_address_again_answers_the_same_and_emails_its_owner_instead(
        self, client, site_tree
    ):
        confirmed("known@example.org", language="fi", interests=areas("safe-communities"))
        before = OutgoingEmail.objects.count()

        known = client.post("/en/newsletter/", form("KNOWN@example.org", language="da"))
        unknown = client.post("/en/newsletter/", form("stranger@example.org", language="da"))

        assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
        assert client.get(known["Location"]).text == client.get(unknown["Location"]).text
        subscriber = Subscriber.objects.get(email="known@example.org")
        assert subscriber.language == "fi"  # a stranger typing the address changes nothing
        assert list(subscriber.interests.values_list("slug", flat=True)) == ["safe-communities"]
        assert OutgoingEmail.objects.count() == before + 2
        told = emails_to("known@example.org")[-1]
        assert told.language == "fi"
        assert told.subject == in_language(
            "fi", "You already get the Nordic Safe Cities newsletter"
        )
        assert "/fi/newsletter/preferences/" in told.text_body
        assert "/confirm/" not in told.text_body

    def test_a_confirmation_link_works_once(self, client, site_tree):
        subscribe()
        link = link_in(emails_to("reader@example.org")[0].text_body, "confirm")
        client.post(link)
        nonce = Subscriber.objects.get().nonce

        again = client.post(link)

        assert again.status_code == 400
        assert "used already" in again.text
        assert Subscriber.objects.get().nonce == nonce
        assert Consent.objects.filter(action="confirmed").count() == 1

    def test_an_expired_link_changes_nothing_and_says_so(self, client, site_tree):
        subscriber = subscribe()
        four_days_ago = time.time() - 4 * 24 * 3600
        with mock.patch("django.core.signing.time.time", return_value=four_days_ago):
            link = f"/en/newsletter/confirm/{services.confirm_token(subscriber)}/"

        shown, posted = client.get(link), client.post(link)

        for response in (shown, posted):
            assert response.status_code == 400
            assert "This confirmation link has expired" in response.text
        assert Subscriber.objects.get().status == SubscriberStatus.PENDING

    @pytest.mark.parametrize("kind", ["confirm", "preferences", "unsubscribe"])
    def test_a_tampered_link_changes_nothing_and_says_so(self, client, site_tree, kind):
        subscriber = subscribe()
        other = subscribe("other@example.org")
        token = (
            services.confirm_token(subscriber)
            if kind == "confirm"
            else services.manage_token(subscriber)
        )
        forged = token.replace(token[-6:], "AAAAAA" if token[-6:] != "AAAAAA" else "BBBBBB")
        # A genuine signature of the other kind of link does not open this kind.
        wrong_kind = (
            services.manage_token(other) if kind == "confirm" else services.confirm_token(other)
        )

        for token in (forged, wrong_kind, "nonsense"):
            response = client.post(f"/en/newsletter/{kind}/{token}/", {"language": "fi"})
            assert response.status_code == 400
            assert "This link is not valid" in response.text
        assert set(Subscriber.objects.values_list("status", "language")) == {("pending", "en")}
        assert Consent.objects.filter(action="subscribed").count() == 2
        assert Consent.objects.count() == 2

    def test_the_errors_of_a_link_are_translated(self, client, site_tree):
        response = client.get("/sv/newsletter/confirm/nonsense/")

        with translation.override("sv"):
            expected = services._invalid_message()
        assert response.status_code == 400 and expected in response.text
        assert response["Content-Language"] == "sv"

    def test_subscribing_again_after_unsubscribing_starts_over_and_retires_the_old_links(
        self, client, site_tree
    ):
        subscriber = confirmed()
        old_unsubscribe = f"/en/newsletter/unsubscribe/{services.manage_token(subscriber)}/"
        services.subscriber_unsubscribe(subscriber=subscriber, source=_source())

        subscriber = subscribe(language="nb")

        assert subscriber.status == SubscriberStatus.PENDING and subscriber.language == "nb"
        assert client.get(old_unsubscribe).status_code == 400
        assert "/nb/newsletter/confirm/" in emails_to("reader@example.org")[-1].text_body


def _source(sentence=wording.SUBSCRIBE):
    return services.ConsentSource(
        path="/en/newsletter/", ip_address=None, wording=str(sentence), language="en"
    )


class TestEmails:
    def test_every_email_to_a_subscriber_carries_one_click_unsubscribe_headers(
        self, site_tree, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            subscriber = subscribe(language="da")
        with django_capture_on_commit_callbacks(execute=True):
            subscriber = services.subscriber_confirm(
                subscriber=subscriber, nonce=subscriber.nonce, source=_source()
            )
            subscribe()  # an active address: the "already subscribed" email

        def unsubscribes_the_subscriber(header: str) -> bool:
            """An unsubscribe link, in angle brackets, signed for this subscriber. (Its token
            carries the second it was signed in, so it is compared by what it opens.)"""
            prefix = "<http://testserver/da/newsletter/unsubscribe/"
            token = header.removeprefix(prefix).removesuffix("/>")
            return (
                header.startswith(prefix)
                and header.endswith("/>")
                and services.subscriber_from_manage_token(token) == subscriber
            )

        rows = emails_to("reader@example.org")
        assert [row.status for row in rows] == ["sent", "sent", "sent"]  # ask, welcome, told
        for row in rows[1:]:
            assert set(row.headers) == {"List-Unsubscribe", "List-Unsubscribe-Post"}
            assert row.headers["List-Unsubscribe-Post"] == ONE_CLICK
            assert unsubscribes_the_subscriber(row.headers["List-Unsubscribe"])
        sent = sent_to("reader@example.org")
        assert len(sent) == 3
        for message in sent:
            headers = message.message()
            assert headers["List-Unsubscribe-Post"] == ONE_CLICK
            assert headers["List-Unsubscribe"].startswith("<http://testserver/da/newsletter/")
            assert headers["Content-Language"] == "da"
            assert message.alternatives[0].mimetype == "text/html"
        assert all(
            unsubscribes_the_subscriber(message.message()["List-Unsubscribe"])
            for message in sent[1:]
        )

    def test_confirming_brings_a_welcome_with_the_links_that_now_work(self, client, site_tree):
        subscriber = subscribe(language="is")
        client.post(link_in(emails_to("reader@example.org")[0].text_body, "confirm"))

        welcome = emails_to("reader@example.org")[-1]

        assert welcome.language == "is"
        assert welcome.subject == in_language("is", "Welcome to the Nordic Safe Cities newsletter")
        preferences = link_in(welcome.text_body, "preferences")
        assert client.get(preferences).status_code == 200
        # The unsubscribe link of the confirmation email went with the nonce it carried.
        old = f"/is/newsletter/unsubscribe/{services.manage_token(subscriber)}/"
        assert client.get(old).status_code == 400

    def test_an_address_gets_at_most_three_request_emails_a_day_whoever_asks(self, site_tree):
        for _attempt in range(5):
            subscribe("target@example.org")

        assert len(emails_to("target@example.org")) == services.REQUEST_EMAILS_PER_DAY


class TestUnsubscribing:
    def test_a_mail_programs_one_click_post_unsubscribes_without_a_csrf_token(self, site_tree):
        subscriber = confirmed()
        mail_program = Client(enforce_csrf_checks=True)

        response = mail_program.post(
            f"/en/newsletter/unsubscribe/{services.manage_token(subscriber)}/",
            data=ONE_CLICK,
            content_type=FORM,
        )

        assert response.status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.status == SubscriberStatus.UNSUBSCRIBED and subscriber.unsubscribed_at
        consent = subscriber.consents.get(action="unsubscribed")
        assert consent.wording == str(wording.ONE_CLICK)
        assert consent.ip_address == "127.0.0.1"

    def test_the_link_asks_first_and_the_button_unsubscribes(self, client, site_tree):
        subscriber = confirmed()
        link = f"/en/newsletter/unsubscribe/{services.manage_token(subscriber)}/"

        asked = client.get(link)

        assert asked.status_code == 200
        assert wording.UNSUBSCRIBE % {"email": "reader@example.org"} in asked.text
        assert Subscriber.objects.get().status == SubscriberStatus.ACTIVE

        done = client.post(link)
        again = client.post(link)

        assert done.status_code == again.status_code == 200
        assert "You are unsubscribed" in done.text
        assert Subscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED
        assert Consent.objects.filter(action="unsubscribed").count() == 1

    def test_only_the_unsubscribe_link_goes_without_a_csrf_token(self, site_tree):
        subscriber = confirmed()
        browser = Client(enforce_csrf_checks=True)
        manage = services.manage_token(subscriber)

        refused = [
            browser.post("/en/newsletter/", form("new@example.org")).status_code,
            browser.post(f"/en/newsletter/preferences/{manage}/", {"language": "fi"}).status_code,
        ]

        assert refused == [403, 403]
        assert Subscriber.objects.count() == 1
        assert Subscriber.objects.get().language == "en"


class TestPreferences:
    def test_the_preferences_link_changes_the_language_and_topics(self, client, site_tree):
        subscriber = confirmed(interests=areas("strong-families"))
        link = f"/en/newsletter/preferences/{services.manage_token(subscriber)}/"
        shown = client.get(link)
        assert shown.status_code == 200
        assert shown.context["form"].initial["language"] == "en"

        response = client.post(
            link, {"language": "is", "interests": [a.pk for a in areas("safe-urban-space")]}
        )

        assert response.status_code == 302 and response["Location"] == link
        subscriber.refresh_from_db()
        assert subscriber.language == "is"
        assert list(subscriber.interests.values_list("slug", flat=True)) == ["safe-urban-space"]
        assert "Your preferences are saved." in client.get(link).text
        # The link keeps working: it is in every email sent before.
        assert client.get(link).status_code == 200

    def test_no_topic_chosen_means_all_of_them(self, client, site_tree):
        subscriber = confirmed(interests=areas("strong-families"))
        link = f"/en/newsletter/preferences/{services.manage_token(subscriber)}/"

        client.post(link, {"language": "en"})

        assert subscriber.interests.count() == 0

    def test_an_unsubscribed_address_is_offered_to_subscribe_again_and_changes_nothing(
        self, client, site_tree
    ):
        subscriber = confirmed()
        services.subscriber_unsubscribe(subscriber=subscriber, source=_source())
        link = f"/en/newsletter/preferences/{services.manage_token(subscriber)}/"

        response = client.post(link, {"language": "fi"})

        assert response.status_code == 200 and "Subscribe again" in response.text
        assert Subscriber.objects.get().language == "en"
        with pytest.raises(services.SubscriptionClosed):
            services.subscriber_preferences_update(
                subscriber=subscriber, language="fi", interests=[], source=_source()
            )


class TestTheForm:
    def test_the_language_is_the_pages_unless_chosen(self, client, site_tree):
        response = client.get("/fi/newsletter/")

        assert response.status_code == 200
        assert response.context["form"]["language"].value() == "fi"
        assert 'value="fi" selected' in response.text

    def test_the_empty_form_is_rendered_once_per_language_and_never_with_what_was_typed(
        self, client, site_tree, django_assert_num_queries
    ):
        client.get("/fi/newsletter/")
        # The empty form from the cache: not even the focus areas are read again.
        with django_assert_num_queries(0):
            assert 'value="fi" selected' in client.get("/fi/newsletter/").text
        sent_back = client.post("/fi/newsletter/", form("reader@@example", language="nb"))
        assert 'value="reader@@example"' in sent_back.text

        after = client.get("/fi/newsletter/").text

        assert "reader@@example" not in after
        assert 'value="fi" selected' in after
        assert 'value="sv" selected' in client.get("/sv/newsletter/").text

    def test_a_bad_address_is_refused_on_the_form_and_keeps_what_was_typed(self, client, site_tree):
        chosen = areas("safe-communities")

        response = client.post(
            "/en/newsletter/", form("reader@@example", language="nb", interests=chosen)
        )

        assert response.status_code == 400
        assert "Enter a valid email address." in response.text
        assert 'value="reader@@example"' in response.text
        assert 'value="nb" selected' in response.text
        assert f'value="{chosen[0].pk}" id="id_interests_5" checked' in response.text
        assert Subscriber.objects.count() == 0 and OutgoingEmail.objects.count() == 0

    def test_the_honeypot_answers_as_if_it_worked_and_stores_nothing(self, client, site_tree):
        response = client.post("/en/newsletter/", form(website="https://spam.example"))

        assert response.status_code == 302 and response["Location"] == "/en/newsletter/thanks/"
        assert Subscriber.objects.count() == 0 and OutgoingEmail.objects.count() == 0

    def test_one_network_is_asked_to_wait_after_ten_requests_an_hour(self, client, site_tree):
        for number in range(SUBSCRIBE_RATE_LIMIT):
            assert client.post("/en/newsletter/", form(f"p{number}@example.org")).status_code == 302

        refused = client.post("/en/newsletter/", form("one.more@example.org"))
        elsewhere = Client(REMOTE_ADDR="198.51.100.7").post(
            "/en/newsletter/", form("elsewhere@example.org")
        )

        assert refused.status_code == 400
        assert "Too many requests from your network" in refused.text
        assert 'value="one.more@example.org"' in refused.text
        assert not Subscriber.objects.filter(email="one.more@example.org").exists()
        assert elsewhere.status_code == 302

    def test_the_database_keeps_one_row_per_address_whatever_its_case(self, site_tree):
        subscribe("reader@example.org")

        with pytest.raises(IntegrityError), transaction.atomic():
            Subscriber.objects.create(email="READER@example.org", language="en")


class TestConsent:
    def test_each_step_records_its_consent_with_the_sentence_shown_its_page_and_language(
        self, client, site_tree
    ):
        page = client.get("/sv/newsletter/")
        with translation.override("sv"):
            sentences = {
                "subscribe": str(wording.SUBSCRIBE),
                "confirm": wording.CONFIRM % {"email": "reader@example.org"},
                "preferences": str(wording.PREFERENCES),
                "unsubscribe": wording.UNSUBSCRIBE % {"email": "reader@example.org"},
            }
        assert sentences["subscribe"] in page.text

        client.post("/sv/newsletter/", form(language="fi"))
        confirm = link_in(emails_to("reader@example.org")[0].text_body, "confirm")
        confirm = confirm.replace("/fi/", "/sv/", 1)  # the person reads the pages in Swedish
        assert sentences["confirm"] in client.get(confirm).text
        client.post(confirm)
        subscriber = Subscriber.objects.get()
        token = services.manage_token(subscriber)
        client.post(f"/sv/newsletter/preferences/{token}/", {"language": "fi"})
        client.post(f"/sv/newsletter/unsubscribe/{token}/")

        rows = list(
            Consent.objects.values_list("action", "path", "ip_address", "wording", "language")
        )
        assert rows == [
            ("subscribed", "/sv/newsletter/", "127.0.0.1", sentences["subscribe"], "sv"),
            ("confirmed", confirm, "127.0.0.1", sentences["confirm"], "sv"),
            (
                "preferences_changed",
                f"/sv/newsletter/preferences/{token}/",
                "127.0.0.1",
                sentences["preferences"],
                "sv",
            ),
            (
                "unsubscribed",
                f"/sv/newsletter/unsubscribe/{token}/",
                "127.0.0.1",
                sentences["unsubscribe"],
                "sv",
            ),
        ]


class TestCaches:
    def test_a_subscription_leaves_the_page_cache_warm(self, client, site_tree):
        version = content_version()

        client.post("/en/newsletter/", form())
        subscriber = Subscriber.objects.get()
        client.post(f"/en/newsletter/confirm/{services.confirm_token(subscriber)}/")
        token = services.manage_token(subscriber)
        client.post(f"/en/newsletter/preferences/{token}/", {"language": "fi"})
        client.post(f"/en/newsletter/unsubscribe/{token}/")

        assert cache.get(VERSION_KEY) == version

    def test_no_page_of_a_link_or_a_form_is_kept_in_the_anonymous_page_cache(
        self, client, site_tree, settings
    ):
        settings.PAGE_CACHE_SECONDS = 600
        subscriber = confirmed()
        pending = subscribe("pending@example.org")
        token = services.manage_token(subscriber)
        paths = [
            "/en/newsletter/",
            f"/en/newsletter/confirm/{services.confirm_token(pending)}/",
            f"/en/newsletter/preferences/{token}/",
            f"/en/newsletter/unsubscribe/{token}/",
        ]

        for path in paths:
            first, second = Client().get(path), Client().get(path)
            assert first.status_code == second.status_code == 200
            assert "X-Page-Cache" not in second, path
        # The "check your inbox" page is the same for everyone: it may be cached.
        Client().get("/en/newsletter/thanks/")
        assert Client().get("/en/newsletter/thanks/")["X-Page-Cache"] == "hit"
