"""Wagtail's search backend, stemming every page in its own language on PostgreSQL.

Wagtail's database backend builds every PostgreSQL tsvector and tsquery with one text-search
configuration for the whole index, so Swedish, Danish and Finnish words would all be stemmed as
English. On PostgreSQL this backend instead

- indexes a translatable object (a page, a translated snippet) with the configuration of its
  locale's language, and anything else (images, documents) with the backend's own one;
- searches translatable models with the configuration of the active language: the visitor's on the
  public site, where the library and /search/ also keep to the page tree of that language, and the
  editor's in the admin.

PostgreSQL has no Icelandic stemmer: Icelandic is indexed and searched unstemmed ('simple').
Autocomplete keeps Wagtail's unstemmed 'simple' configuration. On SQLite and any other database
this is Wagtail's database backend unchanged (SQLite's FTS5 has no per-language stemming).

Settings: ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "core.search"}}``.
"""

from django.db import connection
from django.utils import translation

from wagtail.models import Locale, TranslatableMixin
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.search.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

# PostgreSQL's text-search configuration for each of the portal's languages.
LANGUAGE_CONFIGS = {
    "da": "danish",
    "en": "english",
    "fi": "finnish",
    "is": "simple",
    "nb": "norwegian",
    "sv": "swedish",
}
UNKNOWN_LANGUAGE_CONFIG = "simple"


def language_search_config(language_code: str | None) -> str:
    """The text-search configuration for a language code ('sv', 'nb', 'en-gb', …)."""
    base = (language_code or "").lower().split("-")[0]
    return LANGUAGE_CONFIGS.get(base, UNKNOWN_LANGUAGE_CONFIG)


class LanguageIndex(PostgresIndex):
    def add_items(self, model, objs):
        objs = list(objs)
        if not issubclass(model, TranslatableMixin):
            return super().add_items(model, objs)
        languages = dict(
            Locale.objects.filter(pk__in={obj.locale_id for obj in objs}).values_list(
                "pk", "language_code"
            )
        )
        groups: dict[str, list] = {}
        for obj in objs:
            config = language_search_config(languages.get(obj.locale_id))
            groups.setdefault(config, []).append(obj)
        # Wagtail's indexer reads the configuration off the backend, which is made anew for each
        # use (wagtail.search.backends.get_search_backend), so it is set per group and restored.
        default = self.backend.config
        try:
            for config, group in groups.items():
                self.backend.config = config
                super().add_items(model, group)
        finally:
            self.backend.config = default


class LanguageQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        if issubclass(self.queryset.model, TranslatableMixin):
            return language_search_config(translation.get_language())
        return backend.config


class LanguagePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = LanguageQueryCompiler
    index_class = LanguageIndex


# Wagtail calls a backend module's SearchBackend with the backend's settings.
def SearchBackend(params):
    if connection.vendor == "postgresql":
        return LanguagePostgresSearchBackend(params)
    return DatabaseSearchBackend(params)
