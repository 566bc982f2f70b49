"""The portal's own error pages pass axe in a real browser, in the language of their address."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_404_page_passes_axe(page, live_server, site_tree, assert_accessible):
    response = page.goto(f"{live_server.url}/fi/no-such-page/")

    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "fi"
    assert_accessible(page)


@pytest.mark.urls("tests.core.failing_urls")
def test_the_500_page_passes_axe(page, live_server, site_tree, assert_accessible):
    response = page.goto(f"{live_server.url}/sv/test-failure/")

    assert response.status == 500
    assert page.locator("html").get_attribute("lang") == "sv"
    assert_accessible(page)
