"""``/sitemap.xml``: Wagtail's sitemap in every language, each URL with its alternates.

Wagtail's own sitemap lists the default site's tree only (English here, since the other
languages' home pages are siblings of the English one) and no ``hreflang`` alternates. This one
lists every language tree and gives each URL an ``<xhtml:link rel="alternate">`` for every
listed translation or alias of its page (itself included) and an ``x-default`` for the default
language, as search engines ask. What a page lists is still its own ``get_sitemap_urls``: a
members-only case study lists nothing, in any language.
"""

from collections import defaultdict
from functools import cached_property

from django.conf import settings
from django.core.paginator import Paginator

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from outward.selectors.channels import language_codes, sitemap_pages


def sitemap(request):
    """The view for ``/sitemap.xml``."""
    return wagtail_sitemap(request, sitemaps={"pages": LocalizedSitemap})


class LocalizedSitemap(Sitemap):
    """Five queries plus one per page type present, whatever the number of pages (the locales,
    the site for the request, then ``sitemap_pages``), and the site root paths on a cold
    cache."""

    def items(self):
        return self._pages

    @cached_property
    def _pages(self) -> list:
        return sitemap_pages(site=self.get_wagtail_site())

    @property
    def paginator(self):
        return Paginator(self._url_infos, self.limit)

    def _urls(self, page, protocol, domain):
        urls = list(self.paginator.page(page).object_list)
        last_mods = {url_info.get("lastmod") for url_info in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    @cached_property
    def _url_infos(self) -> list[dict]:
        """Each listed URL, with the alternates of its page. Built for every page at once, so
        that the alternates on one sitemap page may point at URLs on another."""
        languages = language_codes()
        listed = []
        for page in self.items():
            language = languages.get(page.locale_id, "")
            for url_info in page.get_sitemap_urls(self.request):
                if url_info.get("location"):
                    listed.append((page, language, url_info))
        # Routable pages with extra URLs get alternates for their main URL only.
        versions = defaultdict(dict)
        for page, language, url_info in listed:
            versions[page.translation_key].setdefault(language, url_info["location"])
        infos = []
        for page, language, url_info in listed:
            page_versions = versions[page.translation_key]
            if url_info["location"] == page_versions.get(language):
                url_info = {**url_info, "alternates": _alternates(page_versions)}
            infos.append(url_info)
        return infos


def _alternates(versions: dict[str, str]) -> list[dict]:
    ordered = [
        {"lang_code": code, "location": versions[code]}
        for code, _name in settings.LANGUAGES
        if code in versions
    ]
    if settings.LANGUAGE_CODE in versions:
        ordered.append({"lang_code": "x-default", "location": versions[settings.LANGUAGE_CODE]})
    return ordered
