"""Reads of the member cities: each selector says what it fetches and how many queries."""

import datetime
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.db.models import CharField, Count, Exists, F, OuterRef, Subquery, Sum
from django.db.models.functions import Cast, Length, Substr
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.models import Comment, Page, TaskState, WorkflowState, get_default_page_content_type

from accounts.selectors import secretariat_accounts
from charter.selectors import focus_area_list
from cities.map import MapMarker, NordicMap, nordic_map
from cities.models import (
    AmbassadorCount,
    ApplicationStatus,
    CitiesIndexPage,
    CityPage,
    Coordinator,
    CoordinatorInvitation,
    Country,
    Membership,
    MembershipApplication,
    MembershipStatus,
    Partner,
)
from cities.models.country import COUNTRY_NAMES
from cities.services import INVITATION_MAX_AGE
from core.content_cache import content_key


def coordinated_membership(user) -> Membership | None:
    """The membership ``user`` coordinates, with its city page, or None for anyone else (an
    inactive account included): one query, remembered on the user for the request. Whether the
    city is still an active member is the caller's question (``Membership.is_active``)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not hasattr(user, "_coordinated_membership"):
        coordinator = (
            Coordinator.objects.filter(user=user).select_related("membership__city_page").first()
        )
        user._coordinated_membership = coordinator.membership if coordinator else None
    return user._coordinated_membership


def active_city_keys():
    """A subquery: the translation keys of the city pages of active members."""
    return Membership.objects.active().values("city_page__translation_key")


def member_city_pages(*, locale_id: int):
    """Live, public city pages of active members in a locale, with their country: two queries
    (view restrictions for ``public()``, then the pages)."""
    return (
        CityPage.objects.live()
        .public()
        .filter(locale_id=locale_id, translation_key__in=active_city_keys())
        .select_related("country")
        .order_by("title")
    )


@dataclass(frozen=True)
class CityEntry:
    title: str
    url: str
    country_code: str
    country_name: str
    population: int | None
    latitude: float | None
    longitude: float | None
    # The city's number on the map. A phone's map shows every city by its number; a wider map
    # shows a name (``map_named``), or the number where the name found no place.
    map_number: int | None = None
    map_named: bool = False


@dataclass(frozen=True)
class CountryCount:
    """A country with its number of member cities: a choice of the directory's country filter,
    a row of the secretariat's dashboard."""

    code: str
    name: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class CityDirectory:
    cities: list[CityEntry]
    countries: list[CountryCount]
    selected_country: str
    total: int
    map: NordicMap


def city_directory(*, index_page: CitiesIndexPage, country_code: str = "") -> CityDirectory:
    """Every member city, and the list and the map of the chosen country (or of all).

    The member cities are cached per language, and each map (the whole region, or zoomed to a
    country) per language and country, until public content changes (``core.content_cache``):
    no query on a warm cache, two on a cold one (view restrictions, pages with their country).
    Laying out 200 map labels takes longer than any query, which is why the maps are cached too.
    """
    key = content_key("city-directory", index_page.locale_id)
    entries = cache.get(key)
    if entries is None:
        entries = _member_cities(index_page)
        cache.set(key, entries, timeout=None)
    codes = sorted({entry.country_code for entry in entries})
    country_code = country_code.upper()
    selected = country_code if country_code in codes else ""
    countries = [
        CountryCount(
            code=code,
            name=str(Country(code=code).name),
            count=sum(1 for entry in entries if entry.country_code == code),
            selected=code == selected,
        )
        for code in codes
    ]
    shown = [entry for entry in entries if not selected or entry.country_code == selected]
    map_key = content_key("city-map", index_page.locale_id, selected)
    city_map = cache.get(map_key)
    if city_map is None:
        mapped = [entry for entry in shown if entry.latitude is not None]
        city_map = nordic_map(mapped, country_code=selected)
        cache.set(map_key, city_map, timeout=None)
    markers = {marker.url: marker for marker in city_map.markers}
    return CityDirectory(
        cities=[_on_the_map(entry, markers.get(entry.url)) for entry in shown],
        countries=countries,
        selected_country=selected,
        total=len(entries),
        map=city_map,
    )


