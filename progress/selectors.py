"""Reads of the Charter's work in the cities. Who may see a city's results is decided by
``Report.objects.readable_by`` alone; what is the same for every visitor (the network's medians,
the Charter page's overview) is cached on the content version (``core.content_cache``)."""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from charter.focus_areas import FOCUS_AREAS
from charter.models import FocusArea
from charter.selectors import AreaName
from cities.models import CityPage, Membership
from cities.models.country import COUNTRY_NAMES
from cities.selectors import member_city_pages
from core.content_cache import content_cached, content_key, content_store
from core.paging import PageUrls
from knowledge.models import CaseStudyPage, KnowledgeIndexPage
from knowledge.models.library_entry import split
from knowledge.selectors.library import library_entries_readable
from progress.charts import NO_VALUE, Chart, bar_chart
from progress.models import (
    ActionUpdate,
    Adoption,
    AreaAssessment,
    Level,
    Report,
    ReportingRound,
    ReportStatus,
    SafeCityAction,
    Sharing,
)
from progress.models.reports import PEER_LEVEL, REPORTED

# How many years the public chart compares, the newest last.
CHART_YEARS = 4
PEER_CASE_STUDIES = 3


@dataclass(frozen=True)
class Area:
    """A focus area as shown in one language; ``id`` is its default-language row, which the
    records are tagged with; ``key`` its translation key (hex), as the library's rows carry it."""

    id: int
    key: str
    slug: str
    name: str
    description: str


def area_list(*, language: str) -> list[Area]:
    """The six focus areas in ``language`` (falling back to English): one query."""
    rows = list(
        FocusArea.objects.filter(locale__language_code__in={language, settings.LANGUAGE_CODE})
        .select_related("locale")
        .order_by("position")
    )
    canonical = {
        row.translation_key: row
        for row in rows
        if row.locale.language_code == settings.LANGUAGE_CODE
    }
    shown = {row.translation_key: row for row in rows if row.locale.language_code == language}
    return [
        Area(
            id=row.pk,
            key=row.translation_key.hex,
            slug=row.slug,
            name=shown.get(row.translation_key, row).name,
            description=shown.get(row.translation_key, row).description,
        )
        for row in canonical.values()
    ]


def level_scale() -> list[str]:
    return [str(label) for label in Level.labels]


# --- The network's medians -----------------------------------------------------------------------


@dataclass(frozen=True)
class YearFigures:
    year: int
    reported: int  # cities that submitted
    medians: dict[int, float]  # focus area id → median level


def network_figures() -> list[YearFigures]:
    """Per year, how many cities reported and the median level per focus area, oldest first.
    The same for everyone (aggregates are public): one query, none on a warm cache."""
    key = content_key("charter-network-figures")
    figures = content_store.get(key)
    if figures is None:
        levels = defaultdict(list)
        reports = defaultdict(set)
        for year, report_id, area_id, level in AreaAssessment.objects.filter(
            report__status__in=REPORTED, level__isnull=False
        ).values_list("report__round__year", "report_id", "focus_area_id", "level"):
            levels[year, area_id].append(level)
            reports[year].add(report_id)
        figures = [
            YearFigures(
                year=year,
                reported=len(reports[year]),
                medians={
                    area_id: statistics.median(values)
                    for (level_year, area_id), values in levels.items()
                    if level_year == year
                },
            )
            for year in sorted(reports)
        ]
        content_store.set(key, figures, timeout=None)
    return figures


def medians_chart(*, figures: list[YearFigures], areas: list[Area], chart_id: str) -> Chart | None:
    shown = figures[-CHART_YEARS:]
    if not shown:
        return None
    return bar_chart(
        chart_id=chart_id,
        title=_("The Nordic median level per focus area"),
        description=_(
            "For each focus area, the median of the levels the member cities reported, per year "
            "(1 exploring, 2 developing, 3 established, 4 leading)."
        ),
        categories=[area.name for area in areas],
        series=[(str(year.year), [year.medians.get(area.id) for area in areas]) for year in shown],
        scale=level_scale(),
        category_header=_("Focus area"),
    )


