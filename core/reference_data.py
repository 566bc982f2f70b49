"""Reference rows the portal cannot run without.

Each ``ensure_*`` function creates what is missing. Data migrations call them with historical
models, and ``post_migrate`` receivers with the real ones, so a flushed test database (after a
transactional test) gets them back, as Django does for content types and permissions.
"""

from django.conf import settings


def ensure_locales(locale_model, synchronization_model) -> None:
    """One Wagtail locale per language; every other language tree follows the English one."""
    default, _created = locale_model.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for code, _name in settings.LANGUAGES:
        locale, _created = locale_model.objects.get_or_create(language_code=code)
        if locale.pk != default.pk:
            synchronization_model.objects.get_or_create(
                locale=locale, defaults={"sync_from": default}
            )


def ensure_wagtail_roots() -> None:
    """The root page and root collection that Wagtail's own migrations create."""
    from wagtail.models import Collection, Locale, Page

    if not Page.objects.filter(depth=1).exists():
        Page.add_root(
            instance=Page(title="Root", slug="root", live=True, locale=Locale.get_default())
        )
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
