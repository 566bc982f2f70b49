"""The demo's case studies as a visitor reads them: a practice that several cities run has a case
study written for each city, in the city's language first and in English, and the home page's
newest come from different practices."""

from collections import Counter

import pytest
import yaml

from django.core.cache import cache
from django.utils.html import escape

from cities.models import CityPage
from demo import knowledge
from demo.cities import COUNTRY_LANGUAGES
from demo.data import DemoDataError, load
from demo.management.commands.seed_demo import LOADERS
from knowledge.models import CaseStudyPage
from tests.worlds import once_per_class


def _demo_library() -> None:
    """The demo seeded up to its knowledge library (what the case studies need), once."""
    for loader in LOADERS[: LOADERS.index(knowledge) + 1]:
        loader.seed(scale=1, log=lambda text: None)


demo_library, demo_library_built = once_per_class("demo_library", _demo_library)


def _repeated(values) -> list:
    return [value for value, count in Counter(values).items() if count > 1]


def _paragraphs(case_study: CaseStudyPage) -> list[str]:
    return [block.value.source for block in case_study.body if block.block_type == "paragraph"]


def _written_in_their_citys_language() -> list[tuple[str, str, str, dict]]:
    """(practice key, city slug, language, text) of every published demo case study, from the
    data files."""
    countries = {city["slug"]: city["country"] for city in load("cities")["cities"]}
    originals = {}
    seeded = []
    for practice in load("case_studies")["practices"]:
        for entry in practice["cities"]:
            language = COUNTRY_LANGUAGES[countries[entry["city"]]]
            if language not in originals:
                originals[language] = load(f"case_studies_{language}")
            text = originals[language][practice["key"]][entry["city"]]
            seeded.append((practice["key"], entry["city"], language, text))
    return seeded


class TestTheDemoCaseStudies:
    def test_no_two_case_studies_share_a_title_a_summary_or_a_paragraph(self, demo_library):
        data = load("case_studies")
        case_studies = list(CaseStudyPage.objects.filter(locale__language_code="en"))
        bodies = [_paragraphs(case_study) for case_study in case_studies]

        assert len(case_studies) == sum(
            len(practice["cities"]) for practice in data["practices"] + data["pending"]
        )
        assert _repeated(case_study.title for case_study in case_studies) == []
        assert _repeated(case_study.summary for case_study in case_studies) == []
        assert all(bodies)
        assert _repeated(paragraph for body in bodies for paragraph in body) == []

    def test_nor_do_two_in_the_same_city_language(self, demo_library):
        written = CaseStudyPage.objects.exclude(locale__language_code="en").filter(
            alias_of__isnull=True
        )
        by_language = {}
        for case_study in written.select_related("locale"):
            by_language.setdefault(case_study.locale.language_code, []).append(case_study)

        assert set(by_language) == {"da", "fi", "is", "nb", "sv"}
        for case_studies in by_language.values():
            assert _repeated(case_study.title for case_study in case_studies) == []
            assert _repeated(case_study.summary for case_study in case_studies) == []
            assert (
                _repeated(
                    paragraph
                    for case_study in case_studies
                    for paragraph in _paragraphs(case_study)
                )
                == []
            )

    def test_every_case_study_is_written_in_its_citys_language_and_translated_into_english(
        self, demo_library
    ):
        seeded = _written_in_their_citys_language()
        for key, city, language, text in seeded:
            english = CaseStudyPage.objects.get(
                slug=key, locale__language_code="en", path__startswith=_city_path(city)
            )
            original = CaseStudyPage.objects.get(
                translation_key=english.translation_key, locale__language_code=language
            )
            blocks = {block.block_type: block.value for block in original.body}

            assert english.original_language == language, (key, city)
            assert original.original_language == language, (key, city)
            assert original.alias_of_id is None and original.live, (key, city)
            assert original.title == text["title"], (key, city)
            assert original.summary == text["summary"], (key, city)
            assert _paragraphs(original) == [
                f"<p>{escape(paragraph)}</p>" for paragraph in text["paragraphs"]
            ], (key, city)
            assert [
                {"label": fact["label"], "value": fact["value"]}
                for fact in blocks.get("key_facts", [])
            ] == text.get("key_facts", []), (key, city)
            if "results" in text:
                assert blocks["results"].source == f"<p>{escape(text['results'])}</p>"
            assert original.title != english.title, (key, city)
        assert (
            len(seeded)
            == CaseStudyPage.objects.filter(locale__language_code="en", live=True).count()
        )

    def test_a_case_study_awaiting_approval_is_in_english_only(self, demo_library):
        for practice in load("case_studies")["pending"]:
            english = CaseStudyPage.objects.get(slug=practice["key"], locale__language_code="en")

            assert english.original_language == ""
            assert not CaseStudyPage.objects.filter(
                translation_key=english.translation_key, alias_of__isnull=True
            ).exclude(pk=english.pk)

    def test_the_home_pages_latest_three_are_three_different_practices(self, client, demo_library):
        cache.clear()

        latest = client.get("/en/").context["latest_case_studies"]

        practices = {link.url.rstrip("/").rsplit("/", 1)[-1] for link in latest}
        assert len(latest) == 3
        assert len(practices) == 3