# --- The Charter page ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaOverview:
    area: Area
    library_url: str


@dataclass(frozen=True)
class CharterOverview:
    areas: list[AreaOverview]
    adopted: int
    members: int
    figures: list[YearFigures]
    chart: Chart | None
    published: list["PublishedResult"]


@dataclass(frozen=True)
class PublishedResult:
    city: str
    url: str
    year: int
    levels: list[str]


def charter_overview(*, language: str) -> CharterOverview:
    """What ``/charter/`` shows, the same for every visitor: the focus areas with their library
    links, how many member cities adopted the Charter, the medians per area and year, and the
    latest results of the cities that publish theirs. Cached on the content version; cold, seven
    queries (focus areas, the library page, adoptions and members, the figures, the published
    reports and their levels, the city pages' view restrictions and the city pages)."""
    key = content_key("charter-overview", language)
    overview = content_store.get(key)
    if overview is None:
        areas = area_list(language=language)
        library = (
            KnowledgeIndexPage.objects.live()
            .filter(locale__language_code=language)
            .values_list("url_path", flat=True)
            .first()
        )
        urls = PageUrls()
        library_url = urls(library) if library else ""
        counts = Membership.objects.active().aggregate(
            members=Count("pk"), adopted=Count("charter_adoption")
        )
        figures = network_figures()
        overview = CharterOverview(
            areas=[
                AreaOverview(area, f"{library_url}?focus_area={area.slug}" if library_url else "")
                for area in areas
            ],
            adopted=counts["adopted"],
            members=counts["members"],
            figures=figures,
            chart=medians_chart(figures=figures, areas=areas, chart_id="charter-medians"),
            published=_published_results(language=language, areas=areas, urls=urls),
        )
        content_store.set(key, overview, timeout=None)
    return overview


def _published_results(
    *, language: str, areas: list[Area], urls: PageUrls
) -> list[PublishedResult]:
    """The newest reported results of each active city that publishes them."""
    reports = (
        Report.objects.filter(
            status__in=REPORTED, sharing=Sharing.PUBLIC, membership__in=Membership.objects.active()
        )
        .order_by("membership_id", "-round__year")
        .select_related("round", "membership__city_page")
        .prefetch_related("assessments")
    )
    newest = {}
    for report in reports:
        newest.setdefault(report.membership_id, report)
    if not newest:
        return []
    pages = _city_pages(language=language, urls=urls)
    results = []
    for report in newest.values():
        levels = {row.focus_area_id: row.level for row in report.assessments.all()}
        title, url = pages.get(
            report.membership.city_page.translation_key, (report.membership.city_page.title, "")
        )
        results.append(
            PublishedResult(
                city=title,
                url=url,
                year=report.round.year,
                levels=[
                    Level(levels[area.id]).label if levels.get(area.id) else NO_VALUE
                    for area in areas
                ],
            )
        )
    return sorted(results, key=lambda result: result.city)


def _city_pages(*, language: str, urls: PageUrls) -> dict:
    """Translation key → (title, URL) of the member cities' pages in a language tree."""
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return {}
    return {
        page.translation_key: (page.title, urls(page.url_path))
        for page in member_city_pages(locale_id=locale.pk).only(
            "title", "url_path", "translation_key", "country"
        )
    }


def is_year(text: str) -> bool:
    """Whether a URL's value is a year (four digits), before anything converts it."""
    return len(text) == 4 and text.isascii() and text.isdigit()


# --- Safe City Actions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionEntry:
    title: str
    city: str
    city_url: str
    country: str
    description: str
    goal: str
    status: str
    status_label: str
    areas: list[str]
    latest_update: str


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class ActionListing:
    year: int
    years: list[int]
    actions: list[ActionEntry]
    areas: list[Choice]
    countries: list[Choice]
    filtered: bool
    key: str  # what the listing depends on, for caching its rendering


FOCUS_AREA_SLUGS = {area["slug"] for area in FOCUS_AREAS}


