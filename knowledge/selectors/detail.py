"""One case study or resource: everything its page shows beside its own fields.

``case_study_detail`` is cached per page, language and audience until public content changes
(``core.content_cache``): no query on a warm cache. On a cold one it runs a fixed number of queries
whatever the data: the city (1), the page's focus areas and their names in the active language (2),
its target groups (1), partners (1), the cities that adopted it (2, or none when there are none),
the view restrictions (1), the related case studies of other cities (1), the city's other practices
(1), and the hero image's rendition with the image (1, when the page has one: ``core.selectors.
hero_image``). Images in the body always have their renditions fetched together (2, when it has
any). Previews are never cached.

``case_study_original``: the copy in the language the case study was written in, for the note on
its translations; no query (the language switcher's cached URLs).

``resource_detail``: the documents with their files (1) and the focus areas (2). The page's cover
is its hero image, which ``ResourcePage.get_context`` reads as every page type does.
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import (
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Length, Substr
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model
from wagtail.models import Page

from accounts.permissions import reader_audience
from charter.selectors import AreaName, focus_area_list
from cities.models import CityPage
from core.content_cache import content_key, content_store
from core.selectors import BODY_IMAGE_RENDITION, HeroImage, Link, hero_image
from core.services import absolute_url
from core.templatetags.chrome_tags import written_translation_urls
from knowledge.models import CaseStudyPage, ResourcePage, Visibility
from knowledge.selectors.listings import CaseStudyLink

RELATED_LIMIT = 4
DETAIL_CACHE_TIMEOUT = 24 * 3600
PUBLISHER_NAME = "Nordic Safe Cities"
# Open Graph wants a territory with the language.
OPEN_GRAPH_LOCALES = {
    "en": "en_GB",
    "da": "da_DK",
    "sv": "sv_SE",
    "nb": "nb_NO",
    "fi": "fi_FI",
    "is": "is_IS",
}
# The note on a translated case study, one sentence per language it was written in: most of the
# portal's languages inflect a language's name after "from".
TRANSLATED_FROM = {
    "en": _("Translated from English."),
    "da": _("Translated from Danish."),
    "sv": _("Translated from Swedish."),
    "nb": _("Translated from Norwegian Bokmål."),
    "fi": _("Translated from Finnish."),
    "is": _("Translated from Icelandic."),
}
# As django.utils.html.json_script: nothing in the JSON can close the script element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class CityLink:
    """A city's page in the case study's language, with its country."""

    title: str
    url: str
    country_name: str


@dataclass(frozen=True)
class OpenGraph:
    title: str
    description: str
    url: str
    locale: str
    image_url: str


@dataclass(frozen=True)
class CaseStudyDetail:
    city: CityLink | None
    hero_image: HeroImage | None
    # Names in the active language, as the target groups'.
    focus_areas: list[str]
    target_groups: list[str]
    # The partners who consented to be named, with their website (which may be "").
    partners: list[Link]
    adopted_by: list[CityLink]
    related: list[CaseStudyLink]
    city_practices: list[CaseStudyLink]
    open_graph: OpenGraph
    json_ld: SafeString


@dataclass(frozen=True)
class OriginalVersion:
    """A case study's copy in the language its city wrote it in."""

    language: str
    # "Translated from …", in the visitor's language.
    translated_from: str
    url: str


def case_study_original(*, case_study: CaseStudyPage, request) -> OriginalVersion | None:
    """The original of the case study that the visitor reads in another language: None on the
    original itself, for a case study written in English (``original_language`` blank), and
    while the copy in the original's language is not written (an alias, which shows another
    language). No query: the translations' URLs are the ones the page's hreflang links and
    language switcher read, cached on the content version (``written_translation_urls``)."""
    language = case_study.original_language
    if not language or language == get_language() or not case_study.pk:
        return None
    url = written_translation_urls(case_study, request).get(language)
    if url is None:
        return None
    return OriginalVersion(language, str(TRANSLATED_FROM[language]), url)


def case_study_detail(*, case_study: CaseStudyPage, user) -> CaseStudyDetail:
    """What the case study's page shows beyond its own fields, for ``user`` (members-only case
    studies are listed to members of the network only). Works on previews too: the page's
    relations are then the editor's, in memory, and nothing is cached."""
    language = get_language() or settings.LANGUAGE_CODE
    _prefetch_body_renditions(case_study)
    return _cached_detail(
        case_study,
        "case-study-detail",
        language,
        reader_audience(user),
        build=lambda: _case_study_detail(case_study, language, user),
    )


