"""Every public page of the demo, in each of the portal's languages, speaks the language of its
address in its main heading, its navigation and its footer, or says that its content is not
translated yet.

Without a language detector: a text under ``/<language>/`` that is the same as under ``/en/`` at
the same place is English, unless it is a proper name. An English main heading is allowed only on
a page that carries the untranslated-content note and marks the heading ``lang="en"``."""

import tempfile
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from cities.models import CityPage
from core.models import CANONICAL_LOCALE
from core.models.mixins import untranslated_content
from core.templatetags.chrome_tags import translation_urls
from knowledge.models import CaseStudyPage
from tests.demo.small_network import two_cities_of_demo_data
from tests.worlds import once_per_module

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
NOTE = (
    "This page is not translated into this language yet, so it is shown in the language it was"
    " written in."
)


def _build():
    """The demo network with two member cities, seeded as ``manage.py seed_demo`` does."""
    with tempfile.TemporaryDirectory() as directory, pytest.MonkeyPatch.context() as patch:
        two_cities_of_demo_data(Path(directory))
        patch.setattr("demo.data.DATA_DIR", Path(directory))
        call_command("seed_demo", stdout=StringIO())
    city = CityPage.objects.filter(**CANONICAL_LOCALE).order_by("path").first()
    case_study = CaseStudyPage.objects.live().child_of(city).order_by("path").first()
    translated = set(
        CaseStudyPage.objects.filter(
            translation_key=case_study.translation_key, alias_of__isnull=True
        ).values_list("locale__language_code", flat=True)
    )
    city_path = f"cities/{city.slug}/"
    return SimpleNamespace(
        paths=[
            "",
            "about/",
            "privacy/",
            "accessibility/",
            "charter/",
            "cities/",
            city_path,
            "knowledge/",
            f"{city_path}{case_study.slug}/",
            "events/",
            "newsletter/",
            "join/",
            "cities/partners/",
            "search/",
        ],
        case_study_path=f"{city_path}{case_study.slug}/",
        case_study_key=case_study.translation_key,
        case_study_languages=translated,
        # Proper names read the same in every language.
        proper_names={"Nordic Safe Cities", *CityPage.objects.values_list("title", flat=True)},
    )


world, world_built = once_per_module("world", _build)


def _chrome(client, url: str) -> SimpleNamespace:
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")
    heading = soup.find("main").find("h1")
    marked = heading if heading.has_attr("lang") else heading.find_parent(attrs={"lang": True})
    return SimpleNamespace(
        heading=heading.get_text(" ", strip=True),
        heading_language=marked["lang"],
        navigation=[link.get_text(strip=True) for link in soup.select("header .site-nav a")],
        footer=[
            element.get_text(" ", strip=True)
            for element in soup.select("footer p, footer nav a")
            if not element.get_text(strip=True).startswith("mailto:")
            and "@" not in element.get_text()
        ],
        note=soup.select_one(".untranslated-note"),
    )


def _english_left(english, local, proper_names: set[str]) -> list[str]:
    """The texts of ``local`` that are the English ones at the same place and no proper name;
    the main heading only where the page does not say it is untranslated."""
    same = [
        (place, text)
        for place, texts, english_texts in (
            ("navigation", local.navigation, english.navigation),
            ("footer", local.footer, english.footer),
        )
        for text, english_text in zip(texts, english_texts, strict=True)
        if text == english_text
    ]
    if local.heading == english.heading and not (
        local.note is not None and local.heading_language == settings.LANGUAGE_CODE
    ):
        same.append(("main heading", local.heading))
    return [f"{place}: {text!r}" for place, text in same if text not in proper_names]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_speaks_its_language_or_says_that_it_is_not_translated_yet(
    client, world, language
):
    english_left = {}
    for path in world.paths:
        english = _chrome(client, f"/en/{path}")
        local = _chrome(client, f"/{language}/{path}")
        assert local.navigation, path
        english_left[path] = _english_left(english, local, world.proper_names)

    assert {path: texts for path, texts in english_left.items() if texts} == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_shell_and_the_index_pages_are_translated_and_carry_no_note(client, world, language):
    for path in ("", "about/", "privacy/", "accessibility/", "charter/", "cities/", "knowledge/"):
        english = _chrome(client, f"/en/{path}")
        local = _chrome(client, f"/{language}/{path}")

        assert local.heading != english.heading, path
        assert local.heading_language == language, path
        assert local.note is None, path


def test_an_untranslated_case_study_shows_english_with_a_translated_note_and_its_languages(
    client, world
):
    language = next(code for code in LANGUAGES if code not in world.case_study_languages)
    english = _chrome(client, f"/en/{world.case_study_path}")

    local = _chrome(client, f"/{language}/{world.case_study_path}")

    assert local.heading == english.heading
    assert local.heading_language == "en"
    assert local.note["lang"] == language
    with translation.override(language):
        assert translation.gettext(NOTE) in local.note.get_text(" ", strip=True)
    links = {link["hreflang"]: link["href"] for link in local.note.find_all("a")}
    assert links == {
        code: f"/{code}/{world.case_study_path}" for code in world.case_study_languages
    }


def test_a_translated_case_study_carries_no_note(client, world):
    language = next(code for code in LANGUAGES if code in world.case_study_languages)

    local = _chrome(client, f"/{language}/{world.case_study_path}")

    assert local.note is None
    assert local.heading_language == language


def test_the_note_costs_one_query_of_its_own_cold_and_none_once_cached(
    rf, world, django_assert_num_queries
):
    language = next(code for code in LANGUAGES if code not in world.case_study_languages)
    page = CaseStudyPage.objects.get(
        translation_key=world.case_study_key, locale__language_code=language
    )
    request = rf.get(f"/{language}/{world.case_study_path}")

    with translation.override(language):
        translation_urls(page, request)  # read for the page's hreflang links before the note
        # The languages the page is written in, cached on the content version.
        with django_assert_num_queries(1):
            cold = untranslated_content(page=page, request=request)
        with django_assert_num_queries(0):
            warm = untranslated_content(page=page, request=request)

    assert cold == warm
    assert cold.language == "en"
    assert {version.code for version in cold.versions} == world.case_study_languages