def action_list(*, language: str, params) -> ActionListing:
    """``/charter/actions/``: the year's Safe City Actions of the active member cities, filtered
    by focus area and country (both in the URL). The year is the current one, or the newest
    with actions; ``?year=`` picks another. The same for every visitor: cached on the content
    version and the cleaned filters (no query); cold, eight queries whatever the number of
    actions: the years, the focus areas, the locale, the city pages' view restrictions and the
    city pages, the actions with their cities, their focus areas and their updates."""
    this_year = timezone.localdate().year
    asked = params.get("year", "")
    asked = asked if is_year(asked) and 2000 <= int(asked) <= 2100 else ""
    area_slug = params.get("focus_area", "")
    area_slug = area_slug if area_slug in FOCUS_AREA_SLUGS else ""
    country = params.get("country", "").upper()
    country = country if country in COUNTRY_NAMES else ""
    parts = (language, this_year, asked, area_slug, country)
    key = content_key("charter-actions", *parts)
    listing = content_store.get(key)
    if listing is None:
        listing = _action_list(
            language=language,
            this_year=this_year,
            asked=asked,
            area_slug=area_slug,
            country=country,
            key=":".join(map(str, parts)),
        )
        content_store.set(key, listing, timeout=None)
    return listing


def _action_list(*, language, this_year, asked, area_slug, country, key) -> ActionListing:
    active = SafeCityAction.objects.filter(membership__in=Membership.objects.active())
    years = sorted(set(active.values_list("year", flat=True)), reverse=True)
    year = int(asked) if asked and int(asked) in years else None
    year = year or (this_year if this_year in years or not years else years[0])
    areas = area_list(language=language)
    area = next((area for area in areas if area.slug == area_slug), None)

    actions = active.filter(year=year)
    if area:
        actions = actions.filter(focus_areas=area.id)
    if country:
        actions = actions.filter(membership__city_page__country__code=country)
    actions = (
        actions.select_related("membership__city_page__country")
        .prefetch_related(
            "focus_areas",
            Prefetch("updates", queryset=ActionUpdate.objects.order_by("-at", "-pk")),
        )
        .order_by("membership__city_page__title")
    )
    names = {area.id: area.name for area in areas}
    pages = _city_pages(language=language, urls=PageUrls())
    entries = []
    for action in actions:
        city_page = action.membership.city_page
        title, url = pages.get(city_page.translation_key, (city_page.title, ""))
        updates = list(action.updates.all())
        entries.append(
            ActionEntry(
                title=action.title,
                city=title,
                city_url=url,
                country=str(COUNTRY_NAMES.get(city_page.country.code, "")),
                description=action.description,
                goal=action.goal,
                status=action.status,
                status_label=action.get_status_display(),
                areas=[names[row.pk] for row in action.focus_areas.all() if row.pk in names],
                latest_update=updates[0].text if updates else "",
            )
        )
    return ActionListing(
        year=year,
        years=years,
        actions=entries,
        areas=[Choice(row.slug, row.name, row == area) for row in areas],
        countries=[
            Choice(code, str(name), code == country) for code, name in COUNTRY_NAMES.items()
        ],
        filtered=bool(area or country),
        key=key,
    )


# --- A coordinator's own city --------------------------------------------------------------------


@dataclass(frozen=True)
class PeerCaseStudy:
    title: str
    url: str


@dataclass(frozen=True)
class Peer:
    city: str
    level: str
    case_studies: list[PeerCaseStudy]


@dataclass(frozen=True)
class PeerMatch:
    area: Area
    own_level: str
    median: float
    peers: list[Peer]


@dataclass
class OurCity:
    membership: Membership
    round: ReportingRound | None
    report: Report | None
    adoption: Adoption | None
    chart: Chart | None
    peer_matches: list[PeerMatch]
    median_year: int | None
    action: SafeCityAction | None
    case_study_choices: list[tuple[int, str]] = field(default_factory=list)