def _cached_detail(page, name: str, *parts, build):
    """``build()``, kept for a day under the content version, the page and ``parts``; for a
    preview, built and never kept. A hero image whose rendition is still being made is shown
    once it is there, not a day later: the detail is kept only once the rendition exists."""
    if not _is_stored_version(page):
        return build()
    key = content_key(name, page.pk, *parts)
    detail = content_store.get(key)
    if detail is None:
        detail = build()
        if detail.hero_image is not None or page.hero_image_id is None:
            content_store.set(key, detail, timeout=DETAIL_CACHE_TIMEOUT)
    return detail


def _is_stored_version(page: CaseStudyPage | ResourcePage) -> bool:
    """The page as stored, not a preview: a preview carries its relations in memory."""
    return bool(page.pk) and not getattr(page, "_cluster_related_objects", None)


def _case_study_detail(case_study: CaseStudyPage, language: str, user):
    city_page = (
        CityPage.objects.select_related("country")
        .filter(path=case_study.path[: -Page.steplen], depth=case_study.depth - 1)
        .first()
        if case_study.path
        else None
    )
    areas = list(case_study.focus_areas.all())
    focus_areas = _focus_area_names(areas, language)
    target_groups = list(case_study.target_groups.all())
    partners = [
        Link(partner.name, partner.website)
        for partner in case_study.partners.all()
        if partner.public_consent
    ]
    adopted_by = _adopting_cities(case_study)
    private = CaseStudyPage.objects.private_q()
    related = _related(case_study, city_page, areas, target_groups, private, user)
    city_practices = _city_practices(case_study, city_page, private, user)
    hero = hero_image(page=case_study)
    city = _city_link(city_page) if city_page is not None else None
    page_url = absolute_url(case_study.get_url() or "/") if case_study.pk else ""
    image_url = absolute_url(hero.url) if hero else ""
    return CaseStudyDetail(
        city=city,
        hero_image=hero,
        focus_areas=focus_areas,
        target_groups=[str(group.name) for group in target_groups],
        partners=partners,
        adopted_by=adopted_by,
        related=related,
        city_practices=city_practices,
        open_graph=OpenGraph(
            title=case_study.title,
            description=case_study.summary,
            url=page_url,
            locale=OPEN_GRAPH_LOCALES.get(language, OPEN_GRAPH_LOCALES["en"]),
            image_url=image_url,
        ),
        json_ld=_json_ld(case_study, city, focus_areas, language, page_url, image_url),
    )


def _focus_area_names(areas, language: str) -> list[str]:
    """The page's focus areas (tagged with the English rows) by their names in ``language``."""
    keys = {area.translation_key for area in areas}
    return [
        AreaName(area.name, area.slug)
        for area in focus_area_list(language=language)
        if area.translation_key in keys
    ]


def _adopting_cities(case_study: CaseStudyPage) -> list[CityLink]:
    """The other cities that took the practice up, as their pages in the case study's language."""
    keys = [city.translation_key for city in case_study.adopted_by.all()]
    if not keys:
        return []
    pages = (
        CityPage.objects.live()
        .filter(translation_key__in=keys, locale_id=case_study.locale_id)
        .select_related("country")
        .order_by("title")
    )
    return [_city_link(page) for page in pages]


def _city_link(city_page: CityPage) -> CityLink:
    """The city page's link; its country was fetched with it."""
    return CityLink(city_page.title, city_page.get_url() or "", str(city_page.country.name))


def _published_case_studies(case_study: CaseStudyPage, private, user):
    """Live case studies in the page's language tree that ``case_study`` may list, each with the
    title of its city (the parent page) as ``city_title``."""
    parent = Page.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    )
    queryset = (
        CaseStudyPage.objects.live()
        .filter(locale_id=case_study.locale_id)
        .exclude(private)
        .annotate(city_title=Subquery(parent.values("title")[:1]))
        .only("title", "summary", "visibility", "url_path", "path", "depth")
    )
    if case_study.pk:
        queryset = queryset.exclude(pk=case_study.pk)
    return queryset.readable_by(user)


def _cards(pages) -> list[CaseStudyLink]:
    return [
        CaseStudyLink(
            title=page.title,
            url=page.get_url() or "",
            summary=page.summary,
            city=page.city_title or "",
            members_only=page.visibility == Visibility.MEMBERS,
        )
        for page in pages
    ]


