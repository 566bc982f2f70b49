"""What the meetups add to a city's page (``CityPage.get_context`` gathers every app's
``city_page`` module): the coming meetups the city hosts."""

from django.utils.translation import get_language

from events.selectors import upcoming_events


def city_page_context(*, page, request) -> dict:
    return {
        "city_events": upcoming_events(
            language=get_language(), limit=5, city_key=str(page.translation_key)
        )
    }
