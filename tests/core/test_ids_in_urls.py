"""Ids in addresses are checked before they reach the database: too large is simply not found."""

import pytest

from accounts.models import Role
from tests.factories.accounts import UserFactory, sign_in
from tests.factories.cities import member_city

pytestmark = pytest.mark.django_db

TOO_LARGE = [2**63, 2**64, 10**30]


@pytest.mark.parametrize("number", [*TOO_LARGE, 2**63 - 1, 10**18 - 1])
def test_the_case_study_api_answers_404_for_any_unknown_id(client, site_tree, number):
    response = client.get(f"/api/case-studies/{number}/")

    assert response.status_code == 404


@pytest.mark.parametrize("number", TOO_LARGE)
def test_the_membership_admin_answers_404_for_an_id_too_large(client, site_tree, number):
    oslo = member_city("Oslo")
    sign_in(client, UserFactory(role=Role.SECRETARIAT))
    base = "/admin/cities/memberships"

    for url in (
        f"{base}/coordinators/{number}/",
        f"{base}/ambassadors/{number}/",
        f"{base}/coordinators/{oslo.pk}/remove/{number}/",
        f"{base}/coordinators/{oslo.pk}/withdraw/{number}/",
    ):
        assert client.get(url, follow=True).status_code in {404, 405}, url
