"""Demo knowledge library: /knowledge/, case studies of every member city, two resources.

Case studies are published as the secretariat would publish them (the services skip moderation
for the system); two more wait in the secretariat's moderation queue, submitted by their city's
coordinator. Some case studies are translated into their city's language: the copy in that
language tree (an alias of the English page) is turned into a page of its own with a translated
title and summary, as wagtail-localize does when a translation is first saved
(``knowledge.services.case_study_translate``). The ALL'IN youth manual and the Safe Cities guide
come with small PDF documents made here, and every image with its renditions.
"""

import datetime
import math
import random
from io import BytesIO

from PIL import Image as PillowImage
from PIL import ImageDraw

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.html import escape

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.rich_text import RichText
from wagtail.utils.file import hash_filelike

from accounts.models import User
from charter.models import FocusArea
from cities import demo_data as cities_demo_data
from cities.demo import coordinator_email
from cities.models import CityPage, Membership, MembershipStatus, Partner
from core.services import home_child_get_or_create, page_create
from knowledge import demo_data
from knowledge.models import (
    CaseStudyPage,
    KnowledgeIndexPage,
    ResourceDocument,
    ResourcePage,
    Visibility,
)
from knowledge.reference_data import TARGET_GROUP_CODES
from knowledge.selectors.detail import HERO_RENDITION
from knowledge.services import (
    case_study_create,
    case_study_submit,
    case_study_translate,
    image_renditions_create,
)
from knowledge.workflow import ensure_moderation_workflow

# Seeded after the cities, their coordinators and partners.
ORDER = 30
# The renditions the public pages and the admin's image chooser ask for.
RENDITIONS = [HERO_RENDITION, "max-165x165"]
# --scale 10 (make bench): 5,000 case studies, the library's pinned query counts' upper size.
SYNTHETIC_PER_SCALE = 500
SYNTHETIC_SLUG = "synthetic-practice-{number:05d}"


def seed(*, scale: int, log) -> None:
    ensure_moderation_workflow()
    index = _knowledge_index()
    images = {key: _illustration(key, data) for key, data in demo_data.ILLUSTRATIONS.items()}
    cities = {
        page.slug: page
        for page in CityPage.objects.filter(
            locale__language_code="en", slug__in={data["slug"] for data in cities_demo_data.CITIES}
        )
    }
    partners = {partner.name: partner for partner in Partner.objects.all()}
    for practice in demo_data.PRACTICES:
        _practice(practice, cities, partners, images)
    for key, city_slug, language, fields in demo_data.TRANSLATIONS:
        _translation(key, city_slug, language, fields, cities)
    for practice in demo_data.PENDING:
        _pending(practice, cities, images)
    for resource in demo_data.RESOURCES:
        _resource(index, resource, images)
    if scale > 1:
        _synthetic(count=SYNTHETIC_PER_SCALE * scale)
    english = CaseStudyPage.objects.filter(locale__language_code="en")
    log(
        f"{english.live().count()} published case studies ("
        f"{english.live().filter(visibility=Visibility.MEMBERS).count()} for members only, "
        f"{CaseStudyPage.objects.exclude(locale__language_code='en').filter(alias_of__isnull=True).count()}"
        f" translations), {english.filter(live=False).count()} awaiting approval, "
        f"{ResourcePage.objects.filter(locale__language_code='en').count()} resources"
    )


def _knowledge_index() -> KnowledgeIndexPage:
    return home_child_get_or_create(
        KnowledgeIndexPage(
            title=demo_data.INDEX["title"],
            slug=demo_data.INDEX["slug"],
            introduction=demo_data.INDEX["introduction"],
            show_in_menus=True,
        )
    )


# --- Case studies ------------------------------------------------------------------------------


def _city_data(slug: str) -> dict:
    return next(data for data in cities_demo_data.CITIES if data["slug"] == slug)


def _body(practice: demo_data.PracticeData, city: str, *, with_figures: bool) -> list:
    body: list = [
        ("paragraph", RichText(f"<p>{escape(text.format(city=city))}</p>"))
        for text in practice["paragraphs"]
    ]
    if with_figures and "key_facts" in practice:
        body.append(
            (
                "key_facts",
                [{"label": label, "value": value} for label, value in practice["key_facts"]],
            )
        )
    if with_figures and "results" in practice:
        body.append(("results", RichText(f"<p>{escape(practice['results'])}</p>")))
    return body


