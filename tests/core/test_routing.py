"""Pages are found by their path in one lookup (core's HomePage.route), as Wagtail's walk finds
them: live pages in every language tree, drafts and unknown paths answer 404."""

from tests.factories.cities import city_page, member_city
from tests.factories.knowledge import case_study


def test_a_live_page_is_served_at_its_path_in_every_language_tree(client, site_tree):
    membership = member_city("København", country="DK")
    practice = case_study(membership, "Night walkers")
    for language in ("en", "da", "is"):
        page = city_page(membership, language)
        assert page.url == f"/{language}/cities/kobenhavn/"
        response = client.get(page.url)
        assert response.status_code == 200
        assert response.context["page"].pk == page.pk
    response = client.get(f"/da/cities/kobenhavn/{practice.slug}/")
    assert response.status_code == 200
    assert response.context["page"].translation_key == practice.translation_key


def test_a_draft_page_and_a_path_that_is_no_page_answer_not_found(client, site_tree):
    member_city("Oslo")
    member_city("Bergen", publish=False)

    assert client.get("/en/cities/bergen/").status_code == 404
    assert client.get("/en/cities/oslo/no-such-practice/").status_code == 404
    assert client.get("/en/no/such/path/").status_code == 404


def test_a_live_page_under_a_draft_is_served_as_wagtail_serves_it(client, site_tree):
    membership = member_city("Bergen", publish=False)
    practice = case_study(membership, "Harbour talks")

    response = client.get(practice.url)

    assert response.status_code == 200
    assert response.context["page"].title == "Harbour talks"
