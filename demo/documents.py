"""The demo's manuals (demo/data/library.yaml): multi-page PDFs made with fpdf2, and each
resource's cover, the first page of its first document rendered with pdfium.

``document()`` is called by the library's loader (``demo.knowledge``) for each of a resource's
documents; ``seed()`` runs after it and gives each resource its cover as its hero image, with
the renditions the pages show made at once (``core.services.image_renditions_create``). Both
are idempotent: a document or a cover is made the first time only (matched by its title).
"""

import datetime
import math
from io import BytesIO
from pathlib import Path

import pypdfium2
from fpdf import FPDF
from PIL import Image as PillowImage
from PIL import ImageDraw

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from core.services import image_renditions_create
from demo.data import load
from knowledge.models import ResourcePage

# The cover image: the cover and the contents page side by side on a tint, in the proportions
# of the hero rendition (core.selectors.HERO_RENDITION), so that it is shown whole.
COVER_SIZE = (1200, 500)
COVER_PAGE_HEIGHT = 440
COVER_BACKGROUND = "#e8eef3"
# A fixed date in the files, so that the same data make the same bytes.
CREATED = datetime.datetime(2025, 1, 15, tzinfo=datetime.UTC)
INK = (27, 36, 48)


def document(*, title: str, lines: list[str], name: str):
    """The document titled ``title``, made the first time as the PDF file ``name``: a cover
    with ``lines`` and the chapters that library.yaml gives the document of that title."""
    document_model = get_document_model()
    existing = document_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    resource, spec = _document_spec(title)
    content = ContentFile(
        manual_pdf(lines=lines, chapters=spec.get("chapters", []), colour=resource["colour"]),
        name=name,
    )
    created = document_model(title=title, file=content, file_size=content.size)
    created.file_hash = hash_filelike(content)
    created.save()
    return created


def seed(*, scale: int, log) -> None:
    """Each resource's cover, from its first document, as the resource's hero image."""
    covered = 0
    for data in load("library")["resources"]:
        page = ResourcePage.objects.filter(locale__language_code="en", slug=data["slug"]).first()
        row = page.documents.select_related("document").first() if page else None
        if row is None:
            continue
        image = cover_image(title=f"Cover of {page.title}", document=row.document)
        if page.hero_image_id != image.pk:
            page.hero_image = image
            page.hero_image_alt = data["cover_alt"]
            page.save_revision(log_action=True).publish()
        covered += 1
    log(f"{covered} manuals with their covers")


def cover_image(*, title: str, document):
    """The image titled ``title`` of ``document``'s first two pages, made the first time, with
    its renditions."""
    image_model = get_image_model()
    image = image_model.objects.filter(title=title).first()
    if image is None:
        with document.file.open("rb") as handle:
            pages = render_pages(handle.read(), count=2, height=COVER_PAGE_HEIGHT)
        buffer = BytesIO()
        _cover_picture(pages).save(buffer, "PNG", optimize=True)
        name = f"{Path(document.file.name).stem}-cover.png"
        image = image_model(title=title, file=ImageFile(buffer, name=name))
        image.save()
    image_renditions_create(image=image)
    return image


