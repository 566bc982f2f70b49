"""The header of a page is rendered once per address, language and content version for anonymous
visitors (templates/base.html), and never shown to anyone it was not made for."""

from core.models import StandardPage
from tests.factories.accounts import UserFactory, sign_in


def _header(response) -> str:
    html = response.content.decode()
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def test_a_signed_in_visitor_never_gets_the_header_made_for_anonymous_visitors(client, site_tree):
    anonymous = _header(client.get("/en/about/"))
    assert ">Sign in</a>" in anonymous

    sign_in(client, UserFactory(name="Ingrid"), second_factor=False)
    signed_in = _header(client.get("/en/about/"))
    assert "Sign out" in signed_in
    assert ">Sign in</a>" not in signed_in

    client.logout()
    assert _header(client.get("/en/about/")) == anonymous


def test_each_address_has_its_own_header(client, site_tree):
    about = _header(client.get("/en/about/"))
    about_with_query = _header(client.get("/en/about/?from=newsletter"))

    assert 'href="/en/about/" aria-current="page"' in about
    assert 'hreflang="sv" lang="sv"' in about
    assert 'href="http://testserver/sv/about/?from=newsletter"' in about_with_query


def test_a_menu_page_renamed_after_a_visit_shows_in_the_header_at_once(client, site_tree):
    about = StandardPage.objects.get(locale__language_code="en", slug="about")
    assert f">{about.title}</a>" in _header(client.get("/en/about/"))
    about.title = "Who we are"
    about.save_revision().publish()

    assert ">Who we are</a>" in _header(client.get("/en/about/"))
