"""Case studies, resources and their pictures and documents, made by the portal's own services
(``knowledge.services.case_study_create``, ``core.services.page_create``,
``image_renditions_create``) as an editor's actions make them.

The factories are factory_boy's; ``case_study()`` is the short form most tests use."""

import datetime
from collections.abc import Sequence
from io import BytesIO

import factory
import PIL.Image

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.documents.models import Document
from wagtail.images.models import Image

from cities.models import Membership
from core.services import home_child_get_or_create, image_renditions_create, page_create
from knowledge.models import (
    CaseStudyPage,
    KnowledgeIndexPage,
    ResourceDocument,
    ResourcePage,
    Visibility,
)
from knowledge.services import case_study_create
from tests.factories.base import ServiceFactory
from tests.factories.cities import MembershipFactory


def knowledge_index() -> KnowledgeIndexPage:
    """``/knowledge/`` under the home page (the ``site_tree`` fixture builds the home)."""
    return home_child_get_or_create(KnowledgeIndexPage(title="Knowledge", slug="knowledge"))


class CaseStudyFactory(ServiceFactory):
    """A case study below a member city's page (``case_study_create``), published with its copies
    in every language tree unless told otherwise. The slug follows the title unless given."""

    class Meta:
        model = CaseStudyPage

    service = staticmethod(case_study_create)

    city_page = factory.LazyFunction(lambda: MembershipFactory().city_page)
    title = factory.Sequence(lambda number: f"Practice {number}")
    slug = ""
    summary = factory.Sequence(lambda number: f"Summary of practice {number}.")
    period_start = datetime.date(2024, 1, 1)
    focus_areas = ("safe-urban-space",)
    target_groups = ("children-young-people",)
    visibility = Visibility.PUBLIC
    publish = True
    aliases = True


def case_study(
    membership: Membership,
    title: str | None = None,
    *,
    focus_areas: Sequence[str] = ("safe-urban-space",),
    target_groups: Sequence[str] = ("children-young-people",),
    visibility: str = Visibility.PUBLIC,
    publish: bool = True,
    aliases: bool = True,
    **fields,
) -> CaseStudyPage:
    """A case study under the membership's city page (English tree).

    ``aliases=False`` skips the copies in the other language trees: much faster for the large
    data of query-count tests."""
    if title is not None:
        fields["title"] = title
    return CaseStudyFactory(
        city_page=membership.city_page,
        focus_areas=focus_areas,
        target_groups=target_groups,
        visibility=visibility,
        publish=publish,
        aliases=aliases,
        **fields,
    )


def picture(title: str, colour: str = "#0b3d5c") -> Image:
    """A picture of 1600 by 900 pixels, with the renditions the pages and the admin's chooser
    ask for made at upload, as the demo makes them."""
    buffer = BytesIO()
    PIL.Image.new("RGB", (1600, 900), colour).save(buffer, "PNG")
    image = Image(title=title, file=ImageFile(buffer, name=f"{title}.png"))
    image.save()
    image_renditions_create(image=image)
    return image


def pdf(title: str, filename: str = "manual.pdf") -> Document:
    """A small PDF document, with its size recorded as the admin's upload records it."""
    content = b"%PDF-1.4 manual"
    document = Document(title=title, file_size=len(content))
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    return document


class ResourceFactory(factory.django.DjangoModelFactory):
    """A resource or manual under ``/knowledge/`` (``page_create``: published, with its copies in
    every language tree). ``documents`` pairs each document with its language."""

    class Meta:
        model = ResourcePage

    title = factory.Sequence(lambda number: f"Manual {number}")
    slug = ""
    summary = "How to run a youth ambassador programme."

    @classmethod
    def _create(
        cls, model_class, *args, documents: Sequence[tuple[Document, str]] = (), **kwargs
    ) -> ResourcePage:
        page = model_class(**kwargs)
        page.documents = [
            ResourceDocument(document=document, language=language)
            for document, language in documents
        ]
        return page_create(parent=knowledge_index(), page=page)