def _on_the_map(entry: CityEntry, marker: MapMarker | None) -> CityEntry:
    if marker is None:
        return entry
    named = marker.label is not None and marker.label.number is None
    return replace(entry, map_number=marker.number, map_named=named)


def _member_cities(index_page: CitiesIndexPage) -> list[CityEntry]:
    """Cities are direct children of the index page, so their URLs are built from its URL."""
    base_url = index_page.url or ""
    return [
        CityEntry(
            title=page.title,
            url=f"{base_url}{page.slug}/",
            country_code=page.country.code,
            country_name=str(page.country.name),
            population=page.population,
            latitude=float(page.latitude) if page.latitude is not None else None,
            longitude=float(page.longitude) if page.longitude is not None else None,
        )
        for page in member_city_pages(locale_id=index_page.locale_id)
    ]


@dataclass(frozen=True)
class CityProfile:
    membership: Membership | None
    is_member: bool
    ambassadors: AmbassadorCount | None


def city_profile(*, city_page: CityPage) -> CityProfile:
    """The membership facts shown on a city's page: one query (membership with the latest
    ambassador count as a subquery)."""
    latest = AmbassadorCount.objects.filter(membership=OuterRef("pk")).order_by("-year")
    membership = (
        Membership.objects.filter(city_page__translation_key=city_page.translation_key)
        .annotate(
            ambassador_year=Subquery(latest.values("year")[:1]),
            ambassador_count=Subquery(latest.values("count")[:1]),
        )
        .first()
    )
    ambassadors = None
    if membership is not None and membership.ambassador_year is not None:
        ambassadors = AmbassadorCount(
            membership=membership,
            year=membership.ambassador_year,
            count=membership.ambassador_count,
        )
    return CityProfile(
        membership=membership,
        is_member=membership is not None and membership.status == MembershipStatus.ACTIVE,
        ambassadors=ambassadors,
    )


@dataclass(frozen=True)
class PartnerEntry:
    name: str
    kind: str
    country_name: str
    city: str
    website: str
    description: str
    focus_areas: list[str]


def partner_list() -> list[PartnerEntry]:
    """Partners who consented to a public listing, with localised focus-area names: three
    queries (partners with country and city, their focus areas, the focus areas in the active
    language)."""
    names = {area.translation_key: area.name for area in focus_area_list()}
    partners = (
        Partner.objects.filter(public_consent=True)
        .select_related("country", "city")
        .prefetch_related("focus_areas")
    )
    return [
        PartnerEntry(
            name=partner.name,
            kind=partner.get_kind_display(),
            country_name=str(partner.country.name),
            city=partner.city.title if partner.city else "",
            website=partner.website,
            description=partner.description,
            focus_areas=[
                names.get(area.translation_key, area.name) for area in partner.focus_areas.all()
            ],
        )
        for partner in partners
    ]


def network_member_figures() -> dict[str, int]:
    """Countries with an active member, active member cities, peace ambassadors (each active
    city's latest count) and publicly listed partners: four queries."""
    active = Membership.objects.active()
    latest_year = AmbassadorCount.objects.filter(membership=OuterRef("membership")).order_by(
        "-year"
    )
    return {
        "countries": active.values("city_page__country").distinct().count(),
        "cities": active.count(),
        "ambassadors": AmbassadorCount.objects.filter(
            membership__in=active,
            year=Subquery(latest_year.values("year")[:1]),
        ).aggregate(total=Sum("count"))["total"]
        or 0,
        "partners": Partner.objects.filter(public_consent=True).count(),
    }


# --- The secretariat's admin ---------------------------------------------------------------


def membership_admin_queryset():
    """Memberships with their city page and its country (one query for a list of them)."""
    return Membership.objects.select_related("city_page__country")


@dataclass(frozen=True)
class MembershipRecord:
    changes: list
    ambassador_counts: list
    coordinators: list
    open_invitations: list


