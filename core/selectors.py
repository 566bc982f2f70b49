"""Reads shared by every page: the site's chrome (menu, footer), the network figures and the
hero image."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language

from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Locale, Page, Site

from core.app_modules import app_modules
from core.content_cache import content_cached, content_key, content_store

# The renditions of an image that the portal shows: a page's hero image under its title, an image
# in a page's body (templates/blocks/captioned_image_block.html) and the admin's chooser
# thumbnail. ``core.services.image_renditions_create`` makes them all when an image is saved
# (``core.signals``), so that no visitor's request ever generates one.
HERO_RENDITION = "fill-1200x500"
BODY_IMAGE_RENDITION = "width-960"
ADMIN_THUMBNAIL_RENDITION = "max-165x165"
IMAGE_RENDITIONS = (HERO_RENDITION, BODY_IMAGE_RENDITION, ADMIN_THUMBNAIL_RENDITION)


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class SiteChrome:
    menu: list[Link]
    footer: list[Link]
    contact_email: str


@dataclass(frozen=True)
class Figure:
    value: int
    label: str
    position: int = 100


@dataclass(frozen=True)
class HeroImage:
    """A page's hero image as its stored rendition, ready for an ``<img>`` with its ``alt``."""

    url: str
    width: int
    height: int
    alt: str


def site_chrome(*, language: str | None = None) -> SiteChrome:
    """The header menu and footer links in ``language``.

    Built from the home page's children that are shown in menus and from ``SiteSettings``, then
    kept in the cache until public content changes (``core.content_cache``): zero queries on a
    warm cache, five on a cold one (locale, site with its home page, view restrictions, menu pages,
    settings with its linked pages).
    """
    language = language or get_language() or settings.LANGUAGE_CODE
    return content_cached("site-chrome", language, build=lambda: _build_site_chrome(language))


def _build_site_chrome(language: str) -> SiteChrome:
    from core.models import SiteSettings

    locale = Locale.objects.filter(language_code=language).first()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    menu: list[Link] = []
    if site is not None:
        home = _localized(site.root_page, locale)
        menu = [
            Link(page.title, page.get_url())
            for page in home.get_children().live().public().in_menu().specific(defer=True)
        ]
    site_settings = SiteSettings.objects.select_related(
        "about_page", "privacy_page", "accessibility_page"
    ).first()
    footer: list[Link] = []
    if site_settings is not None:
        for field in ("about_page", "privacy_page", "accessibility_page"):
            page = getattr(site_settings, field)
            if page is not None and page.live:
                target = _localized(page, locale)
                footer.append(Link(target.title, target.get_url()))
    return SiteChrome(
        menu=menu,
        footer=footer,
        contact_email=site_settings.contact_email if site_settings else "",
    )


def _localized(page: Page, locale: Locale | None) -> Page:
    """The live translation (or alias) of ``page`` in ``locale``, else the page itself."""
    if locale is None or page.locale_id == locale.pk:
        return page
    translation = page.get_translation_or_none(locale)
    return translation if translation is not None and translation.live else page


def network_figures(*, language: str | None = None) -> list[Figure]:
    """The network's figures, each counted from the data by the app that owns it.

    Every app may have a ``figures`` module with ``figures() -> list[Figure]``; the home page
    shows them in ``Figure.position`` order. Cached until public content changes
    (``core.content_cache``): no query on a warm cache.
    """
    language = language or get_language() or settings.LANGUAGE_CODE
    key = content_key("network-figures", language)
    figures = content_store.get(key)
    if figures is None:
        collected = [figure for module in app_modules("figures") for figure in module.figures()]
        figures = [
            Figure(figure.value, str(figure.label), figure.position)
            for figure in sorted(collected, key=lambda figure: figure.position)
        ]
        content_store.set(key, figures, timeout=None)
    return figures


def hero_image(*, page) -> HeroImage | None:
    """The page's hero image as its hero rendition, with the page's alternative text: one query
    (the rendition with its image) when the page has an image, none otherwise.

    The rendition is read, never made: it was made when the image was saved. An image without it
    (its rendition task has not run yet) shows no hero rather than a visitor waiting for it."""
    if page.hero_image_id is None:
        return None
    image_filter = Filter(spec=HERO_RENDITION)
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(image_id=page.hero_image_id, filter_spec=HERO_RENDITION)
        .select_related("image")
    )
    # A rendition made before the image's focal point moved has another key, as in Wagtail.
    rendition = next(
        (r for r in renditions if r.focal_point_key == image_filter.get_cache_key(r.image)), None
    )
    if rendition is None:
        return None
    return HeroImage(rendition.url, rendition.width, rendition.height, page.hero_image_alt)
