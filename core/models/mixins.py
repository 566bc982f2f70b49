from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from core import page_tree
from core.selectors import hero_image

# Rows in the default language stand for all their translations (the focus areas a page is tagged
# with, the cities that adopted a practice): editors are offered each once, not once per language.
CANONICAL_LOCALE = {"locale__language_code": settings.LANGUAGE_CODE}


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
        return context

    def get_view_restrictions(self):
        """Wagtail's, but without the two queries for the page's ancestors and their
        restrictions while no page on the site has one (``core.page_tree``)."""
        if not page_tree.any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
