"""The public shell in the portal's other languages (demo/data/shell_translations.yaml).

Each page named there becomes, in every language tree where it is still an alias of the English
page, a translation of its own, made as the admin's "Translate" makes it with wagtail-localize:
the English page's ``TranslationSource`` (its texts as segments), a ``StringTranslation`` for each
text in each language, and ``Translation.save_target()``, which turns the alias into a page with
the translated texts. The admin then shows the page as a synced translation that a translator
edits in wagtail-localize's editor, and a new English text reaches it with "Sync translated pages".

Slugs stay English (each translation keeps the slug its alias had), so every address the portal,
its links and its visitors know works in every language: the language is in the prefix already.

A page translated already is left as it is (a translator may have changed it), so seeding again
changes nothing. The shell's own pages are translated by ``demo.shell``; the index pages that the
later loaders make by ``seed``, the last loader.
"""

from collections import defaultdict

from django.db import transaction

from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue

from core.models import CANONICAL_LOCALE, HomePage
from demo.bulk import side_work_deferred
from demo.data import DemoDataError, load

DATA_FILE = "shell_translations"
# The key of the home page in the data file; the others are the slugs of its children.
HOME = "home"


def seed(*, scale: int, log) -> None:
    made = shell_translate()
    log(f"{made} translated pages")


@transaction.atomic
def shell_translate() -> int:
    """Translate every page of the data file that exists, in every language tree in which it is
    still an alias. Returns how many pages it translated."""
    data = load(DATA_FILE)
    pages = _english_pages(set(data))
    aliases = defaultdict(list)
    for alias in (
        Page.objects.filter(
            translation_key__in=[page.translation_key for page in pages.values()],
            alias_of__isnull=False,
        )
        .select_related("locale")
        .order_by("locale__language_code")
    ):
        aliases[alias.translation_key].append(alias)
    made = 0
    # The search and reference indexes of the pages are written once, at the end.
    with side_work_deferred():
        for key, page in pages.items():
            if aliases[page.translation_key]:
                made += _page_translate(page, aliases[page.translation_key], data[key], where=key)
    return made


def _english_pages(keys: set[str]) -> dict[str, Page]:
    home = HomePage.objects.filter(**CANONICAL_LOCALE).first()
    if home is None:
        return {}
    children = home.get_children().filter(slug__in=keys - {HOME}).specific()
    return {
        **({HOME: home} if HOME in keys else {}),
        **{page.slug: page for page in children},
    }


def _page_translate(page: Page, aliases: list[Page], spec: dict, *, where: str) -> int:
    source, _created = TranslationSource.update_or_create_from_instance(page)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    texts = _texts(list(segments.order_by("order")), spec, where=where)
    StringTranslation.objects.bulk_create(
        [
            StringTranslation(
                translation_of_id=segment.string_id,
                locale_id=alias.locale_id,
                context_id=segment.context_id,
                # The slug keeps the alias's own: the page's address stays as it was.
                data=alias.slug
                if segment.context.path == "slug"
                else _translation(translations, alias.locale.language_code, where=where),
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            )
            for alias in aliases
            for segment, translations in texts
        ],
        update_conflicts=True,
        unique_fields=["locale", "translation_of", "context"],
        update_fields=["data", "translation_type"],
    )
    for alias in aliases:
        translation, _created = Translation.objects.update_or_create(
            source=source, target_locale_id=alias.locale_id, defaults={"enabled": True}
        )
        # Saved as a draft and published here rather than when the transaction commits (as
        # ``publish=True`` would), so that the pages are live inside the tests' transactions too.
        translation.save_target(publish=False)
        Page.objects.get(pk=alias.pk).latest_revision.publish()
    return len(aliases)


def _texts(segments: list[StringSegment], spec: dict, *, where: str) -> list[tuple]:
    """Each segment of the English page with its translations from ``spec``: a field's texts
    in the order the page has them, each checked against the English the page says."""
    entries = {
        field: list(value) if isinstance(value, list) else [value] for field, value in spec.items()
    }
    texts = []
    used = defaultdict(int)
    for segment in segments:
        path = segment.context.path
        if path == "slug":
            texts.append((segment, {}))
            continue
        field = path.split(".", 1)[0]
        position = used[field]
        used[field] += 1
        place = f"{DATA_FILE}.yaml → {where} → {field}"
        if position >= len(entries.get(field, [])):
            raise DemoDataError(f"{place}: no translation of {segment.string.data!r}")
        translations = entries[field][position]
        if _html(translations.get("en", ""), place) != segment.string.data:
            raise DemoDataError(
                f"{place} → item {position + 1}: the English page says {segment.string.data!r},"
                f" not {translations.get('en')!r}"
            )
        texts.append((segment, {code: _html(text, place) for code, text in translations.items()}))
    return texts


def _translation(translations: dict[str, str], language: str, *, where: str) -> str:
    if language not in translations:
        raise DemoDataError(
            f"{DATA_FILE}.yaml → {where}: no {language} translation of {translations['en']!r}"
        )
    return translations[language]


def _html(text: str, place: str) -> str:
    """A text as wagtail-localize keeps it (inline tags only, special characters escaped)."""
    try:
        return StringValue.from_translated_html(text).data
    except ValueError as error:
        raise DemoDataError(f"{place}: {error}") from error
