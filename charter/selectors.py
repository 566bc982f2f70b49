from django.conf import settings
from django.utils.translation import get_language

from charter.models import FocusArea


class AreaName(str):
    """A focus area's name in one language that knows the area's slug, so that a template can
    show the area's icon beside it (``includes/focus_area_icon.html``). It compares, joins and
    serialises as the name; ``slug`` defaults to "" so that a cached copy unpickles."""

    slug: str

    def __new__(cls, name: str, slug: str = ""):
        named = super().__new__(cls, name)
        named.slug = slug
        return named


def focus_area_list(*, language: str | None = None) -> list[FocusArea]:
    """The six focus areas in ``language`` (falling back to English): one query."""
    language = language or get_language() or settings.LANGUAGE_CODE
    areas = list(
        FocusArea.objects.filter(locale__language_code__in={language, settings.LANGUAGE_CODE})
        .select_related("locale")
        .order_by("position")
    )
    by_key = {}
    for area in areas:
        if area.translation_key not in by_key or area.locale.language_code == language:
            by_key[area.translation_key] = area
    return sorted(by_key.values(), key=lambda area: area.position)
