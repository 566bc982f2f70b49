"""The portal's own look in a real browser: every main page type in two languages, at desktop and
phone width, in the light and the dark colour scheme, photographed (the screenshots are written to
var/test-artifacts/screenshots/ for a person to look at) and scanned with axe; and what the look
promises and could break: the typeface served from the site, the header's search and Join, the
library's results first on a phone, the footer at the bottom of a short page, no other host."""

from urllib.parse import urlsplit

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret

from django.conf import settings
from django.utils import translation

from tests.browser.signing_in import sign_in
from tests.factories.accounts import UserFactory
from tests.factories.cities import member_city
from tests.factories.knowledge import case_study, knowledge_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = settings.VAR_DIR / "test-artifacts" / "screenshots"
LANGUAGES = ("en", "sv")
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def browser_page(browser):
    """One browser page for the module, with every host it asks for anything recorded."""
    context = browser.new_context()
    page = context.new_page()
    page.hosts = set()
    page.on("request", lambda request: page.hosts.add(urlsplit(request.url).netloc))
    yield page
    context.close()


@pytest.fixture
def visitor(browser_page):
    """The module's page for a visitor who is not signed in."""
    browser_page.context.clear_cookies()
    return browser_page


@pytest.fixture
def network(site_tree):
    """Two member cities, the library, and a case study in two focus areas."""
    knowledge_index()
    oslo = member_city("Oslo", population=717710)
    member_city("Stockholm")
    study = case_study(
        oslo,
        "Youth ambassadors",
        summary="Young people trained as peace ambassadors: youth for youth.",
        focus_areas=("strong-youth-engagement", "safe-communities"),
    )
    return {
        "home": "/{language}/",
        "cities": "/{language}/cities/",
        "city": "/{language}/cities/oslo/",
        "library": "/{language}/knowledge/",
        "case-study": "/{language}/cities/oslo/" + study.slug + "/",
        "sign-in": "/{language}/accounts/login/",
    }