def _city_path(slug: str) -> str:
    return CityPage.objects.get(slug=slug, locale__language_code="en").path


ENGLISH = {
    "key": "night-walkers",
    "cities": [
        {
            "city": "oslo",
            "paragraphs": ["One.", "Two."],
            "key_facts": [{"label": "A", "value": "1"}],
        }
    ],
}
ORIGINAL = {"title": "Nattevandrere", "summary": "Foreldre går.", "paragraphs": ["En.", "To."]}


class TestMissingOriginalsStopTheSeeding:
    """A case study to seed with no text in its city's language stops the seeding, naming the
    practice and the city, before any page is made."""

    def _originals(self, tmp_path, monkeypatch, originals=None):
        if originals is not None:
            (tmp_path / "case_studies_nb.yaml").write_text(
                yaml.safe_dump(originals, allow_unicode=True), encoding="utf-8"
            )
        monkeypatch.setattr("demo.data.DATA_DIR", tmp_path)
        return knowledge._originals(
            [ENGLISH], cities={"oslo": object()}, contacts={"oslo": {"country": "NO"}}
        )

    def test_the_text_in_the_citys_language_is_read(self, tmp_path, monkeypatch):
        original = {**ORIGINAL, "key_facts": [{"label": "A", "value": "1"}]}

        originals = self._originals(tmp_path, monkeypatch, {"night-walkers": {"oslo": original}})

        assert originals == {("night-walkers", "oslo"): ("nb", original)}

    def test_a_missing_file(self, tmp_path, monkeypatch):
        with pytest.raises(DemoDataError, match=r"case_studies_nb\.yaml → night-walkers → oslo"):
            self._originals(tmp_path, monkeypatch)

    def test_a_missing_case_study(self, tmp_path, monkeypatch):
        with pytest.raises(DemoDataError, match="night-walkers → oslo: missing"):
            self._originals(tmp_path, monkeypatch, {"night-walkers": {"bergen": ORIGINAL}})

    def test_a_paragraph_too_few(self, tmp_path, monkeypatch):
        original = {**ORIGINAL, "paragraphs": ["En."], "key_facts": [{"label": "A", "value": "1"}]}

        with pytest.raises(DemoDataError, match="oslo: 1 paragraphs, the English has 2"):
            self._originals(tmp_path, monkeypatch, {"night-walkers": {"oslo": original}})

    def test_key_facts_the_english_has(self, tmp_path, monkeypatch):
        with pytest.raises(DemoDataError, match="oslo: 0 key facts, the English has 1"):
            self._originals(tmp_path, monkeypatch, {"night-walkers": {"oslo": ORIGINAL}})
