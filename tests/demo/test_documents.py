"""The demo's manuals: real multi-page PDFs, and each resource's cover made from its first page."""

from io import StringIO

import pypdfium2
import pytest

from django.core.management import call_command

from core.selectors import IMAGE_RENDITIONS
from demo.data import load
from demo.documents import manual_pdf, render_pages
from knowledge.models import ResourcePage


def page_text(pdf, index: int) -> str:
    return pdf[index].get_textpage().get_text_range()


@pytest.mark.parametrize(
    ("resource", "spec"),
    [
        (resource, spec)
        for resource in load("library")["resources"]
        for spec in resource["documents"]
    ],
    ids=lambda value: value.get("language", value.get("slug")),
)
def test_a_manual_has_a_cover_a_contents_page_and_its_chapters(resource, spec):
    data = manual_pdf(lines=spec["lines"], chapters=spec["chapters"], colour=resource["colour"])

    pdf = pypdfium2.PdfDocument(data)
    assert 4 <= len(pdf) <= 12
    assert spec["lines"][0] in page_text(pdf, 0)
    contents = page_text(pdf, 1)
    assert "Contents" in contents
    for number, chapter in enumerate(spec["chapters"], start=1):
        assert f"{number}. {chapter['title'][:30]}" in " ".join(contents.split())
    chapters = " ".join(page_text(pdf, index) for index in range(2, len(pdf)))
    first_words = " ".join(spec["chapters"][0]["paragraphs"][0].split()[:6])
    assert first_words in " ".join(chapters.split())


def test_the_first_page_renders_in_the_resources_colour():
    resource = load("library")["resources"][0]
    spec = resource["documents"][0]
    data = manual_pdf(lines=spec["lines"], chapters=spec["chapters"], colour=resource["colour"])

    (cover,) = render_pages(data, count=1, height=200)

    red, green, blue = (int(resource["colour"][i : i + 2], 16) for i in (1, 3, 5))
    assert cover.height == 200
    assert cover.convert("RGB").getpixel((5, 195)) == pytest.approx((red, green, blue), abs=2)


@pytest.mark.django_db
def test_each_seeded_manual_is_a_real_pdf_with_a_cover_whose_renditions_exist(
    two_cities_of_demo_data,
):
    call_command("seed_demo", stdout=StringIO())

    (data,) = two_cities_of_demo_data["library"]["resources"]
    resource = ResourcePage.objects.get(locale__language_code="en", slug=data["slug"])
    rows = list(resource.documents.select_related("document"))
    assert len(rows) == len(data["documents"])
    for row in rows:
        with row.document.file.open("rb") as handle:
            content = handle.read()
        assert content.startswith(b"%PDF-")
        assert len(content) > 4 * 1024
        assert row.document.file_size == len(content)
        assert len(pypdfium2.PdfDocument(content)) > 1
    cover = resource.hero_image
    assert cover.title == f"Cover of {resource.title}"
    assert resource.hero_image_alt == data["cover_alt"]
    assert set(cover.renditions.values_list("filter_spec", flat=True)) == set(IMAGE_RENDITIONS)
    for rendition in cover.renditions.all():
        assert rendition.file.storage.exists(rendition.file.name)
    translated = ResourcePage.objects.get(locale__language_code="sv", slug=data["slug"])
    assert translated.hero_image_id == cover.pk