def membership_record(*, membership: Membership) -> MembershipRecord:
    """A membership's history (with who made each change), its ambassador counts, its
    coordinators (with their accounts) and its open invitations: four queries."""
    return MembershipRecord(
        changes=list(membership.changes.select_related("changed_by")),
        ambassador_counts=list(membership.ambassador_counts.all()),
        coordinators=list(membership.coordinators.select_related("user")),
        open_invitations=list(
            membership.invitations.filter(accepted_at=None, revoked_at=None).select_related(
                "invited_by"
            )
        ),
    )


@dataclass(frozen=True)
class MembershipLink:
    """A membership by its city's title, for a link to the membership in the admin."""

    membership_id: int
    title: str


@dataclass(frozen=True)
class MembershipDashboard:
    countries: list[CountryCount]
    total_active: int
    without_coordinator: list[MembershipLink]


def membership_dashboard() -> MembershipDashboard:
    """The membership figures of the admin home: two queries whatever the network's size
    (active members counted per country, active members without a coordinator). The five Nordic
    countries are listed even without a member. The applications waiting are counted once, by
    :func:`membership_work`, whose panel lists them."""
    active = Membership.objects.active()
    per_country = dict(
        active.order_by()
        .values("city_page__country__code")
        .annotate(count=Count("pk"))
        .values_list("city_page__country__code", "count")
    )
    countries = sorted(
        (
            CountryCount(code=code, name=str(COUNTRY_NAMES.get(code, code)), count=count)
            for code, count in (dict.fromkeys(COUNTRY_NAMES, 0) | per_country).items()
        ),
        key=lambda country: country.name,
    )
    return MembershipDashboard(
        countries=countries,
        total_active=sum(per_country.values()),
        without_coordinator=[
            MembershipLink(membership_id=pk, title=title)
            for pk, title in active.filter(coordinators=None)
            .order_by("city_page__title")
            .values_list("pk", "city_page__title")
        ],
    )


# --- The admin home: a coordinator's city, the secretariat's membership work -------------------

# What a page's active moderation says, by the status of its workflow state.
MODERATION_STATES = {
    WorkflowState.STATUS_IN_PROGRESS: _("Awaiting the secretariat's approval"),
    WorkflowState.STATUS_NEEDS_CHANGES: _("Changes requested"),
}


def city_subtree(*, membership: Membership):
    """The pages of the city's subtree in every language tree, its own city pages included: a
    queryset to read or filter by, no query of its own (a page belongs when its path begins with
    the path of one of the city's pages, which share the city's translation key)."""
    return Page.objects.filter(
        Exists(
            Page.objects.filter(
                translation_key=membership.city_page.translation_key,
                path=Substr(OuterRef("path"), 1, Length("path")),
            )
        )
    )


def _city_own_pages(*, membership: Membership):
    """The subtree's pages in the languages they are written in: not the aliases that show
    another language tree's page (those are edited through the page they show)."""
    return city_subtree(membership=membership).filter(alias_of=None)


def membership_with_country(*, membership: Membership) -> Membership:
    """The membership again with its city page and the page's country: one query."""
    return Membership.objects.select_related("city_page__country").get(pk=membership.pk)


def city_page_count(*, membership: Membership) -> int:
    """How many pages the city has, counted once per language they are written in: one query."""
    return _city_own_pages(membership=membership).count()


@dataclass(frozen=True)
class CityPageRow:
    """One of a city's pages in one language, as a coordinator's home lists it."""

    page_id: int
    title: str
    language: str
    kind: str
    live: bool
    has_unpublished_changes: bool
    moderation: str
    edited_at: datetime.datetime | None


