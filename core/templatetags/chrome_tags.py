from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

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

    A Wagtail page links to its live translations or aliases, and keeps what the address adds
    to the page's own (a routable page's sub-route, the filters, the search, the page number);
    any other view links to the same path under each language prefix. Memoised on the request.
    """
    request = context.get("request")
    if request is None:
        return []
    cached = getattr(request, "_language_alternates", None)
    if cached is not None:
        return cached
    page = context.get("page")
    path = request.get_full_path()
    urls: dict[str, str] = {}
    if isinstance(page, Page):
        urls = translation_urls(page, request)
        own = urls.get(translation.get_language(), "")
        rest = path[len(own) :] if own and path.startswith(own) else ""
        urls = {code: url + rest for code, url in urls.items()}
    alternates = [
        Alternate(
            code=code,
            name=name,
            url=request.build_absolute_uri(urls.get(code) or translate_url(path, code)),
        )
        for code, name in settings.LANGUAGES
    ]
    request._language_alternates = alternates
    return alternates


def translation_urls(page: Page, request) -> dict[str, str]:
    """The URL of ``page``'s live translations and aliases by language code: cached on the
    content version (no query); cold, one query."""
    return {code: url for code, (url, _written) in _translations(page, request).items()}


def written_translation_urls(page: Page, request) -> dict[str, str]:
    """As ``translation_urls``, only the versions written in their language (no alias), from
    the same cache entry: no query more."""
    return {code: url for code, (url, written) in _translations(page, request).items() if written}


def _translations(page: Page, request) -> dict[str, tuple[str, bool]]:
    """By language code, the URL of each live translation or alias of ``page`` and whether it is
    written in that language (not an alias)."""
    key = content_cache.content_key("translations", page.pk)
    versions = content_cache.content_store.get(key)
    if versions is None:
        versions = {}
        for version in page.get_translations(inclusive=True).live().select_related("locale"):
            url = version.get_url(request)
            if url:
                versions[version.locale.language_code] = (url, version.alias_of_id is None)
        content_cache.content_store.set(key, versions, timeout=None)
    return versions
