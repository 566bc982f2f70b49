"""A meetup's page, once the meetup is over, links the case studies and resources that came out
of it (``knowledge.event_page``): what the library lists and the visitor may read, in the
visitor's language where there is a copy."""

from cities.models import MembershipStatus
from knowledge.models import CaseStudyPage, Visibility
from tests.events.world import event
from tests.factories.accounts import UserFactory, sign_in
from tests.factories.cities import coordinator_of, member_city
from tests.factories.knowledge import ResourceFactory, case_study


def outcomes(response) -> list[str]:
    return [link.title for link in response.context.get("outcomes", [])]


class TestWhatCameOutOfAMeetup:
    def test_a_past_meetup_links_its_case_studies_and_resources(self, client, site_tree):
        bergen = member_city("Bergen", country="NO")
        meetup = event("Bergen meetup", days=-30)
        case_study(bergen, "Youth ambassadors", meetup=meetup)
        case_study(bergen, "Street mediators")
        ResourceFactory(title="Ambassadors' manual", meetup=meetup)

        response = client.get(meetup.url)

        assert outcomes(response) == ["Youth ambassadors", "Ambassadors' manual"]
        html = response.text
        assert "What came out of it" in html
        assert 'href="/en/cities/bergen/youth-ambassadors/"' in html
        assert "Street mediators" not in html

    def test_an_upcoming_meetup_has_no_outcomes_yet(self, client, site_tree):
        bergen = member_city("Bergen", country="NO")
        meetup = event("Bergen meetup", days=10)
        case_study(bergen, "Youth ambassadors", meetup=meetup)

        response = client.get(meetup.url)

        assert "outcomes" not in response.context
        assert "What came out of it" not in response.text

    def test_a_members_only_case_study_shows_to_members_of_the_network_only(
        self, client, site_tree
    ):
        bergen = member_city("Bergen", country="NO")
        meetup = event("Bergen meetup", days=-30)
        case_study(bergen, "Youth ambassadors", meetup=meetup, visibility=Visibility.MEMBERS)

        assert outcomes(client.get(meetup.url)) == []
        sign_in(client, UserFactory(), second_factor=False)
        assert outcomes(client.get(meetup.url)) == []
        sign_in(client, coordinator_of(member_city("Oslo", country="NO")), second_factor=False)
        assert outcomes(client.get(meetup.url)) == ["Youth ambassadors"]

    def test_a_former_members_case_study_is_not_linked(self, client, site_tree):
        bergen = member_city("Bergen", country="NO", status=MembershipStatus.FORMER)
        meetup = event("Bergen meetup", days=-30)
        case_study(bergen, "Youth ambassadors", meetup=meetup)

        assert outcomes(client.get(meetup.url)) == []

    def test_each_outcome_shows_in_the_visitors_language_where_it_has_a_copy(
        self, client, site_tree
    ):
        bergen = member_city("Bergen", country="NO")
        meetup = event("Bergen meetup", days=-30)
        practice = case_study(bergen, "Youth ambassadors", meetup=meetup)
        CaseStudyPage.objects.filter(
            translation_key=practice.translation_key, locale__language_code="fi"
        ).update(title="Nuorisolähettiläät")

        response = client.get(meetup.url.replace("/en/", "/fi/", 1))

        assert outcomes(response) == ["Nuorisolähettiläät"]

    def test_the_page_runs_two_more_queries_for_them(
        self, client, site_tree, django_assert_num_queries
    ):
        bergen = member_city("Bergen", country="NO")
        meetup = event("Bergen meetup", days=-30)
        for number in range(5):
            case_study(bergen, f"Practice {number}", meetup=meetup)
            ResourceFactory(title=f"Manual {number}", meetup=meetup)
        client.get(meetup.url)
        # As any event page (1: the confirmed seats; the page at the path from the page tree's
        # memo), and the case studies with their city's title (1), the resources (1).
        with django_assert_num_queries(3):
            response = client.get(meetup.url)
        assert len(outcomes(response)) == 10
