import pytest

from tests.factories.cities import member_city
from tests.factories.knowledge import case_study, knowledge_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def network(site_tree):
    knowledge_index()
    oslo = member_city("Oslo")
    stockholm = member_city("Stockholm")
    case_study(
        oslo,
        "Youth ambassadors",
        summary="Young people trained as peace ambassadors: youth for youth.",
        focus_areas=("strong-youth-engagement",),
    )
    case_study(
        stockholm,
        "Hate speech helpline",
        summary="A helpline for people targeted by hate speech online.",
        focus_areas=("safe-online-sphere",),
        target_groups=("online-communities",),
    )
    # Enough for a second page of results.
    for number in range(22):
        case_study(
            stockholm,
            f"Youth club {number}",
            summary="An open youth club.",
            focus_areas=("safe-online-sphere", "safe-communities"),
            aliases=False,
        )


@pytest.mark.parametrize(
    ("path", "heading", "found"),
    [
        ("/en/knowledge/", "Knowledge", "24 case studies found"),
        (
            "/en/knowledge/?focus_area=safe-online-sphere&country=SE&sort=title&page=2",
            "Knowledge",
            "23 case studies found",
        ),
        # The youth clubs have no copies in the other language trees.
        (
            "/fi/knowledge/?q=youth&target_group=children-young-people",
            "Knowledge",
            "1 tapaustutkimus löytyi",
        ),
        ("/en/search/", "Search", None),
        ("/en/search/?q=youth", "Search", "23 results for “youth”"),
    ],
)
def test_the_library_and_search_pass_axe(
    page, live_server, network, assert_accessible, path, heading, found
):
    response = page.goto(f"{live_server.url}{path}")

    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == heading
    status = page.get_by_role("status")
    assert (status.inner_text() if status.count() else None) == found
    assert_accessible(page)


def test_choosing_a_filter_by_keyboard_updates_the_results_and_the_url(page, live_server, network):
    page.goto(f"{live_server.url}/en/knowledge/")
    assert page.get_by_role("status").inner_text() == "24 case studies found"

    page.get_by_role("checkbox", name="Online communities (1)").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Show results").focus()
    page.keyboard.press("Enter")

    page.wait_for_url("**/en/knowledge/?*target_group=online-communities*")
    assert page.get_by_role("status").inner_text() == "1 case study found"
    assert page.get_by_role("checkbox", name="Online communities (1)").is_checked()
    cards = page.locator(".library-cards .card__title")
    assert cards.all_inner_texts() == ["Hate speech helpline"]

    page.get_by_role("link", name="remove Target group: Online communities").press("Enter")

    page.wait_for_url(f"{live_server.url}/en/knowledge/")
    assert page.get_by_role("status").inner_text() == "24 case studies found"


def test_searching_keeps_the_chosen_filters(page, live_server, network):
    page.goto(f"{live_server.url}/en/knowledge/?focus_area=strong-youth-engagement")

    page.get_by_label("Search the case studies").fill("youth")
    page.get_by_label("Search the case studies").press("Enter")

    page.wait_for_url("**q=youth**")
    assert "focus_area=strong-youth-engagement" in page.url
    assert page.locator(".library-cards .card__title").all_inner_texts() == ["Youth ambassadors"]
