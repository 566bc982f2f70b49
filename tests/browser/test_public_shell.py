import pytest

from core.models import HomePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_home_page_passes_axe_in_two_languages(
    page, live_server, site_tree, assert_accessible, language
):
    page.goto(f"{live_server.url}/{language}/")

    assert page.locator("html").get_attribute("lang") == language
    home = HomePage.objects.get(locale__language_code=language)  # the demo's translation
    assert page.locator("h1").inner_text() == home.title
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_sign_in_page_passes_axe_in_two_languages(
    page, live_server, site_tree, assert_accessible, language
):
    page.goto(f"{live_server.url}/{language}/accounts/login/")

    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


def test_the_skip_link_is_the_first_stop_for_the_keyboard_and_moves_focus_to_main(
    page, live_server, site_tree
):
    page.goto(f"{live_server.url}/en/")

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_language_switcher_keeps_the_visitor_on_the_same_page(page, live_server, site_tree):
    page.goto(f"{live_server.url}/en/about/")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Svenska").click()

    assert page.url == f"{live_server.url}/sv/about/"
    assert page.locator("html").get_attribute("lang") == "sv"
