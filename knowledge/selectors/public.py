"""What of the library may leave the site and show on other apps' pages: live case studies open
to everyone (not members-only), written by cities that are active members, in public parts of
the tree. ``public_case_studies`` is the one definition of that: the feeds and the public API
(``outward``) and the home page's latest case studies all start from it."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, Length, Substr

from wagtail.models import Page

from cities.models import CityPage
from cities.selectors import active_city_keys
from knowledge.models import CaseStudyPage


def public_case_studies(*, language: str | None = None, country: str = "", city: str = ""):
    """Live, public case studies of active member cities, in one language tree (or all of them
    with ``language=None``), optionally of one country (code) or city (slug).

    A lazy queryset annotated with its city's slug and country code, and with ``published_at``
    and ``updated_at``: an alias in another language tree has no publication dates of its own and
    takes its original's. Building it runs one query (the view restrictions behind ``public()``,
    which also hides case studies below a restricted city). The city must be live and its
    membership active."""
    member_cities = CityPage.objects.live().filter(translation_key__in=active_city_keys())
    if country:
        member_cities = member_cities.filter(country__code=country.upper())
    if city:
        member_cities = member_cities.filter(slug=city)
    city_of_case_study = CityPage.objects.filter(path=OuterRef("city_path"))
    case_studies = (
        CaseStudyPage.objects.live()
        .public()
        .readable_by(AnonymousUser())
        # A case study is a child of its city page: its path less the last step.
        .annotate(city_path=Substr("path", 1, Length("path") - Page.steplen))
        .filter(city_path__in=member_cities.values("path"))
        .annotate(
            city_slug=Subquery(city_of_case_study.values("slug")[:1]),
            country_code=Subquery(city_of_case_study.values("country__code")[:1]),
            published_at=Coalesce("first_published_at", "alias_of__first_published_at"),
            updated_at=Coalesce("last_published_at", "alias_of__last_published_at"),
        )
        .defer_streamfields()
    )
    if language is not None:
        case_studies = case_studies.filter(locale__language_code=language)
    return case_studies