def our_city(*, membership: Membership, user, language: str) -> OurCity:
    """A coordinator's "Our city" page: the current round and the city's report in it, the
    city's levels per area across the years beside the Nordic median, the peers to call, this
    year's Safe City Action and the Charter adoption."""
    from progress.services import current_round

    areas = area_list(language=language)
    reporting_round = current_round()
    report = (
        Report.objects.filter(round=reporting_round, membership=membership)
        .prefetch_related("assessments__case_studies")
        .first()
        if reporting_round
        else None
    )
    own = defaultdict(dict)
    for year, area_id, level in AreaAssessment.objects.filter(
        report__membership=membership, report__status__in=REPORTED, level__isnull=False
    ).values_list("report__round__year", "focus_area_id", "level"):
        own[year][area_id] = level
    figures = network_figures()
    by_year = {year.year: year for year in figures}
    chart = None
    if own:
        years = sorted(own)[-CHART_YEARS:]
        series = []
        for year in years:
            series.append((str(year), [own[year].get(area.id) for area in areas]))
        newest = by_year.get(years[-1])
        if newest:
            series.append(
                (
                    _("Nordic median %(year)s") % {"year": years[-1]},
                    [newest.medians.get(area.id) for area in areas],
                )
            )
        chart = bar_chart(
            chart_id="our-city-levels",
            title=_("Our levels per focus area beside the Nordic median"),
            description=_(
                "For each focus area, the level our city reported in each year, and the median "
                "of all member cities in the newest year."
            ),
            categories=[area.name for area in areas],
            series=series,
            scale=level_scale(),
            category_header=_("Focus area"),
        )
    current_levels = {}
    if report:
        current_levels = {
            row.focus_area_id: row.level for row in report.assessments.all() if row.level
        }
    if not current_levels and own:
        current_levels = own[max(own)]
    # Peers are found in the newest round whose deadline has passed (every city had its say),
    # or in the newest with reports while none has closed.
    closed = set(
        ReportingRound.objects.filter(deadline__lt=timezone.localdate()).values_list(
            "year", flat=True
        )
    )
    compared = next((year for year in reversed(figures) if year.year in closed), None)
    compared = compared or (figures[-1] if figures else None)
    matches = (
        _peer_matches(
            membership=membership,
            levels=current_levels,
            figures=compared,
            areas=areas,
            user=user,
            language=language,
        )
        if compared and current_levels
        else []
    )
    year = reporting_round.year if reporting_round else timezone.localdate().year
    action = (
        SafeCityAction.objects.filter(membership=membership, year=year)
        .prefetch_related(
            "focus_areas",
            "case_studies",
            Prefetch("updates", queryset=ActionUpdate.objects.order_by("-at", "-pk")),
        )
        .first()
    )
    return OurCity(
        membership=membership,
        round=reporting_round,
        report=report,
        adoption=Adoption.objects.filter(membership=membership)
        .select_related("decision_document")
        .first(),
        chart=chart,
        peer_matches=matches,
        median_year=compared.year if compared else None,
        action=action,
        case_study_choices=own_case_studies(membership=membership),
    )


def own_case_studies(*, membership: Membership) -> list[tuple[int, str]]:
    """The live case studies below the city's page in the default language tree, as (id, title)
    by title: what its coordinators may link to their report and their action. One query."""
    return list(
        CaseStudyPage.objects.live()
        .descendant_of(membership.city_page)
        .order_by("title")
        .values_list("pk", "title")
    )


