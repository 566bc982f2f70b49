"""The demo knowledge library: /knowledge/ and its resources (demo/data/library.yaml), and the
case studies of the member cities (case_studies.yaml, and case_studies_<language>.yaml).

A practice that several cities run has a case study in each, written for that city: its own
title, summary and body (what the city did differently, with its own figures where it has them).
Each city writes in its own language: the English page (the source of the other language trees,
whose copies are its aliases) carries the city's language as ``original_language``, and its copy
in that language is turned into a page of its own with the city's full text (title, summary,
body), as wagtail-localize does when a translation is first saved (the service
``case_study_translate``). So the English page reads as the translation it is, and says so. The
texts in the cities' languages are in one file per language, by practice key and city slug, and
follow the English block by block; seeding stops on a case study that has no text there.
Case studies are published as the secretariat would publish them (the services skip moderation
for the system), one after another over the past year or so (``_publication_dates``); two more
wait in the secretariat's moderation queue, submitted by their city's coordinator, in English
only. The resources come with small PDF documents (``demo.documents``), and every image with
its renditions (``demo.illustrations``).

Seeded after the cities, their coordinators and partners.
"""

import datetime

from django.utils import timezone
from django.utils.html import escape

from wagtail.rich_text import RichText

from accounts.models import User
from charter.models import FocusArea
from cities.models import CityPage, Partner
from core.services import page_create
from demo import synthetic
from demo.accounts import coordinator_email
from demo.cities import COUNTRY_LANGUAGES
from demo.data import DemoDataError, load
from demo.documents import document
from demo.illustrations import illustration
from demo.shell import index_page
from knowledge.models import (
    CaseStudyPage,
    KnowledgeIndexPage,
    ResourceDocument,
    ResourcePage,
    Visibility,
)
from knowledge.services import case_study_create, case_study_submit, case_study_translate
from knowledge.workflow import ensure_moderation_workflow

# Days between the publication of one demo case study and the next (``_publication_dates``).
PUBLISHED_EVERY_DAYS = 9
# The case studies in their city's language, one file per language (``_originals``).
ORIGINALS_FILE = "case_studies_{language}"


def seed(*, scale: int, log) -> None:
    ensure_moderation_workflow()
    library = load("library")
    case_studies = load("case_studies")
    index = index_page(KnowledgeIndexPage, library["index"])
    illustrations = load("illustrations")["illustrations"]
    images = {key: illustration(key, data) for key, data in illustrations.items()}
    contacts = {city["slug"]: city for city in load("cities")["cities"]}
    cities = {
        page.slug: page
        for page in CityPage.objects.filter(locale__language_code="en", slug__in=set(contacts))
    }
    partners = {partner.name: partner for partner in Partner.objects.all()}
    heroes = {key: (images[key], data["alt"]) for key, data in illustrations.items()}
    practices = case_studies["practices"]
    dates = _publication_dates(practices, now=timezone.now())
    originals = _originals(practices, cities, contacts)
    for practice in practices:
        _practice(practice, cities, contacts, partners, heroes, dates, originals)
    for (key, slug), (language, text) in originals.items():
        _original(key, cities[slug], language, text)
    for practice in case_studies["pending"]:
        _pending(practice, cities, contacts, heroes)
    for resource in library["resources"]:
        _resource(index, resource, heroes)
    if scale > 1:
        synthetic.case_studies(count=synthetic.CASE_STUDIES_PER_SCALE * scale, log=log)
    english = CaseStudyPage.objects.filter(locale__language_code="en")
    log(
        f"{english.live().count()} published case studies ("
        f"{english.live().filter(visibility=Visibility.MEMBERS).count()} for members only, "
        f"{CaseStudyPage.objects.exclude(locale__language_code='en').filter(alias_of__isnull=True).count()}"
        f" translations), {english.filter(live=False).count()} awaiting approval, "
        f"{ResourcePage.objects.filter(locale__language_code='en').count()} resources"
    )