def _practice(practice: demo_data.PracticeData, cities: dict, partners: dict, images: dict):
    """The practice's case study in each of its cities; the first is where it started."""
    present = [slug for slug in practice["cities"] if slug in cities]
    for position, slug in enumerate(present):
        city_page = cities[slug]
        if CaseStudyPage.objects.child_of(city_page).filter(slug=practice["key"]).exists():
            continue
        is_origin = position == 0
        city = _city_data(slug)
        image_key = practice["focus_areas"][0]
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
            contact_name=city["contact_name"],
            contact_email=city["contact_email"],
            hero_image=images[image_key],
            hero_image_alt=demo_data.ILLUSTRATIONS[image_key]["alt"],
            body=_body(practice, city_page.title, with_figures=is_origin),
        )


def _translation(key: str, city_slug: str, language: str, fields: dict, cities: dict) -> None:
    city_page = cities.get(city_slug)
    original = (
        CaseStudyPage.objects.child_of(city_page).filter(slug=key).first() if city_page else None
    )
    if original is None:
        return
    copy = CaseStudyPage.objects.filter(
        translation_key=original.translation_key, locale__language_code=language
    ).first()
    if copy is not None and copy.alias_of_id is None:
        return
    case_study_translate(case_study=original, language=language, **fields)


def _pending(practice: demo_data.PracticeData, cities: dict, images: dict) -> None:
    """A case study its city's coordinator wrote and submitted for approval."""
    slug = practice["cities"][0]
    city_page = cities.get(slug)
    author = User.objects.filter(email=coordinator_email(slug)).first()
    if city_page is None or author is None:
        return
    if CaseStudyPage.objects.child_of(city_page).filter(slug=practice["key"]).exists():
        return
    image_key = practice["focus_areas"][0]
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
        contact_email=_city_data(slug)["contact_email"],
        hero_image=images[image_key],
        hero_image_alt=demo_data.ILLUSTRATIONS[image_key]["alt"],
        body=_body(practice, city_page.title, with_figures=False),
        publish=False,
        by=author,
    )
    case_study_submit(case_study=page, by=author)


def _synthetic(*, count: int) -> None:
    """Plain case studies spread over the member cities, for benchmarks (English tree only)."""
    cities = list(
        CityPage.objects.filter(
            locale__language_code="en",
            translation_key__in=Membership.objects.filter(status=MembershipStatus.ACTIVE).values(
                "city_page__translation_key"
            ),
        ).order_by("path")
    )
    if not cities:
        return
    existing = CaseStudyPage.objects.filter(
        locale__language_code="en", slug__startswith="synthetic-practice-"
    ).count()
    areas = list(
        FocusArea.objects.filter(locale__language_code="en").values_list("slug", flat=True)
    )
    rng = random.Random(2016)
    for number in range(existing + 1, count + 1):
        city_page = cities[number % len(cities)]
        case_study_create(
            city_page=city_page,
            title=f"Synthetic practice {number:05d}",
            slug=SYNTHETIC_SLUG.format(number=number),
            summary="A synthetic case study for load testing.",
            period_start=datetime.date(2016 + number % 10, 1 + number % 12, 1),
            focus_areas=rng.sample(areas, k=1 + number % 3),
            target_groups=rng.sample(TARGET_GROUP_CODES, k=1 + number % 2),
            visibility=Visibility.MEMBERS if number % 10 == 0 else Visibility.PUBLIC,
            body=[("paragraph", RichText("<p>A synthetic practice.</p>"))],
            aliases=False,
        )


# --- Resources ---------------------------------------------------------------------------------


def _resource(index: KnowledgeIndexPage, data: demo_data.ResourceData, images: dict) -> None:
    if ResourcePage.objects.child_of(index).filter(slug=data["slug"]).exists():
        return
    page = ResourcePage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        body=[("paragraph", RichText(f"<p>{escape(text)}</p>")) for text in data["paragraphs"]],
        hero_image=images[data["illustration"]],
        hero_image_alt=demo_data.ILLUSTRATIONS[data["illustration"]]["alt"],
    )
    page.focus_areas = list(
        FocusArea.objects.filter(locale__language_code="en", slug__in=data["focus_areas"])
    )
    page.documents = [
        ResourceDocument(
            document=_document(title, lines, data["slug"], language), language=language
        )
        for language, title, lines in data["documents"]
    ]
    page_create(parent=index, page=page)


