"""The queries of each newsletter page, the same however many subscribers there are."""

import pytest

from accounts.models import Role
from demo.newsletter import newsletter_subscribers_bulk_seed
from newsletter import services
from tests.factories.accounts import UserFactory, sign_in
from tests.newsletter.world import areas, confirmed, subscribe


@pytest.fixture(params=[0, 120], ids=["few subscribers", "many subscribers"])
def subscribers(request, site_tree):
    """Two subscribers of the test's own and, for the second run, 120 more (three pages)."""
    newsletter_subscribers_bulk_seed(count=request.param, batch_size=50)
    return confirmed("reader@example.org", interests=areas("strong-families")), subscribe(
        "pending@example.org"
    )


class TestQueryBudgets:
    def test_the_public_pages(self, client, subscribers, django_assert_num_queries):
        active, pending = subscribers
        manage = services.manage_token(active)
        confirm = f"/en/newsletter/confirm/{services.confirm_token(pending)}/"
        for path in ("/en/newsletter/", confirm):
            client.get(path)  # the page tree's memo, once per process
        # Nothing: the empty form (its focus areas to choose from among them) is rendered once
        # per language and content version (newsletter/subscribe.html).
        with django_assert_num_queries(0):
            client.get("/en/newsletter/")
        # Nothing: the same page for everyone.
        with django_assert_num_queries(0):
            client.get("/en/newsletter/thanks/")
        # The subscriber the link names (1).
        with django_assert_num_queries(1):
            client.get(confirm)
        # The subscriber (1), their topics (1), the focus areas to choose from (1) and their
        # names (1).
        with django_assert_num_queries(4):
            client.get(f"/en/newsletter/preferences/{manage}/")
        # The subscriber (1).
        with django_assert_num_queries(1):
            client.get(f"/en/newsletter/unsubscribe/{manage}/")

    def test_the_account_page(self, client, subscribers, django_assert_num_queries):
        person = UserFactory(email="reader@example.org")
        sign_in(client, person, second_factor=False)
        client.get("/en/accounts/newsletter/")
        # The session's user (1); their subscription (1) and its topics (1); the user's and
        # their groups' permissions for the header's link to the admin (2); the focus areas to
        # choose from (1) and their names (1).
        with django_assert_num_queries(7):
            client.get("/en/accounts/newsletter/")

    def test_the_secretariats_list(self, client, subscribers, django_assert_num_queries):
        sign_in(client, UserFactory(role=Role.SECRETARIAT))
        client.get("/admin/newsletter/subscribers/")
        # The session's user (1), the user's and their groups' permissions (2), their groups
        # (1), their admin profile (1): Wagtail's admin and the secretariat check. The count for
        # the pages (1), the counts by language and status (1), the locales (1, Wagtail's
        # admin), a page of subscribers (1) and their topics (1).
        with django_assert_num_queries(10):
            response = client.get("/admin/newsletter/subscribers/?p=2")
        # Page 2 of 122, or (asked past the end) the only page of 2.
        total = response.context["counts"].total
        assert (total, len(response.context["subscribers"])) in {(2, 2), (122, 50)}
