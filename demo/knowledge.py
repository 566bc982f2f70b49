"""The demo knowledge library: /knowledge/ and its resources (demo/data/library.yaml), and the
case studies of the member cities (case_studies.yaml).

Case studies are published as the secretariat would publish them (the services skip moderation
for the system); two more wait in the secretariat's moderation queue, submitted by their city's
coordinator. Some case studies are translated into their city's language: the copy in that
language tree (an alias of the English page) is turned into a page of its own with a translated
title and summary, as wagtail-localize does when a translation is first saved
(``knowledge.services.case_study_translate``). The resources come with small PDF documents
(``demo.documents``), and every image with its renditions (``demo.illustrations``).

Seeded after the cities, their coordinators and partners.
"""

import datetime

from django.utils.html import escape

from wagtail.rich_text import RichText

from accounts.models import User
from charter.models import FocusArea
from cities.models import CityPage, Partner
from core.services import page_create
from demo import synthetic
from demo.accounts import coordinator_email
from demo.data import load
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
    for practice in case_studies["practices"]:
        _practice(practice, cities, contacts, partners, heroes)
    for translation in case_studies["translations"]:
        _translation(translation, cities)
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


def _body(practice: dict, city: str, *, with_figures: bool) -> list:
    body = _paragraphs(text.format(city=city) for text in practice["paragraphs"])
    if with_figures and "key_facts" in practice:
        body.append(("key_facts", practice["key_facts"]))
    if with_figures and "results" in practice:
        body.append(("results", RichText(f"<p>{escape(practice['results'])}</p>")))
    return body


def _practice(practice: dict, cities: dict, contacts: dict, partners: dict, heroes: dict):
    """The practice's case study in each of its cities; the first is where it started."""
    present = [slug for slug in practice["cities"] if slug in cities]
    for position, slug in enumerate(present):
        city_page = cities[slug]
        if CaseStudyPage.objects.child_of(city_page).filter(slug=practice["key"]).exists():
            continue
        is_origin = position == 0
        hero_image, hero_image_alt = heroes[practice["focus_areas"][0]]
        case_study_create(
            city_page=city_page,
            title=practice["title"].format(city=city_page.title),
            slug=practice["key"],
            summary=practice["summary"],
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
            partners=[partners[name] for name in practice.get("partners", []) if name in partners]
            if is_origin
            else [],
            adopted_by=[cities[other] for other in present[1:]] if is_origin else [],
            visibility=Visibility.MEMBERS if practice.get("members_only") else Visibility.PUBLIC,
            contact_name=contacts[slug]["contact_name"],
            contact_email=contacts[slug]["contact_email"],
            hero_image=hero_image,
            hero_image_alt=hero_image_alt,
            body=_body(practice, city_page.title, with_figures=is_origin),
        )


def _translation(translation: dict, cities: dict) -> None:
    city_page = cities.get(translation["city"])
    original = (
        CaseStudyPage.objects.child_of(city_page).filter(slug=translation["practice"]).first()
        if city_page
        else None
    )
    if original is None:
        return
    copy = CaseStudyPage.objects.filter(
        translation_key=original.translation_key, locale__language_code=translation["language"]
    ).first()
    if copy is not None and copy.alias_of_id is None:
        return
    case_study_translate(
        case_study=original,
        language=translation["language"],
        title=translation["title"],
        summary=translation["summary"],
    )


def _pending(practice: dict, cities: dict, contacts: dict, heroes: dict) -> None:
    """A case study its city's coordinator wrote and submitted for approval."""
    slug = practice["cities"][0]
    city_page = cities.get(slug)
    author = User.objects.filter(email=coordinator_email(slug)).first()
    if city_page is None or author is None:
        return
    if CaseStudyPage.objects.child_of(city_page).filter(slug=practice["key"]).exists():
        return
    hero_image, hero_image_alt = heroes[practice["focus_areas"][0]]
    page = case_study_create(
        city_page=city_page,
        title=practice["title"].format(city=city_page.title),
        slug=practice["key"],
        summary=practice["summary"],
        period_start=datetime.date(practice["started"], 9, 1),
        status=practice["status"],
        evidence_level=practice["evidence_level"],
        focus_areas=practice["focus_areas"],
        target_groups=practice["target_groups"],
        contact_name=author.name,
        contact_email=contacts[slug]["contact_email"],
        hero_image=hero_image,
        hero_image_alt=hero_image_alt,
        body=_body(practice, city_page.title, with_figures=False),
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
