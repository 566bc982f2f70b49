"""``/api/``: the read-only public JSON API, on django-ninja.

The operations parse their parameters into typed schemas, call one selector
(``outward.selectors.channels``) and return its records; the output schemas below list every
field that leaves, and nothing else. Errors are JSON too: 400 for a bad parameter, 404 for what
is not there or not public. ninja serves the OpenAPI schema (``/api/openapi.json``) and the
browsable docs (``/api/docs``) from the same declarations.
"""

import datetime
from typing import Annotated, Literal

from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import ValidationError
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer
from ninja.responses import Status
from pydantic import AfterValidator, BeforeValidator, StringConstraints

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from events.models import Audience, EventFormat
from events.selectors import event_entries
from knowledge.models import CaseStudyStatus, EvidenceLevel
from outward.selectors.channels import (
    API_PAGE_SIZE,
    api_case_study_get,
    api_case_study_list,
    api_city_get,
    api_city_list,
    content_language,
)

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
UNKNOWN_LANGUAGE = "Unknown language: use one of " + ", ".join(LANGUAGE_CODES)
BAD_PAGE = "The page must be a whole number from 1."
# What a parameter's validation error says, by the parameter's name; any other parameter gets
# pydantic's own words (never the value itself, which may be anything).
PARAMETER_ERRORS = {"lang": UNKNOWN_LANGUAGE, "page": BAD_PAGE}
# The ``id`` path converter (core/converters.py) takes 1 to 18 digits: larger ids are a 404
# before they reach the database.
LARGEST_ID = 10**18 - 1


class PublicJSONRenderer(JSONRenderer):
    """Non-ASCII text as UTF-8, not ``\\u`` escapes, as the API always answered."""

    json_dumps_params = {"ensure_ascii": False}


class PublicApi(NinjaAPI):
    def get_content_type(self) -> str:
        # JSON has no charset parameter (RFC 8259: it is UTF-8); the API has always answered a
        # bare ``application/json``, and consumers that compare the header keep working.
        return self.renderer.media_type


class PortalSwagger(Swagger):
    """ninja's Swagger UI, from ninja's own static files ("ninja" in INSTALLED_APPS), never a
    CDN: the portal's page (``templates/outward/api_docs.html``) adds a language, a main
    landmark and a contrast stylesheet to ninja's.

    Why no nonce and no per-view CSP override: the page runs no inline script (its settings are
    a JSON data block, which the browser never executes, read by ninja's swagger-ui-init.js)
    and no inline style, and Swagger UI sets styles through the DOM, which style-src does not
    govern. So the portal's strict policy applies unchanged (the browser test checks that no
    violation is reported). Without deep links no link sits inside an operation's button (axe:
    nested-interactive); without a validator URL nothing is fetched from validator.swagger.io.
    """

    template = "outward/api_docs.html"