def city_pages_recent(*, membership: Membership, limit: int = 10) -> list[CityPageRow]:
    """The city's pages last edited first, each with its language, type, whether it is live or
    a draft, and its moderation if one is active: one query (the pages with their type and
    locale, and their active workflow state's status as a subquery)."""
    moderation = WorkflowState.objects.active().filter(
        base_content_type=get_default_page_content_type(),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    pages = (
        _city_own_pages(membership=membership)
        .select_related("content_type", "locale")
        .annotate(moderation=Subquery(moderation.values("status")[:1]))
        .order_by(F("latest_revision_created_at").desc(nulls_last=True), "-pk")[:limit]
    )
    return [
        CityPageRow(
            page_id=page.pk,
            title=page.title,
            language=page.locale.get_display_name(),
            kind=capfirst(page.content_type.model_class()._meta.verbose_name),
            live=page.live,
            has_unpublished_changes=page.has_unpublished_changes,
            moderation=MODERATION_STATES.get(page.moderation, ""),
            edited_at=page.latest_revision_created_at,
        )
        for page in pages
    ]


@dataclass(frozen=True)
class SecretariatComment:
    """A comment of the secretariat on one of a city's pages: a comment in the page's editor,
    or what a reviewer wrote when asking for changes."""

    page_id: int
    page_title: str
    author: str
    text: str
    at: datetime.datetime
    changes_requested: bool = False
    resolved: bool = False


def secretariat_comments(*, membership: Membership, limit: int = 5) -> list[SecretariatComment]:
    """The secretariat's latest comments on the city's pages, newest first: two queries (the
    comments in the pages' editor with their page and author; the reviews that asked for
    changes with a comment, with their revision and reviewer)."""
    pages = city_subtree(membership=membership)
    comments = [
        SecretariatComment(
            page_id=comment.page_id,
            page_title=comment.page.title,
            author=str(comment.user),
            text=comment.text,
            at=comment.created_at,
            resolved=comment.resolved_at is not None,
        )
        for comment in Comment.objects.filter(page__in=pages, user__in=secretariat_accounts())
        .select_related("page", "user")
        .order_by("-created_at", "-pk")[:limit]
    ]
    page_keys = pages.annotate(key=Cast("pk", output_field=CharField())).values("key")
    reviews = (
        TaskState.objects.filter(
            status=TaskState.STATUS_REJECTED,
            workflow_state__base_content_type=get_default_page_content_type(),
            workflow_state__object_id__in=page_keys,
        )
        .exclude(comment="")
        .select_related("revision", "finished_by")
        .order_by("-finished_at", "-pk")[:limit]
    )
    comments += [
        SecretariatComment(
            page_id=int(review.revision.object_id),
            page_title=review.revision.object_str,
            author=str(review.finished_by or ""),
            text=review.comment,
            at=review.finished_at,
            changes_requested=True,
        )
        for review in reviews
    ]
    return sorted(comments, key=lambda comment: comment.at, reverse=True)[:limit]


@dataclass(frozen=True)
class OpenInvitation:
    invitation: CoordinatorInvitation
    expired: bool


@dataclass(frozen=True)
class MembershipWork:
    """What waits for the secretariat in the membership admin."""

    pending_count: int
    pending_applications: list[MembershipApplication]
    invitation_count: int
    open_invitations: list[OpenInvitation]


def membership_work(*, limit: int = 5) -> MembershipWork:
    """Applications waiting for a decision (oldest first, with their country) and coordinator
    invitations not yet accepted or withdrawn (oldest first, with their city, marked when their
    link has expired), each counted and the first ``limit`` listed: four queries."""
    pending = MembershipApplication.objects.filter(status=ApplicationStatus.PENDING)
    invitations = CoordinatorInvitation.objects.filter(accepted_at=None, revoked_at=None)
    expired_before = timezone.now() - datetime.timedelta(seconds=INVITATION_MAX_AGE)
    return MembershipWork(
        pending_count=pending.count(),
        pending_applications=list(
            pending.select_related("country").order_by("created_at", "pk")[:limit]
        ),
        invitation_count=invitations.count(),
        open_invitations=[
            OpenInvitation(invitation=invitation, expired=invitation.created_at < expired_before)
            for invitation in invitations.select_related("membership__city_page").order_by(
                "created_at", "pk"
            )[:limit]
        ],
    )