def _document(title: str, lines: list[str], slug: str, language: str):
    document_model = get_document_model()
    existing = document_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    content = ContentFile(_pdf(lines), name=f"{slug}-{language}.pdf")
    document = document_model(title=title, file=content, file_size=content.size)
    document.file_hash = hash_filelike(content)
    document.save()
    return document


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with ``lines`` of text in Helvetica (Windows-1252 covers the Nordic
    letters)."""

    def literal(text: str) -> bytes:
        encoded = text.encode("cp1252")
        return (
            b"("
            + encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            + b")"
        )

    text = (
        b"BT /F1 14 Tf 18 TL 72 770 Td "
        + b" ".join(literal(line) + b" Tj T*" for line in lines)
        + b" ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(text)).encode() + b" >>\nstream\n" + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    output += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(output)


# --- Images ------------------------------------------------------------------------------------


def _illustration(key: str, data: demo_data.IllustrationData):
    image_model = get_image_model()
    image = image_model.objects.filter(title=data["title"]).first()
    if image is None:
        buffer = BytesIO()
        _draw(key, data["colours"]).save(buffer, "PNG", optimize=True)
        image = image_model(title=data["title"], file=ImageFile(buffer, name=f"{key}.png"))
        image.save()
    image_renditions_create(image=image, specs=RENDITIONS)
    return image


def _draw(key: str, colours: tuple[str, str, str]) -> PillowImage.Image:
    """A simple flat illustration of what the alternative text in ``demo_data`` describes."""
    dark, bright, light = colours
    width, height = 1600, 900
    image = PillowImage.new("RGB", (width, height), dark)
    draw = ImageDraw.Draw(image)
    rng = random.Random(key)
    if key == "safe-urban-space":
        for left in range(60, width - 160, 180):
            top = rng.randint(250, 520)
            draw.rectangle((left, top, left + 150, height), fill=light)
            for row in range(top + 30, height - 40, 70):
                for column in range(left + 20, left + 130, 45):
                    if rng.random() < 0.6:
                        draw.rectangle((column, row, column + 25, row + 35), fill=bright)
        for left in range(140, width, 360):
            draw.rectangle((left, 560, left + 10, height), fill=bright)
            draw.ellipse((left - 25, 530, left + 35, 590), fill=bright)
    elif key == "safe-online-sphere":
        for _number in range(9):
            left, top = rng.randint(60, width - 560), rng.randint(60, height - 300)
            draw.rounded_rectangle((left, top, left + 480, top + 200), 40, fill=bright)
            draw.polygon(
                [(left + 60, top + 190), (left + 140, top + 190), (left + 50, top + 260)],
                fill=bright,
            )
            for line in range(3):
                draw.rectangle(
                    (left + 50, top + 45 + line * 45, left + 400 - line * 90, top + 65 + line * 45),
                    fill=light,
                )
    elif key in {"strong-families", "strong-youth-engagement"}:
        draw.rectangle((0, 0, width, height), fill=light)
        sizes = [150, 120, 90, 70] if key == "strong-families" else [80] * 8
        left = 200
        for size in sizes:
            colour = dark if key == "strong-families" else rng.choice([dark, bright, "#0b3d5c"])
            draw.ellipse((left, 300 - size, left + size * 1.4, 300 + size * 0.4), fill=colour)
            draw.rounded_rectangle((left, 330, left + size * 1.4, 330 + size * 3), 30, fill=colour)
            left += int(size * 1.4) + (60 if key == "strong-families" else 50)
    elif key == "safe-public-institutions":
        draw.rectangle((0, 0, width, height), fill=light)
        draw.polygon([(400, 300), (800, 120), (1200, 300)], fill=dark)
        for left in range(430, 1200, 120):
            draw.rectangle((left, 320, left + 50, 760), fill=dark)
        draw.rectangle((380, 760, 1220, 820), fill=dark)
        draw.rectangle((760, 560, 840, 760), fill=bright)
    elif key == "safe-communities":
        draw.rectangle((0, 0, width, 620), fill=light)
        draw.rectangle((0, 620, width, height), fill=bright)
        for left in range(80, width - 200, 300):
            draw.rectangle((left, 380, left + 220, 620), fill=dark)
            draw.polygon([(left - 20, 380), (left + 110, 260), (left + 240, 380)], fill=dark)
            draw.rectangle((left + 85, 520, left + 135, 620), fill=bright)
    else:
        dots = 12 if key == "allin-cover" else 6
        for number in range(dots):
            angle = number / dots * 2 * math.pi
            x, y = 800 + 220 * math.cos(angle), 450 + 220 * math.sin(angle)
            draw.ellipse((x - 45, y - 45, x + 45, y + 45), fill=bright if number % 2 else light)
    return image