def _peer_matches(
    *, membership, levels, figures: YearFigures, areas, user, language
) -> list[PeerMatch]:
    """For each area where the city's level is below the median of ``figures``' year: the other
    active cities whose report of that year says "established" or "leading" there and that
    share their results with members (the viewer is one), with their case studies in it."""
    below = [
        area
        for area in areas
        if area.id in levels
        and area.id in figures.medians
        and levels[area.id] < figures.medians[area.id]
    ]
    if not below:
        return []
    rows = list(
        Report.objects.readable_by(user)
        .filter(
            round__year=figures.year,
            status__in=REPORTED,
            sharing__in=[Sharing.MEMBERS, Sharing.PUBLIC],
            membership__in=Membership.objects.active(),
            assessments__focus_area__in=[area.id for area in below],
            assessments__level__gte=PEER_LEVEL,
        )
        .exclude(membership=membership)
        .values_list(
            "membership__city_page__translation_key",
            "membership__city_page__title",
            "assessments__focus_area_id",
            "assessments__level",
        )
        .order_by("-assessments__level", "membership__city_page__title")
    )
    studies = defaultdict(list)
    if rows:
        from wagtail.models import Locale

        locale = Locale.objects.filter(language_code=language).first()
        keys = {row[0] for row in rows}
        urls = PageUrls()
        if locale:
            for title, url_path, focus_keys, city_key in (
                library_entries_readable(locale_id=locale.pk, user=user)
                .filter(city_page__translation_key__in=keys)
                .order_by("-period_start", "-page_id")
                .values_list("title", "page__url_path", "focus_keys", "city_page__translation_key")
            ):
                for area_key in split(focus_keys):
                    studies[city_key, area_key].append(PeerCaseStudy(title, urls(url_path)))
    by_area = defaultdict(list)
    for city_key, city, area_id, level in rows:
        area = next(area for area in below if area.id == area_id)
        by_area[area_id].append(
            Peer(
                city=city,
                level=str(Level(level).label),
                case_studies=studies[city_key, area.key][:PEER_CASE_STUDIES],
            )
        )
    return [
        PeerMatch(
            area=area,
            own_level=str(Level(levels[area.id]).label),
            median=figures.medians[area.id],
            peers=by_area[area.id],
        )
        for area in below
    ]


# --- The secretariat's network view --------------------------------------------------------------


@dataclass(frozen=True)
class GridRow:
    city: str
    country: str
    status: str
    status_label: str
    report_id: int | None
    levels: list[int | None]


@dataclass(frozen=True)
class NetworkGrid:
    year: int | None
    years: list[int]
    areas: list[Area]
    rows: list[GridRow]
    not_reported: list[str]
    medians: list[float | None]


NOT_STARTED = gettext_lazy("Not started")


def network_grid(*, year: int | None, language: str) -> NetworkGrid:
    """Every active member city by focus area for a round's year (the newest by default): the
    levels of submitted and acknowledged reports, each city's report status, who has not
    reported. For the secretariat only, and still cached on the content version: a report's row
    changes (and moves the version on, ``ProgressConfig.public_models``) with every change of its
    state, and a reported report's levels cannot change without one. Warm, no query; cold, five:
    the rounds, the focus areas, the reports, the levels, the cities."""
    return content_cached(
        "progress-network",
        language,
        year or "newest",
        build=lambda: _network_grid(year=year, language=language),
    )


def _network_grid(*, year: int | None, language: str) -> NetworkGrid:
    years = list(ReportingRound.objects.order_by("-year").values_list("year", flat=True))
    year = year if year in years else (years[0] if years else None)
    areas = area_list(language=language)
    if year is None:
        return NetworkGrid(None, [], areas, [], [], [])
    reports = {
        report.membership_id: report
        for report in Report.objects.filter(round__year=year).only("pk", "membership_id", "status")
    }
    levels = defaultdict(dict)
    for report_id, area_id, level in AreaAssessment.objects.filter(
        report__round__year=year, report__status__in=REPORTED
    ).values_list("report_id", "focus_area_id", "level"):
        levels[report_id][area_id] = level
    rows = []
    for membership in (
        Membership.objects.active()
        .select_related("city_page__country")
        .only("pk", "city_page__title", "city_page__country__code")
        .order_by("city_page__title")
    ):
        report = reports.get(membership.pk)
        status = report.status if report else ""
        rows.append(
            GridRow(
                city=membership.city_page.title,
                country=str(COUNTRY_NAMES.get(membership.city_page.country.code, "")),
                status=status,
                status_label=str(ReportStatus(status).label if status else NOT_STARTED),
                report_id=report.pk if report else None,
                levels=[levels[report.pk].get(area.id) if report else None for area in areas],
            )
        )
    medians = []
    for index, _area in enumerate(areas):
        values = [row.levels[index] for row in rows if row.levels[index]]
        medians.append(statistics.median(values) if values else None)
    return NetworkGrid(
        year=year,
        years=years,
        areas=areas,
        rows=rows,
        not_reported=[row.city for row in rows if row.status not in REPORTED],
        medians=medians,
    )


