import pytest

from core.models import StandardPage
from core.services import page_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_page_not_translated_yet_says_so_in_finnish_and_passes_axe(
    page, live_server, site_tree, assert_accessible
):
    page_create(
        parent=site_tree,
        page=StandardPage(
            title="Annual report",
            slug="annual-report",
            introduction="What the network did this year.",
        ),
    )

    page.goto(f"{live_server.url}/fi/annual-report/")

    note = page.get_by_role("note")
    assert note.get_attribute("lang") == "fi"
    assert page.locator("article").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Annual report"
    note.get_by_role("link", name="English").click()
    assert page.url == f"{live_server.url}/en/annual-report/"
    assert page.get_by_role("note").count() == 0
    page.go_back()
    assert_accessible(page)
