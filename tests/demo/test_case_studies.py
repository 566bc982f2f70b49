"""The demo's case studies as a visitor reads them: a practice that several cities run has a case
study written for each city, and the home page's newest come from different practices."""

from collections import Counter

from django.core.cache import cache

from demo import knowledge
from demo.data import load
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


class TestTheDemoCaseStudies:
    def test_no_two_case_studies_share_a_title_a_summary_or_a_paragraph(self, demo_library):
        data = load("case_studies")
        case_studies = list(CaseStudyPage.objects.filter(locale__language_code="en"))
        bodies = [
            [block.value.source for block in case_study.body if block.block_type == "paragraph"]
            for case_study in case_studies
        ]

        assert len(case_studies) == sum(
            len(practice["cities"]) for practice in data["practices"] + data["pending"]
        )
        assert _repeated(case_study.title for case_study in case_studies) == []
        assert _repeated(case_study.summary for case_study in case_studies) == []
        assert all(bodies)
        assert _repeated(paragraph for body in bodies for paragraph in body) == []

    def test_the_home_pages_latest_three_are_three_different_practices(self, client, demo_library):
        cache.clear()

        latest = client.get("/en/").context["latest_case_studies"]

        practices = {link.url.rstrip("/").rsplit("/", 1)[-1] for link in latest}
        assert len(latest) == 3
        assert len(practices) == 3