@dataclass(frozen=True)
class RoundSummary:
    year: int
    cities: int
    submitted: int
    not_reported: list[str]


def round_summary(*, reporting_round: ReportingRound) -> RoundSummary:
    """What the secretariat's summary after the deadline says."""
    active = Membership.objects.active().select_related("city_page").order_by("city_page__title")
    reported = set(
        Report.objects.filter(round=reporting_round, status__in=REPORTED).values_list(
            "membership_id", flat=True
        )
    )
    cities = list(active)
    return RoundSummary(
        year=reporting_round.year,
        cities=len(cities),
        submitted=sum(1 for city in cities if city.pk in reported),
        not_reported=[city.city_page.title for city in cities if city.pk not in reported],
    )


# --- A city's page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CityCharter:
    adoption: Adoption | None
    action: SafeCityAction | None
    action_updates: list[ActionUpdate]
    action_areas: list[str]
    action_case_studies: list[PeerCaseStudy]
    chart: Chart | None
    results_year: int | None


def city_charter(*, city_page: CityPage, language: str) -> CityCharter | None:
    """What a city's page shows of its Charter work: the adoption, the newest Safe City Action
    with its updates and the public case studies that came out of it, and the newest results
    the city published: what the public may see (``readable_by`` an anonymous visitor), the
    same for every visitor. Cached on the content version (no query); cold, three queries for
    a city without an action or results; with an action, its focus areas, updates and case
    studies (and those in the page's language) and the focus area names; with results, their
    levels."""
    key = content_key("city-charter", city_page.translation_key.hex, language)
    cached = content_store.get(key)
    if cached is None:
        cached = {"charter": _city_charter(city_page=city_page, language=language)}
        content_store.set(key, cached, timeout=None)
    return cached["charter"]


def _city_charter(*, city_page: CityPage, language: str) -> CityCharter | None:
    public = AnonymousUser()
    membership = (
        Membership.objects.filter(city_page__translation_key=city_page.translation_key)
        .select_related("charter_adoption__decision_document")
        .first()
    )
    if membership is None:
        return None
    adoption = getattr(membership, "charter_adoption", None)
    action = (
        SafeCityAction.objects.filter(membership=membership)
        .order_by("-year")
        .prefetch_related(
            "focus_areas",
            Prefetch("updates", queryset=ActionUpdate.objects.order_by("-at", "-pk")),
            Prefetch("case_studies", queryset=CaseStudyPage.objects.only("translation_key")),
        )
        .first()
    )
    action_case_studies = []
    keys = [page.translation_key for page in action.case_studies.all()] if action else []
    if keys:
        urls = PageUrls()
        action_case_studies = [
            PeerCaseStudy(title, urls(url_path))
            for title, url_path in CaseStudyPage.objects.live()
            .public()
            .filter(locale_id=city_page.locale_id, translation_key__in=keys)
            .readable_by(public)
            .order_by("title")
            .values_list("title", "url_path")
        ]
    report = (
        Report.objects.readable_by(public)
        .filter(membership=membership)
        .select_related("round")
        .order_by("-round__year")
        .first()
    )
    areas = area_list(language=language) if (action or report) else []
    names = {area.id: AreaName(area.name, area.slug) for area in areas}
    chart = None
    if report:
        levels = dict(report.assessments.values_list("focus_area_id", "level"))
        chart = bar_chart(
            chart_id="city-levels",
            title=_("Our self-assessment %(year)s") % {"year": report.round.year},
            description=_("The level the city reported for each focus area of the Charter."),
            categories=[area.name for area in areas],
            series=[(str(report.round.year), [levels.get(area.id) for area in areas])],
            scale=level_scale(),
            category_header=_("Focus area"),
        )
    return CityCharter(
        adoption=adoption,
        action=action,
        action_updates=list(action.updates.all()) if action else [],
        action_areas=[names[row.pk] for row in action.focus_areas.all() if row.pk in names]
        if action
        else [],
        action_case_studies=action_case_studies,
        chart=chart,
        results_year=report.round.year if report else None,
    )
