from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url

from wagtail.models import Page

from core import content_cache
from core.selectors import site_chrome as site_chrome_selector

register = template.Library()


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str
    url: str


@register.simple_tag(takes_context=True)
def site_chrome(context):
    """The cached menu and footer links for the active language."""
    return site_chrome_selector()


@register.simple_tag
def content_version():
    """The version of public content (``core.content_cache``), read once per request: vary a
    ``{% cache %}`` fragment on it, and a change that shows on public pages leaves the old
    fragment unused."""
    return content_cache.content_version()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The current page in every language, for hreflang links and the language switcher.

    A Wagtail page links to its live translations or aliases (one query, memoised on the request);
    any other view links to the same path under each language prefix.
    """
    request = context.get("request")
    if request is None:
        return []
    cached = getattr(request, "_language_alternates", None)
    if cached is not None:
        return cached
    page = context.get("page")
    urls: dict[str, str] = {}
    if isinstance(page, Page):
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            url = translation.get_url(request)
            if url:
                urls[translation.locale.language_code] = request.build_absolute_uri(url)
    path = request.get_full_path()
    alternates = [
        Alternate(
            code=code,
            name=name,
            url=urls.get(code) or request.build_absolute_uri(translate_url(path, code)),
        )
        for code, name in settings.LANGUAGES
    ]
    request._language_alternates = alternates
    return alternates
