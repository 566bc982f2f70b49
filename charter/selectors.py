from django.conf import settings
from django.utils.translation import get_language

from charter.models import FocusArea


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
