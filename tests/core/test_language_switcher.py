"""The language switcher (and the hreflang links it shares its addresses with) keeps the visitor
on the same page in every language: the page's own address in that language (its translation, or
its alias where it has none yet), what the address adds to the page's own (a sub-route such as
/cities/partners/) and the query string (filters, search, page number, where to go after
signing in), on every public page type of the portal."""

import re
from types import SimpleNamespace

import pytest

from django.conf import settings

from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page

from core.models import StandardPage
from knowledge.services import case_study_translate
from newsletter.services import preferences_url
from tests.events.world import event, events_index
from tests.factories.cities import PartnerFactory, cities_index, member_city
from tests.factories.knowledge import case_study, knowledge_index
from tests.newsletter.world import confirmed, path_of
from tests.progress.world import charter_page
from tests.worlds import once_per_class

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# The pages the world translates, with slugs of their own in that language; every other page is
# the English alias in each language tree, at the English slug.
TRANSLATED_SLUGS = {
    "fi": {"about": "tietoa", "cities": "kaupungit", "night-walks": "yokavelyt"},
    "sv": {"knowledge": "kunskap"},
}
# One address of each public page type, in English, with what the visitor added to it.
PAGES = {
    "home": "/en/",
    "standard page": "/en/about/",
    "cities index, filtered": "/en/cities/?country=NO",
    "city": "/en/cities/oslo/",
    "partners": "/en/cities/partners/",
    "charter": "/en/charter/",
    "charter actions, filtered": "/en/charter/actions/?country=no&year=2026",
    "library, filtered, searched, page 2": (
        "/en/knowledge/?focus_area=safe-urban-space&country=NO&q=night+walks&page=2"
    ),
    "case study": "/en/cities/oslo/night-walks/",
    "events index, filtered": "/en/events/?format=in_person&page=2",
    "event": "/en/events/bergen-meetup/",
    "newsletter": "/en/newsletter/",
    "newsletter archive": "/en/newsletter/archive/",
    "join": "/en/join/",
    "site search": "/en/search/?q=night%20walks&page=2",
    "sign-in": "/en/accounts/login/?next=/en/knowledge/",
}
SWITCHER = re.compile(r'<nav class="language-switcher".*?</nav>', re.DOTALL)
SWITCHER_LINK = re.compile(r'<a href="([^"]*)" hreflang="([^"]*)"')
HREFLANG_LINK = re.compile(r'<link rel="alternate" hreflang="([^"]*)" href="([^"]*)"')


def address_in(address: str, code: str) -> str:
    """The English ``address`` as it reads in language ``code``: its language prefix and the
    slugs of the pages translated into that language."""
    path, mark, query = address.partition("?")
    slugs = TRANSLATED_SLUGS.get(code, {})
    segments = [slugs.get(segment, segment) for segment in path.strip("/").split("/")[1:]]
    return "/".join(["", code, *segments, ""]) + mark + query


def translate(page: Page, code: str, **fields) -> None:
    """Turn the page's alias in language ``code`` into a translation (as the first save of a
    translation in wagtail-localize does), give it ``fields`` and publish it."""
    copy = page.get_translation(Locale.objects.get(language_code=code))
    if copy.alias_of_id is not None:  # the demo shell translates some pages already
        ConvertAliasPageAction(copy).execute(skip_permission_checks=True)
    translation = Page.objects.get(pk=copy.pk).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()


def build_world() -> SimpleNamespace:
    oslo = member_city("Oslo")
    PartnerFactory(name="Fair Play Foundation", public_consent=True)
    night_walks = case_study(oslo, "Night walks", slug="night-walks")
    knowledge_index()
    charter_page()
    events_index()
    event("Bergen meetup")
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    translate(about, "fi", slug="tietoa", title="Tietoa verkostosta")
    translate(cities_index(), "fi", slug="kaupungit", title="Jäsenkaupungit")
    translate(knowledge_index(), "sv", slug="kunskap", title="Kunskap")
    case_study_translate(case_study=night_walks, language="fi", slug="yokavelyt", title="Yökävelyt")
    reader = confirmed("reader@example.org")
    return SimpleNamespace(preferences=path_of(preferences_url(reader)))


world, world_built = once_per_class("world", build_world)


def as_path(url: str) -> str:
    return url.replace("&amp;", "&").removeprefix("http://testserver")


def language_links(response) -> dict[str, str]:
    """The switcher's link for each language, as paths on the test server; the hreflang links
    in the page's head name the same."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    switcher = SWITCHER.search(html)[0]
    links = {code: as_path(url) for url, code in SWITCHER_LINK.findall(switcher)}
    assert {code: as_path(url) for code, url in HREFLANG_LINK.findall(html)} == links
    return links


class TestTheSwitcherKeepsThePageAndItsQuery:
    @pytest.mark.parametrize("language", ["en", "fi", "sv"])
    @pytest.mark.parametrize("address", PAGES.values(), ids=PAGES.keys())
    def test_on_every_page_type(self, client, world, address, language):
        links = language_links(client.get(address_in(address, language)))

        assert links == {code: address_in(address, code) for code in LANGUAGES}

    def test_on_a_newsletter_link_with_its_token(self, client, world):
        links = language_links(client.get(address_in(world.preferences, "fi")))

        assert links == {code: address_in(world.preferences, code) for code in LANGUAGES}
