"""A case study written in its city's language: its translations say so and link to the original,
the original says nothing, and neither costs a query."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from knowledge.models import CaseStudyPage
from knowledge.services import case_study_create, case_study_translate
from tests.factories.cities import member_city
from tests.worlds import once_per_class

pytestmark = pytest.mark.django_db


def _written_in(city: str, language: str, title: str, translated_title: str) -> dict:
    """A case study of ``city`` written in ``language``: the English page (the source of the
    other language trees) and its copy in ``language``, translated."""
    english = case_study_create(
        city_page=member_city(city).city_page,
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary=f"What {title} does.",
        period_start=datetime.date(2022, 1, 1),
        focus_areas=["safe-communities"],
        original_language=language,
    )
    original = case_study_translate(
        case_study=english, language=language, title=translated_title, summary="…"
    )
    return {"english": english.url, "original": original.url, "language": language}


def _case_studies() -> dict:
    return {
        "nb": _written_in("Oslo", "nb", "Night walkers", "Nattevandrere"),
        "da": _written_in("Aarhus", "da", "Parent network", "Forældrenetværk"),
        "english": case_study_create(
            city_page=member_city("Helsinki").city_page,
            title="Street mediators",
            slug="street-mediators",
            summary="What street mediators do.",
            period_start=datetime.date(2022, 1, 1),
            focus_areas=["safe-communities"],
        ).url,
    }


case_studies, case_studies_built = once_per_class("case_studies", _case_studies)


def _note(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(".case-study__original")


class TestTheNoteOnATranslation:
    @pytest.mark.parametrize(("language", "name"), [("nb", "Norwegian Bokmål"), ("da", "Danish")])
    def test_the_english_copy_says_it_is_translated_and_links_to_the_original(
        self, client, case_studies, language, name
    ):
        case_study = case_studies[language]

        note = _note(client, case_study["english"])

        assert note is not None
        assert note.get_text(" ", strip=True) == f"Translated from {name}. Read the original"
        assert note["lang"] == "en"
        link = note.find("a")
        assert link["href"] == case_study["original"]
        assert link["hreflang"] == language
        assert link.get("lang") is None  # the link's text is in the visitor's language

    @pytest.mark.parametrize("language", ["nb", "da"])
    def test_the_original_shows_no_note(self, client, case_studies, language):
        assert _note(client, case_studies[language]["original"]) is None

    def test_a_case_study_written_in_english_shows_no_note(self, client, case_studies):
        assert _note(client, case_studies["english"]) is None

    def test_no_note_while_the_copy_in_the_original_language_is_an_alias(
        self, client, case_studies
    ):
        english = CaseStudyPage.objects.get(slug="street-mediators", locale__language_code="en")
        english.original_language = "fi"
        english.save_revision().publish()

        assert _note(client, english.url) is None

    def test_the_note_costs_no_query(self, client, case_studies):
        """A cold page with the note runs as many queries as one without it: the note reads the
        translations' URLs that the hreflang links read anyway."""

        def cold(url):
            client.get(url)
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            return len(queries)

        with_note = cold(case_studies["nb"]["english"])
        english = CaseStudyPage.objects.get(slug="night-walkers", locale__language_code="en")
        english.original_language = ""
        english.save_revision().publish()

        assert _note(client, english.url) is None
        assert cold(english.url) == with_note


class TestTheFieldInEveryLanguage:
    def test_the_original_language_is_a_synchronised_field_no_translation_overrides(self):
        (field,) = [
            field
            for field in get_translatable_fields(CaseStudyPage)
            if field.field_name == "original_language"
        ]

        assert isinstance(field, SynchronizedField)
        assert not field.is_overridable(CaseStudyPage())

    def test_every_copy_says_which_language_it_was_written_in(self, case_studies):
        copies = CaseStudyPage.objects.filter(slug="night-walkers")

        assert {copy.locale.language_code for copy in copies} == {
            "en",
            "da",
            "sv",
            "nb",
            "fi",
            "is",
        }
        assert {copy.original_language for copy in copies} == {"nb"}