def photograph(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def visit(page, url: str, *, width: str = "desktop", scheme: str = "light"):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    page.emulate_media(media="screen", color_scheme=scheme)
    response = page.goto(url)
    page.evaluate("document.fonts.ready.then(() => true)")
    return response


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_type_in_two_languages_and_two_widths_passes_axe_and_leaves_a_screenshot(
    visitor, live_server, network, assert_accessible, scheme
):
    for name, path in network.items():
        for language in LANGUAGES:
            for width in WIDTHS:
                response = visit(
                    visitor,
                    live_server.url + path.format(language=language),
                    width=width,
                    scheme=scheme,
                )

                assert response.status == 200, (name, language)
                photograph(visitor, f"{name}-{language}-{width}-{scheme}")
                assert_accessible(visitor)
    assert visitor.hosts == {urlsplit(live_server.url).netloc}


def test_the_typeface_is_served_by_the_site_and_used_for_the_text(visitor, live_server, site_tree):
    visit(visitor, f"{live_server.url}/is/")

    assert visitor.evaluate("document.fonts.check('16px Figtree', 'Þú ert velkomin')")
    loaded = visitor.evaluate(
        "[...document.fonts].filter((face) => face.status === 'loaded').map((face) => face.family)"
    )
    assert "Figtree" in loaded
    family = visitor.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith("Figtree")
    font = visitor.request.get(f"{live_server.url}/static/fonts/figtree-latin-400-normal.woff2")
    assert font.status == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_searches_the_site_and_leads_to_join_and_partners(
    visitor, live_server, network, language
):
    visit(visitor, f"{live_server.url}/{language}/knowledge/")
    with translation.override(language):
        search_name = translation.gettext("Site search")
        join_name = translation.gettext("Join the network")
        partners_name = translation.gettext("Partners")
    header = visitor.locator("header.site-header")

    header.get_by_role("link", name=join_name).click()
    visitor.wait_for_url(f"{live_server.url}/{language}/join/")
    header.get_by_role("link", name=partners_name, exact=True).click()
    visitor.wait_for_url(f"{live_server.url}/{language}/cities/partners/")
    header.get_by_role("search", name=search_name).get_by_role("searchbox").fill("youth")
    header.get_by_role("search", name=search_name).get_by_role("searchbox").press("Enter")
    visitor.wait_for_url(f"{live_server.url}/{language}/search/?q=youth")
    assert visitor.locator(".search-results li").count() >= 1


def test_on_a_phone_the_first_library_result_comes_before_the_filters_which_open_on_a_tap(
    visitor, live_server, network
):
    visit(visitor, f"{live_server.url}/en/knowledge/", width="phone")

    first = visitor.locator(".library-cards li").first.bounding_box()
    assert first["y"] < 900
    assert not visitor.get_by_role("button", name="Show results").is_visible()
    visitor.get_by_text("Filter and sort").click()
    assert visitor.get_by_role("button", name="Show results").is_visible()
    # On a wide screen they are open beside the results.
    visit(visitor, f"{live_server.url}/en/knowledge/")
    assert visitor.get_by_role("button", name="Show results").is_visible()


def test_the_footer_reaches_the_bottom_of_the_window_on_a_short_page(
    visitor, live_server, site_tree
):
    visitor.set_viewport_size({"width": 1280, "height": 1600})
    visitor.goto(f"{live_server.url}/en/accounts/login/")

    footer = visitor.locator("footer.site-footer").bounding_box()
    assert footer["y"] + footer["height"] == pytest.approx(1600, abs=1)


def test_the_sign_in_form_has_plain_labels_and_one_primary_button(visitor, live_server, site_tree):
    visit(visitor, f"{live_server.url}/en/accounts/login/")

    assert visitor.get_by_label("Remember me", exact=True).is_visible()
    assert visitor.get_by_role("textbox", name="Password", exact=True).is_visible()
    button = visitor.get_by_role("button", name="Sign in", exact=True)
    assert button.get_attribute("class") == "button"
    assert visitor.get_by_role("heading", level=1).inner_text() == "Sign in"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_account_pages_pass_axe_and_the_second_factor_offers_cancel_as_a_secondary_button(
    visitor, live_server, site_tree, assert_accessible, scheme
):
    secret = generate_totp_secret()
    person = UserFactory(totp_secret=secret)
    for name in ("signup", "password/reset"):
        visit(visitor, f"{live_server.url}/en/accounts/{name}/", scheme=scheme)
        photograph(visitor, f"{name.replace('/', '-')}-en-desktop-{scheme}")
        assert_accessible(visitor)

    def check(page):
        step = "second-factor" if "/2fa/" in page.url else "sign-in"
        photograph(page, f"{step}-en-desktop-{scheme}-step")
        assert_accessible(page)
        if step == "second-factor":
            cancel = page.get_by_role("button", name="Cancel")
            assert cancel.get_attribute("class") == "button button--secondary"

    sign_in(visitor, live_server.url, person.email, totp_secret=secret, check=check)
    visit(visitor, f"{live_server.url}/en/accounts/my-data/", scheme=scheme)
    photograph(visitor, f"my-data-en-desktop-{scheme}")
    assert_accessible(visitor)


def test_a_case_study_prints_without_the_site_chrome_and_with_the_addresses_of_its_links(
    visitor, live_server, network
):
    visit(visitor, live_server.url + network["case-study"].format(language="en"))
    visitor.emulate_media(media="print")

    assert not visitor.locator("header.site-header").is_visible()
    assert not visitor.locator("footer.site-footer").is_visible()
    assert visitor.get_by_role("heading", level=1).is_visible()
    city_link_after = visitor.evaluate(
        "getComputedStyle(document.querySelector('main a[href=\"/en/cities/oslo/\"]'), '::after')"
        ".content"
    )
    assert "/en/cities/oslo/" in city_link_after or "attr(href)" in city_link_after
