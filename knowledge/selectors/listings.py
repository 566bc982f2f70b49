"""Short lists of case studies shown on other apps' pages: the home page and a city's page."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, OuterRef, Subquery

from accounts.permissions import reader_audience
from cities.models import CityPage
from core import page_tree
from core.content_cache import content_cached, content_key, content_store
from knowledge.models import CaseStudyPage, LibraryEntry, ResourcePage, Visibility
from knowledge.selectors.public import public_case_studies


@dataclass(frozen=True)
class CaseStudyLink:
    title: str
    url: str
    summary: str
    city: str
    members_only: bool = False


def latest_case_studies(*, language: str, limit: int = 3) -> list[CaseStudyLink]:
    """The newest public case studies in a language tree. The same for every visitor, so kept in
    the cache until public content changes (``core.content_cache``): no query on a warm cache,
    two on a cold one (view restrictions, then the case studies with their city's title, which
    sorts every public case study of the tree by its publication date)."""
    key = content_key("latest-case-studies", language, limit)
    links = content_store.get(key)
    if links is None:
        city_title = CityPage.objects.filter(path=OuterRef("city_path")).values("title")[:1]
        pages = (
            public_case_studies(language=language)
            .annotate(city_title=Subquery(city_title))
            .order_by("-published_at", "-pk")[:limit]
        )
        links = [
            CaseStudyLink(page.title, page.url, page.summary, page.city_title) for page in pages
        ]
        content_store.set(key, links, timeout=None)
    return links


def city_case_studies(*, city_page: CityPage, user) -> list[CaseStudyLink]:
    """A city's live case studies in the page's language; members-only ones only for members of
    the network. They are the same for every visitor who may read as much (``readable_by``: a
    member of the network or not), so they are kept in the cache per city page and audience
    until public content changes (``core.content_cache``): no query on a warm cache, two on a
    cold one (view restrictions, then the case studies). The city's title and URL come from the
    page at hand, which a preview may have changed."""

    def build() -> list[tuple]:
        pages = (
            CaseStudyPage.objects.child_of(city_page)
            .live()
            .public()
            .defer_streamfields()
            .order_by("-first_published_at", "title")
            .readable_by(user)
        )
        return [
            (page.title, page.slug, page.summary, page.visibility == Visibility.MEMBERS)
            for page in pages
        ]

    rows = content_cached("city-case-study-rows", city_page.pk, reader_audience(user), build=build)
    base_url = city_page.url or ""
    return [
        CaseStudyLink(
            title, f"{base_url}{slug}/", summary, city_page.title, members_only=members_only
        )
        for title, slug, summary, members_only in rows
    ]


def event_outcomes(*, event, user, language: str) -> list[CaseStudyLink]:
    """The case studies and resources that came out of a meetup (their ``meetup`` is any copy of
    it), each in ``language`` where it has a copy and in the default language otherwise: the
    case studies the library lists and ``user`` may read, then the resources, each by title.

    Two queries (the case studies with their city's title, the resources), and the view
    restrictions' one where any page has a restriction."""
    languages = {language, settings.LANGUAGE_CODE}

    def pages(queryset):
        queryset = queryset.live().filter(
            meetup__translation_key=event.translation_key,
            locale__language_code__in=languages,
        )
        if page_tree.any_view_restriction():
            queryset = queryset.public()
        chosen = {}
        for page in (
            queryset.defer_streamfields()
            .annotate(language=F("locale__language_code"))
            .order_by("title", "pk")
        ):
            if page.translation_key not in chosen or page.language == language:
                chosen[page.translation_key] = page
        return sorted(chosen.values(), key=lambda page: (page.title.casefold(), page.pk))

    city_title = LibraryEntry.objects.filter(page=OuterRef("pk")).values("city_page__title")[:1]
    case_studies = pages(
        CaseStudyPage.objects.readable_by(user)
        .filter(pk__in=LibraryEntry.objects.filter(listed=True).values("page"))
        .annotate(city_title=Subquery(city_title))
    )
    return [
        CaseStudyLink(
            page.title,
            page.url,
            page.summary,
            page.city_title,
            members_only=page.visibility == Visibility.MEMBERS,
        )
        for page in case_studies
    ] + [
        CaseStudyLink(page.title, page.url, page.summary, "")
        for page in pages(ResourcePage.objects)
    ]
