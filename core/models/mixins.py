from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from core import page_tree
from core.content_cache import content_key, content_store
from core.selectors import hero_image
from core.templatetags.chrome_tags import Alternate, translation_urls

# Rows in the default language stand for all their translations (the focus areas a page is tagged
# with, the cities that adopted a practice): editors are offered each once, not once per language.
CANONICAL_LOCALE = {"locale__language_code": settings.LANGUAGE_CODE}


@dataclass(frozen=True)
class Untranslated:
    """A page that a language tree shows in another language while it is not translated (an
    alias): the language its text is in, and the page in each language it is written in."""

    language: str
    versions: list[Alternate]


def untranslated_content(*, page: Page, request) -> Untranslated | None:
    """What ``templates/includes/untranslated_note.html`` says about ``page`` in the active
    language: None for a page written or translated in it (no query). For an alias, the language
    of the page it shows and the languages it exists in, with the addresses of
    ``translation_urls`` (cached on the content version, as these are: cold, one query each)."""
    if page.alias_of_id is None:
        return None
    written = _written_languages(page)
    language = next((code for code, pk in written.items() if pk == page.alias_of_id), None)
    if language is None or language == translation.get_language():
        return None
    urls = translation_urls(page, request)
    return Untranslated(
        language=language,
        versions=[
            Alternate(code=code, name=name, url=urls[code])
            for code, name in settings.LANGUAGES
            if code in written and code in urls
        ],
    )


def _written_languages(page: Page) -> dict[str, int]:
    """The languages in which ``page`` is live and not an alias, each with its version's id."""
    key = content_key("written-languages", page.translation_key)
    written = content_store.get(key)
    if written is None:
        written = dict(
            Page.objects.filter(
                translation_key=page.translation_key, alias_of__isnull=True, live=True
            ).values_list("locale__language_code", "pk")
        )
        content_store.set(key, written, timeout=None)
    return written


class HeroMixin(models.Model):
    """The introduction and hero image that public pages open with: the introduction is the lead
    under the title, the image stands below it (``core.selectors.hero_image``)."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences shown under the title and in listings."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("hero image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )

    hero_image_panels = [FieldPanel("hero_image"), FieldPanel("hero_image_alt")]
    hero_panels = [FieldPanel("introduction"), *hero_image_panels]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_image_alt.strip():
            raise ValidationError(
                {"hero_image_alt": _("Describe the image for people who cannot see it.")}
            )


class BasePage(HeroMixin, Page):
    """Every public page type of the portal derives from this: the title, the introduction and the
    hero image, in the editor in that order and the introduction searchable. A page type adds its
    own fields after them (``[*BasePage.content_panels, ...]``)."""

    content_panels = [*Page.content_panels, *HeroMixin.hero_panels]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read when the template first shows it, so that a page type whose hero comes with
        # data it has already (a case study's cached detail) sets its own and costs no query.
        context["hero_image"] = SimpleLazyObject(lambda: hero_image(page=self))
        # Whether the page is shown untranslated, for the note and the ``lang`` of its text.
        context["untranslated"] = SimpleLazyObject(
            lambda: untranslated_content(page=self, request=request)
        )
        return context

    def get_view_restrictions(self):
        """Wagtail's, but without the two queries for the page's ancestors and their
        restrictions while no page on the site has one (``core.page_tree``)."""
        if not page_tree.any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