def _paragraphs(texts) -> list:
    return [("paragraph", RichText(f"<p>{escape(text)}</p>")) for text in texts]


def _body(entry: dict) -> list:
    body = _paragraphs(entry["paragraphs"])
    if "key_facts" in entry:
        body.append(("key_facts", entry["key_facts"]))
    if "results" in entry:
        body.append(("results", RichText(f"<p>{escape(entry['results'])}</p>")))
    return body


def _publication_dates(practices: list[dict], *, now: datetime.datetime) -> dict:
    """When each practice's case study in each city was published, by (key, city slug): in the
    order the cities started (the year an adoption started: one more per city before it), one
    every PUBLISHED_EVERY_DAYS, the last a day before seeding. So the library fills over a year
    or so, the newsletter's first issue finds what is new, and the home page's latest are the
    newest practices and adoptions rather than one practice's cities side by side."""
    order = sorted(
        (practice["started"] + position, position, number, practice["key"], entry["city"])
        for number, practice in enumerate(practices)
        for position, entry in enumerate(practice["cities"])
    )
    last = len(order) - 1
    return {
        (key, city): now - datetime.timedelta(days=1 + PUBLISHED_EVERY_DAYS * (last - rank))
        for rank, (*_order, key, city) in enumerate(order)
    }


def _originals(practices: list[dict], cities: dict, contacts: dict) -> dict:
    """The text of each case study to seed as its city wrote it, by (practice key, city slug):
    the city's language and the entry of ``case_studies_<language>.yaml``. Read before any page is
    made, so that a missing file or text, or one that does not follow the English block by block,
    stops the seeding with the practice and the city and leaves nothing half made."""
    files: dict[str, dict] = {}
    originals = {}
    for practice in practices:
        for entry in practice["cities"]:
            slug = entry["city"]
            if slug not in cities:
                continue
            language = COUNTRY_LANGUAGES[contacts[slug]["country"]]
            name = ORIGINALS_FILE.format(language=language)
            where = f"{name}.yaml → {practice['key']} → {slug}"
            if language not in files:
                try:
                    files[language] = load(name) or {}
                except FileNotFoundError:
                    raise DemoDataError(
                        f"{where}: the file is missing; {slug}'s case studies are written in "
                        f"{language}"
                    ) from None
            text = (files[language].get(practice["key"]) or {}).get(slug)
            if text is None:
                raise DemoDataError(
                    f"{where}: missing; every case study is written in its city's language"
                )
            _check_original(text, entry, where)
            originals[practice["key"], slug] = (language, text)
    return originals


def _check_original(text: dict, english: dict, where: str) -> None:
    """``text`` has a title and a summary, and the English entry's blocks: as many paragraphs and
    key facts, and results where it has them."""
    missing = [field for field in ("title", "summary", "paragraphs") if not text.get(field)]
    if missing:
        raise DemoDataError(f"{where}: no {', '.join(missing)}")
    for field in ("paragraphs", "key_facts"):
        count, expected = len(text.get(field, [])), len(english.get(field, []))
        if count != expected:
            raise DemoDataError(
                f"{where}: {count} {field.replace('_', ' ')}, the English has {expected}"
            )
    if ("results" in text) != ("results" in english):
        has = "has" if "results" in english else "has no"
        raise DemoDataError(f"{where}: results must follow the English, which {has} results")