def render_pages(data: bytes, *, count: int, height: int) -> list[PillowImage.Image]:
    """The first ``count`` pages of a PDF as pictures ``height`` pixels high."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        pictures = []
        for index in range(min(count, len(pdf))):
            page = pdf[index]
            pictures.append(page.render(scale=height / page.get_height()).to_pil())
            page.close()
        return pictures
    finally:
        pdf.close()


def _cover_picture(pages: list[PillowImage.Image]) -> PillowImage.Image:
    picture = PillowImage.new("RGB", COVER_SIZE, COVER_BACKGROUND)
    draw = ImageDraw.Draw(picture)
    total = sum(page.width for page in pages) + 40 * (len(pages) - 1)
    left = (COVER_SIZE[0] - total) // 2
    top = (COVER_SIZE[1] - COVER_PAGE_HEIGHT) // 2
    for page in pages:
        draw.rectangle((left + 8, top + 8, left + page.width + 8, top + page.height + 8), "#b5c3cf")
        picture.paste(page.convert("RGB"), (left, top))
        left += page.width + 40
    return picture


def manual_pdf(*, lines: list[str], chapters: list[dict], colour: str) -> bytes:
    """An A4 manual: a cover in ``colour`` with ``lines`` (title, subtitle, edition), a
    contents page, and each chapter (``title`` and ``paragraphs``) from a new page."""
    pdf = _Manual(title=lines[0])
    pdf.add_page()
    _cover(pdf, lines, colour)
    pdf.add_page()
    pdf.insert_toc_placeholder(_contents, pages=1)  # and on to a new page for chapter 1
    for number, chapter in enumerate(chapters, start=1):
        if number > 1:
            pdf.add_page()
        heading = f"{number}. {_latin(chapter['title'])}"
        pdf.start_section(heading)
        pdf.set_font("Helvetica", "B", 20)
        pdf.set_text_color(*_rgb(colour))
        pdf.multi_cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font("Helvetica", "", 11.5)
        pdf.set_text_color(*INK)
        for paragraph in chapter["paragraphs"]:
            pdf.multi_cell(0, 6.2, _latin(paragraph), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3.5)
    return bytes(pdf.output())


class _Manual(FPDF):
    """A4 pages with the manual's title and the page number in the footer (not on the cover)."""

    def __init__(self, *, title: str):
        super().__init__(format="A4", unit="mm")
        self.manual_title = _latin(title)
        self.set_title(self.manual_title)
        self.set_author("Nordic Safe Cities")
        self.set_creation_date(CREATED)
        self.set_margins(22, 24, 22)
        self.set_auto_page_break(True, margin=22)

    def footer(self):
        if self.page_no() == 1:
            return
        self.set_y(-15)
        self.set_font("Helvetica", "", 9)
        self.set_text_color(90, 100, 112)
        self.cell(0, 8, f"{self.manual_title}  |  {self.page_no()}", align="R")


def _cover(pdf: FPDF, lines: list[str], colour: str) -> None:
    red, green, blue = _rgb(colour)
    pdf.set_fill_color(red, green, blue)
    pdf.rect(0, 0, pdf.w, pdf.h, style="F")
    pdf.set_fill_color(255, 255, 255)
    for number in range(12):  # a ring of dots: the network's cities joined together
        angle = 2 * math.pi * number / 12
        x, y = 150 + 34 * math.cos(angle), 62 + 34 * math.sin(angle)
        pdf.circle(x, y, 4.5 if number % 2 else 3, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(22, 130)
    pdf.set_font("Helvetica", "B", 34)
    pdf.multi_cell(166, 15, _latin(lines[0]), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Helvetica", "", 16)
    for line in lines[1:2]:
        pdf.multi_cell(150, 8, _latin(line), new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(22, 262)
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(166, 7, "\n".join(_latin(line) for line in lines[2:]))


def _contents(pdf: FPDF, outline) -> None:
    pdf.set_xy(pdf.l_margin, pdf.t_margin)
    pdf.set_font("Helvetica", "B", 20)
    pdf.set_text_color(*INK)
    pdf.cell(0, 12, "Contents", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Helvetica", "", 12)
    for section in outline:
        pdf.cell(150, 9, section.name)
        pdf.cell(0, 9, str(section.page_number), align="R", new_x="LMARGIN", new_y="NEXT")


def _document_spec(title: str) -> tuple[dict, dict]:
    """The resource and the document of library.yaml that has ``title``."""
    for resource in load("library")["resources"]:
        for spec in resource["documents"]:
            if spec["title"] == title:
                return resource, spec
    raise KeyError(title)


def _latin(text: str) -> str:
    """The text in the PDF core fonts' Latin-1 (the Nordic letters are in it)."""
    return text.replace("\u2019", "'").replace("\u2013", "-")


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[index : index + 2], 16) for index in (1, 3, 5))
