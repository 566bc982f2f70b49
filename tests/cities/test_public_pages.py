import pytest

from cities.models import MembershipStatus, Partner
from tests.factories.cities import cities_index, member_city
from tests.worlds import once_per_class

pytestmark = pytest.mark.django_db


def _network():
    cities_index()
    return {
        "oslo": member_city("Oslo", country="NO", population=717710),
        "stockholm": member_city(
            "Stockholm", country="SE", latitude="59.3293", longitude="18.0686"
        ),
        "former": member_city("Formerby", country="DK", status=MembershipStatus.FORMER),
        "suspended": member_city("Pauseby", country="FI", status=MembershipStatus.SUSPENDED),
    }


network, network_built = once_per_class("network", _network)


def test_a_draft_city_page_is_not_public(client, site_tree):
    member_city("Drafton", publish=False)

    assert client.get("/en/cities/drafton/").status_code == 404


class TestTheListMapAndFigures:
    """Oslo and Stockholm active, a former and a suspended member: who is listed, mapped and
    counted, and how the cached lists follow a change at once."""

    def test_only_active_members_are_listed_and_mapped_as_member_cities(self, client, network):
        html = client.get("/en/cities/").content.decode()

        assert '<a href="/en/cities/oslo/">Oslo</a>' in html
        assert '<a href="/en/cities/stockholm/">Stockholm</a>' in html
        assert "Formerby" not in html
        assert "Pauseby" not in html
        assert html.count('href="/en/cities/oslo/"') == 2  # the list and the map marker

    def test_the_list_and_the_map_zoom_to_the_chosen_country(self, client, network):
        response = client.get("/en/cities/?country=se")

        directory = response.context["directory"]
        assert [city.title for city in directory.cities] == ["Stockholm"]
        assert [marker.name for marker in directory.map.markers] == ["Stockholm"]
        assert directory.map.country_code == "SE"
        assert "1 member city shown." in response.content.decode()

    def test_an_unknown_country_filter_shows_every_city(self, client, network):
        directory = client.get("/en/cities/?country=XX").context["directory"]

        assert [city.title for city in directory.cities] == ["Oslo", "Stockholm"]

    def test_the_swedish_list_links_to_the_swedish_city_pages(self, client, network):
        html = client.get("/sv/cities/").content.decode()

        assert '<a href="/sv/cities/oslo/">Oslo</a>' in html
        assert "Norge" in html

    def test_the_city_page_shows_membership_since_and_facts(self, client, network):
        response = client.get("/en/cities/oslo/")

        html = response.content.decode()
        assert response.status_code == 200
        assert "Member since" in html
        assert "717,710" in html or "717 710" in html

    def test_only_partners_who_consented_are_listed(self, client, network):
        from cities.models import Country

        norway = Country.objects.get(code="NO")
        Partner.objects.create(name="Open Partner", kind="ngo", country=norway, public_consent=True)
        Partner.objects.create(
            name="Quiet Partner", kind="ngo", country=norway, public_consent=False
        )

        html = client.get("/en/cities/partners/").content.decode()

        assert "Open Partner" in html
        assert "Quiet Partner" not in html

    def test_the_home_page_counts_the_network_from_the_data(self, client, network):
        from cities.services import ambassador_count_set

        ambassador_count_set(membership=network["oslo"], year=2025, count=10)
        ambassador_count_set(membership=network["oslo"], year=2026, count=12)
        ambassador_count_set(membership=network["stockholm"], year=2026, count=5)
        ambassador_count_set(membership=network["former"], year=2026, count=99)

        figures = {str(f.label): f.value for f in client.get("/en/").context["figures"]}

        assert figures["Nordic countries"] == 2
        assert figures["active member cities"] == 2
        assert figures["young peace ambassadors"] == 17

    def test_the_cached_figures_follow_a_change_of_membership_at_once(self, client, network):
        def cities_figure():
            figures = client.get("/en/").context["figures"]
            return next(f.value for f in figures if str(f.label) == "active member cities")

        assert cities_figure() == 2

        from cities.services import membership_change_status

        membership_change_status(
            membership=network["stockholm"], status=MembershipStatus.SUSPENDED, by=None, reason="-"
        )

        assert cities_figure() == 1

    def test_a_newly_published_member_city_appears_at_once_despite_the_cache(self, client, network):
        assert "Bergen" not in client.get("/en/cities/").content.decode()

        member_city("Bergen", latitude="60.3913", longitude="5.3221")

        html = client.get("/en/cities/").content.decode()
        assert '<a href="/en/cities/bergen/">Bergen</a>' in html

    def test_a_suspended_member_leaves_the_cached_list_at_once(self, client, network):
        from cities.services import membership_change_status

        assert "Stockholm" in client.get("/en/cities/").content.decode()

        membership_change_status(
            membership=network["stockholm"], status=MembershipStatus.SUSPENDED, by=None, reason="-"
        )

        assert "Stockholm" not in client.get("/en/cities/").content.decode()