api = PublicApi(
    title="Nordic Safe Cities API",
    version="1",
    description=(
        "Read-only public data of the Nordic Safe Cities network: its active member cities and "
        "their published, public case studies. No sign-in; only public fields."
    ),
    urls_namespace="api",
    renderer=PublicJSONRenderer(),
    docs=PortalSwagger(
        settings={"deepLinking": False, "validatorUrl": None, "defaultModelsExpandDepth": 0}
    ),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


# --- Parameters --------------------------------------------------------------------------------

# Empty or absent is the default language; anything but a portal language fails validation.
Language = Annotated[Literal[LANGUAGE_CODES], BeforeValidator(content_language)]


def _without_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("a NUL character is not allowed")
    return value


# A filter value: as long as a slug may be, and without NUL (PostgreSQL cannot compare it).
FilterText = Annotated[str, StringConstraints(max_length=255), AfterValidator(_without_nul)]


class LanguageQuery(Schema):
    lang: Language = Field(
        settings.LANGUAGE_CODE,
        description="The language tree to read: the URLs and names are in this language.",
    )


class CaseStudyQuery(LanguageQuery):
    focus_area: FilterText = Field("", description="Only this focus area (its slug).")
    country: FilterText = Field("", description="Only case studies of this country (ISO code).")
    city: FilterText = Field("", description="Only case studies of this member city (its slug).")
    page: int = Field(1, ge=1, description=f"The page of results, {API_PAGE_SIZE} at a time.")


# --- Output ------------------------------------------------------------------------------------


class City(Schema):
    """An active member city of the network."""

    name: str = Field(description="The city's name.")
    slug: str = Field(description="The city's slug: its address in the API and on the site.")
    country: str = Field(description="The country's ISO 3166-1 alpha-2 code.")
    latitude: float | None = Field(description="Latitude in degrees (WGS 84).")
    longitude: float | None = Field(description="Longitude in degrees (WGS 84).")
    population: int | None = Field(description="Number of inhabitants.")
    website: str = Field(description="The city's own website; empty if none is given.")
    url: str = Field(description="The city's page on the portal, in the language asked for.")
    member_since: datetime.date | None = Field(description="When the city joined the network.")


class CityList(Schema):
    count: int = Field(description="How many cities there are.")
    results: list[City] = Field(description="Every active member city, by name.")


class CaseStudy(Schema):
    """A published, public case study of an active member city."""

    id: int = Field(description="The case study's id in its language tree.")
    title: str = Field(description="The title.")
    slug: str = Field(description="The case study's slug on the site.")
    url: str = Field(description="The case study's page on the portal.")
    language: str = Field(description="The language code of this copy.")
    summary: str = Field(description="A short summary, as plain text.")
    city: str = Field(description="The slug of the city that runs it.")
    country: str = Field(description="The city's country (ISO 3166-1 alpha-2 code).")
    focus_areas: list[str] = Field(description="The Charter focus areas it serves (slugs).")
    target_groups: list[str] = Field(description="Whom it is for (codes).")
    status: str = Field(
        description="Where the initiative stands (not its publication: only published ones leave).",
        json_schema_extra={"enum": CaseStudyStatus.values},
    )
    evidence_level: str = Field(
        description="How well its effect is known.",
        json_schema_extra={"enum": EvidenceLevel.values},
    )
    period_start: datetime.date = Field(description="When the initiative began.")
    period_end: datetime.date | None = Field(description="When it ended; null while it runs.")
    first_published_at: datetime.datetime | None = Field(
        description="When it was first published on the portal (UTC)."
    )


class CaseStudyList(Schema):
    count: int = Field(description="How many case studies match, over all pages.")
    next: str | None = Field(description="The URL of the next page; null on the last.")
    previous: str | None = Field(description="The URL of the previous page; null on the first.")
    results: list[CaseStudy] = Field(description="This page's case studies, newest first.")


class EventQuery(LanguageQuery):
    when: Literal["upcoming", "past", "all"] = Field(
        "upcoming",
        description="Meetups that have not ended (soonest first), that have ended "
        "(latest first), or all of them (soonest first).",
    )


class Event(Schema):
    """A Nordic meetup of the network: its public facts (never its online link)."""

    title: str = Field(description="The title.")
    url: str = Field(description="The meetup's page on the portal, in the language asked for.")
    summary: str = Field(description="A short introduction, as plain text.")
    starts_at: datetime.datetime = Field(description="When it starts (UTC).")
    ends_at: datetime.datetime = Field(description="When it ends (UTC).")
    time_zone: str = Field(description="The time zone it is held in (IANA name).")
    format: str = Field(
        description="In person or online.", json_schema_extra={"enum": EventFormat.values}
    )
    city: str = Field(description="The slug of the host city; empty for an online meetup.")
    country: str = Field(description="The host city's country (ISO code); empty when online.")
    audience: str = Field(
        description="Who may register: members of the network only, or the public.",
        json_schema_extra={"enum": Audience.values},
    )
    cancelled: bool = Field(description="Whether it is called off.")
    focus_areas: list[str] = Field(description="The Charter focus areas it is about (slugs).")


class EventList(Schema):
    count: int = Field(description="How many meetups there are.")
    results: list[Event] = Field(description="The meetups.")


class Error(Schema):
    error: str = Field(description="What went wrong, in words.")


# --- Operations --------------------------------------------------------------------------------


@api.exception_handler(ValidationError)
def invalid_parameter(request: HttpRequest, exc: ValidationError):
    """ninja's 422 for a parameter that fails its type: a 400 that names the parameter."""
    first = exc.errors[0]
    name = str(first["loc"][-1])
    message = PARAMETER_ERRORS.get(name, f"Invalid value for {name}: {first['msg']}.")
    return api.create_response(request, {"error": message}, status=400)


def _page_url(request: HttpRequest, number: int | None) -> str | None:
    if number is None:
        return None
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@api.get(
    "/cities/",
    response={200: CityList, 400: Error},
    url_name="city_list",
    operation_id="city_list",
    summary="Member cities",
    tags=["cities"],
)
def city_list(request: HttpRequest, query: Query[LanguageQuery]):
    """Every active member city, by name."""
    cities = api_city_list(language=query.lang, request=request)
    return {"count": len(cities), "results": cities}


@api.get(
    "/cities/{slug:slug}/",
    response={200: City, 400: Error, 404: Error},
    url_name="city_detail",
    operation_id="city_detail",
    summary="One member city",
    tags=["cities"],
)
def city_detail(
    request: HttpRequest,
    slug: Annotated[str, Path(description="The city's slug.")],
    query: Query[LanguageQuery],
):
    """One active member city by its slug; 404 for a former or unknown member."""
    city = api_city_get(slug=slug, language=query.lang, request=request)
    if city is None:
        return Status(404, {"error": "No active member city with that slug."})
    return city


@api.get(
    "/case-studies/",
    response={200: CaseStudyList, 400: Error, 404: Error},
    url_name="case_study_list",
    operation_id="case_study_list",
    summary="Case studies",
    tags=["case studies"],
)
def case_study_list(request: HttpRequest, query: Query[CaseStudyQuery]):
    """Published, public case studies of active member cities, newest first, filtered by focus
    area, country and city; 404 past the last page."""
    results = api_case_study_list(
        language=query.lang,
        focus_area=query.focus_area,
        country=query.country,
        city=query.city,
        page=query.page,
        request=request,
    )
    if results is None:
        return Status(404, {"error": "There is no such page."})
    return {
        "count": results.count,
        "next": _page_url(request, results.next_page),
        "previous": _page_url(request, results.previous_page),
        "results": results.results,
    }


@api.get(
    "/case-studies/{id:pk}/",
    response={200: CaseStudy, 404: Error},
    url_name="case_study_detail",
    operation_id="case_study_detail",
    summary="One case study",
    tags=["case studies"],
)
def case_study_detail(
    request: HttpRequest,
    pk: Annotated[int, Path(le=LARGEST_ID, description="The case study's id.")],
):
    """One public case study by its id, in whichever language tree it is; 404 for a draft, a
    members-only or an unknown one."""
    case_study = api_case_study_get(pk=pk, request=request)
    if case_study is None:
        return Status(404, {"error": "No public case study with that id."})
    return case_study


@api.get(
    "/events/",
    response={200: EventList, 400: Error},
    url_name="event_list",
    operation_id="event_list",
    summary="Meetups",
    tags=["meetups"],
)
def event_list(request: HttpRequest, query: Query[EventQuery]):
    """The network's meetups in a language tree: coming, past or all."""
    now = timezone.now()
    entries = event_entries(language=query.lang)
    if query.when == "upcoming":
        entries = [entry for entry in entries if entry.ends_at >= now]
    elif query.when == "past":
        entries = [entry for entry in reversed(entries) if entry.ends_at < now]
    results = [
        {
            "title": entry.title,
            "url": request.build_absolute_uri(entry.url),
            "summary": entry.introduction,
            "starts_at": entry.starts_at,
            "ends_at": entry.ends_at,
            "time_zone": entry.time_zone,
            "format": entry.format,
            "city": entry.city_slug,
            "country": entry.country,
            "audience": Audience.MEMBERS if entry.members_only else Audience.PUBLIC,
            "cancelled": entry.cancelled,
            "focus_areas": list(entry.area_slugs),
        }
        for entry in entries
    ]
    return {"count": len(results), "results": results}
