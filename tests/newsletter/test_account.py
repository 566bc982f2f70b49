"""A signed-in person's subscription: managed from their account (/accounts/newsletter/, linked
from "My data"), in their data download, and gone with their account."""

import json

from accounts.services import user_delete
from newsletter import services
from newsletter.models import Consent, Subscriber, SubscriberStatus
from tests.factories.accounts import UserFactory, sign_in
from tests.newsletter.world import SOURCE, areas, confirmed


class TestFromTheAccount:
    def test_a_signed_in_person_subscribes_at_once_changes_topics_and_unsubscribes(
        self, client, site_tree
    ):
        person = UserFactory(email="Petra@Example.org", language="da")
        sign_in(client, person, second_factor=False)
        page = client.get("/en/accounts/newsletter/")
        assert page.status_code == 200
        assert "Get the newsletter at your account's address" in page.text

        subscribed = client.post("/en/accounts/newsletter/", {"language": "da"})

        assert subscribed.status_code == 302
        subscriber = Subscriber.objects.get()
        assert (subscriber.email, subscriber.user, subscriber.status) == (
            "petra@example.org",
            person,
            SubscriberStatus.ACTIVE,
        )
        assert list(subscriber.consents.values_list("action", "path")) == [
            ("subscribed", "/en/accounts/newsletter/"),
            ("confirmed", "/en/accounts/newsletter/"),
        ]

        client.post(
            "/en/accounts/newsletter/",
            {"language": "sv", "interests": [a.pk for a in areas("strong-families")]},
        )
        subscriber.refresh_from_db()
        assert subscriber.language == "sv"
        assert list(subscriber.interests.values_list("slug", flat=True)) == ["strong-families"]

        client.post("/en/accounts/newsletter/", {"action": "unsubscribe"})

        subscriber.refresh_from_db()
        assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
        assert (
            "You are unsubscribed from the newsletter."
            in client.get("/en/accounts/newsletter/").text
        )

    def test_a_subscription_made_at_the_accounts_address_before_signing_in_is_shown(
        self, client, site_tree
    ):
        confirmed("petra@example.org", language="fi", interests=areas("safe-communities"))
        person = UserFactory(email="petra@example.org")
        sign_in(client, person, second_factor=False)

        response = client.get("/en/accounts/newsletter/")

        assert response.context["open"] is True
        assert response.context["form"].initial["language"] == "fi"
        assert "The newsletter comes to petra@example.org." in response.text

    def test_my_data_links_to_the_newsletter_page(self, client, site_tree):
        sign_in(client, UserFactory(), second_factor=False)

        assert 'href="/en/accounts/newsletter/"' in client.get("/en/accounts/my-data/").text

    def test_the_data_download_contains_the_subscription_and_its_consents(self, client, site_tree):
        person = UserFactory(email="petra@example.org")
        confirmed("petra@example.org", language="nb", interests=areas("safe-urban-space"))
        sign_in(client, person, second_factor=False)

        data = json.loads(client.post("/en/accounts/my-data/download/").content)

        subscription = data["newsletter_subscription"]
        assert subscription["email"] == "petra@example.org"
        assert subscription["status"] == "active" and subscription["language"] == "nb"
        assert subscription["interests"] == ["safe-urban-space"]
        assert [consent["action"] for consent in subscription["consents"]] == [
            "subscribed",
            "confirmed",
        ]
        assert subscription["consents"][0]["wording"].startswith("Yes, send me")

    def test_without_a_subscription_the_download_says_none(self, client, site_tree):
        sign_in(client, UserFactory(), second_factor=False)

        data = json.loads(client.post("/en/accounts/my-data/download/").content)

        assert data["newsletter_subscription"] is None


class TestDeletingTheAccount:
    def test_deleting_the_account_deletes_its_subscription_and_consents(self, site_tree):
        person = UserFactory(email="petra@example.org")
        services.subscriber_subscribe_account(
            user=person, language="en", interests=[], source=SOURCE
        )
        stranger = confirmed("someone.else@example.org")

        user_delete(user=person)

        assert list(Subscriber.objects.all()) == [stranger]
        assert set(Consent.objects.values_list("subscriber", flat=True)) == {stranger.pk}

    def test_also_a_subscription_at_the_accounts_address_made_without_signing_in(self, site_tree):
        person = UserFactory(email="petra@example.org")
        confirmed("petra@example.org")

        user_delete(user=person)

        assert Subscriber.objects.count() == 0