def _related(case_study, city_page, areas, target_groups, private, user):
    """Case studies of other cities ranked by how many focus areas and target groups they share
    with this one (focus areas first, then the newest)."""
    area_ids = [area.pk for area in areas]
    group_ids = [group.pk for group in target_groups]
    queryset = _published_case_studies(case_study, private, user)
    if city_page is not None:
        queryset = queryset.exclude(path__startswith=city_page.path)
    queryset = (
        queryset.annotate(
            shared_areas=Count("focus_areas", filter=Q(focus_areas__in=area_ids), distinct=True),
            shared_groups=Count(
                "target_groups", filter=Q(target_groups__in=group_ids), distinct=True
            ),
        )
        .annotate(overlap=F("shared_areas") + F("shared_groups"))
        .filter(overlap__gt=0)
        .order_by("-overlap", "-shared_areas", "-first_published_at", "pk")
    )
    return _cards(queryset[:RELATED_LIMIT])


def _city_practices(case_study, city_page, private, user) -> list[CaseStudyLink]:
    """The city's other case studies, newest first."""
    if city_page is None:
        return []
    queryset = (
        _published_case_studies(case_study, private, user)
        .child_of(city_page)
        .order_by("-first_published_at", "pk")
    )
    return _cards(queryset[:RELATED_LIMIT])


def _prefetch_body_renditions(case_study: CaseStudyPage) -> None:
    """Fetch the renditions of every image in the body at once, instead of one by one as the
    blocks render (the images themselves come in one query when the body is read)."""
    images = [
        block.value["image"]
        for block in case_study.body
        if block.block_type == "image" and block.value["image"] is not None
    ]
    if images:
        renditions = get_image_model().get_rendition_model().objects
        prefetch_related_objects(
            images,
            Prefetch("renditions", queryset=renditions.filter(filter_spec=BODY_IMAGE_RENDITION)),
        )


def _json_ld(case_study, city, focus_areas, language, page_url, image_url) -> SafeString:
    """schema.org metadata as the body of a ``<script type="application/ld+json">``, escaped as
    ``json_script`` escapes: the editors' text cannot end the script element."""
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "name": case_study.title,
        "headline": case_study.title[:110],
        "description": case_study.summary,
        "inLanguage": language,
        "url": page_url,
        "datePublished": case_study.first_published_at,
        "dateModified": case_study.last_published_at,
        "image": image_url,
        "about": [{"@type": "Thing", "name": name} for name in focus_areas],
        "author": (
            {"@type": "GovernmentOrganization", "name": city.title, "url": absolute_url(city.url)}
            if city is not None
            else None
        ),
        "publisher": {
            "@type": "Organization",
            "name": PUBLISHER_NAME,
            "url": absolute_url(f"/{language}/"),
        },
        "isAccessibleForFree": True,
    }
    data = {key: value for key, value in data.items() if value not in (None, "", [])}
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder).translate(_JSON_SCRIPT_ESCAPES))


@dataclass(frozen=True)
class DocumentEntry:
    title: str
    url: str
    language_code: str
    language_name: str
    extension: str
    file_size: int | None


@dataclass(frozen=True)
class ResourceDetail:
    documents: list[DocumentEntry]
    focus_areas: list[str]
    hero_image: HeroImage | None = None


def resource_detail(*, resource: ResourcePage) -> ResourceDetail:
    """A resource's documents (with their files), its focus areas in the active language and its
    hero image: the same for every visitor, so cached per language as the case study's detail
    is (no query; cold, four: the documents, the focus areas, their names, the hero's
    rendition). A preview carries its relations in memory, and nothing is cached."""
    language = get_language() or settings.LANGUAGE_CODE
    return _cached_detail(
        resource, "resource-detail", language, build=lambda: _resource_detail(resource, language)
    )


def _resource_detail(resource: ResourcePage, language: str) -> ResourceDetail:
    names = dict(settings.LANGUAGES)
    rows = resource.documents.all()
    if isinstance(rows, QuerySet):
        rows = rows.select_related("document")
    documents = [
        DocumentEntry(
            title=row.document.title,
            url=row.document.url,
            language_code=row.language,
            language_name=names.get(row.language, row.language),
            extension=row.document.file_extension.upper(),
            file_size=row.document.file_size,
        )
        for row in rows
    ]
    return ResourceDetail(
        documents=documents,
        focus_areas=_focus_area_names(resource.focus_areas.all(), language),
        hero_image=hero_image(page=resource),
    )