def _practice(
    practice: dict,
    cities: dict,
    contacts: dict,
    partners: dict,
    heroes: dict,
    dates: dict,
    originals: dict,
):
    """The practice's case study in each of its cities, each written for that city in its
    language (``original_language``); the first is where it started and names the others as the
    cities that adopted it."""
    entries = {entry["city"]: entry for entry in practice["cities"]}
    present = [slug for slug in entries if slug in cities]
    hero_image, hero_image_alt = heroes[practice["focus_areas"][0]]
    for position, slug in enumerate(present):
        city_page = cities[slug]
        if CaseStudyPage.objects.child_of(city_page).filter(slug=practice["key"]).exists():
            continue
        entry = entries[slug]
        is_origin = position == 0
        case_study_create(
            city_page=city_page,
            title=entry["title"],
            slug=practice["key"],
            original_language=originals[practice["key"], slug][0],
            summary=entry["summary"],
            period_start=datetime.date(practice["started"] + position, 1 + position * 4, 1),
            period_end=(
                datetime.date(practice["started"] + 3, 12, 31)
                if practice["status"] == "completed" and is_origin
                else None
            ),
            status=practice["status"] if is_origin else "ongoing",
            evidence_level=practice["evidence_level"] if is_origin else "implemented",
            focus_areas=practice["focus_areas"],
            target_groups=practice["target_groups"],
            partners=[partners[name] for name in entry.get("partners", []) if name in partners],
            adopted_by=[cities[other] for other in present[1:]] if is_origin else [],
            visibility=Visibility.MEMBERS if practice.get("members_only") else Visibility.PUBLIC,
            contact_name=contacts[slug]["contact_name"],
            contact_email=contacts[slug]["contact_email"],
            hero_image=hero_image,
            hero_image_alt=hero_image_alt,
            body=_body(entry),
            first_published_at=dates[practice["key"], slug],
        )


def _original(key: str, city_page: CityPage, language: str, text: dict) -> None:
    """The case study's copy in its city's language made the original it is: a page of its own
    with the city's text (``text``, the entry of ``case_studies_<language>.yaml``). A copy that is
    one already is left as it is."""
    english = CaseStudyPage.objects.child_of(city_page).filter(slug=key).first()
    if english is None:
        return
    copy = CaseStudyPage.objects.filter(
        translation_key=english.translation_key, locale__language_code=language
    ).first()
    if copy is not None and copy.alias_of_id is None:
        return
    case_study_translate(
        case_study=english,
        language=language,
        title=text["title"],
        summary=text["summary"],
        body=_body(text),
        first_published_at=english.first_published_at,
    )


def _pending(practice: dict, cities: dict, contacts: dict, heroes: dict) -> None:
    """A case study its city's coordinator wrote and submitted for approval."""
    entry = practice["cities"][0]
    slug = entry["city"]
    city_page = cities.get(slug)
    author = User.objects.filter(email=coordinator_email(slug)).first()
    if city_page is None or author is None:
        return
    if CaseStudyPage.objects.child_of(city_page).filter(slug=practice["key"]).exists():
        return
    hero_image, hero_image_alt = heroes[practice["focus_areas"][0]]
    page = case_study_create(
        city_page=city_page,
        title=entry["title"],
        slug=practice["key"],
        summary=entry["summary"],
        period_start=datetime.date(practice["started"], 9, 1),
        status=practice["status"],
        evidence_level=practice["evidence_level"],
        focus_areas=practice["focus_areas"],
        target_groups=practice["target_groups"],
        contact_name=author.name,
        contact_email=contacts[slug]["contact_email"],
        hero_image=hero_image,
        hero_image_alt=hero_image_alt,
        body=_body(entry),
        publish=False,
        by=author,
    )
    case_study_submit(case_study=page, by=author)


def _resource(index: KnowledgeIndexPage, data: dict, heroes: dict) -> None:
    if ResourcePage.objects.child_of(index).filter(slug=data["slug"]).exists():
        return
    hero_image, hero_image_alt = heroes[data["illustration"]]
    page = ResourcePage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        body=_paragraphs(data["paragraphs"]),
        hero_image=hero_image,
        hero_image_alt=hero_image_alt,
    )
    page.focus_areas = list(
        FocusArea.objects.filter(locale__language_code="en", slug__in=data["focus_areas"])
    )
    page.documents = [
        ResourceDocument(
            document=document(
                title=spec["title"],
                lines=spec["lines"],
                name=f"{data['slug']}-{spec['language']}.pdf",
            ),
            language=spec["language"],
        )
        for spec in data["documents"]
    ]
    page_create(parent=index, page=page)
