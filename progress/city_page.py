"""What the Charter's work adds to a city's page (``CityPage.get_context`` gathers every app's
``city_page`` module): the adoption, the Safe City Action and the results the city publishes."""

from django.utils.translation import get_language

from progress.selectors import city_charter


def city_page_context(*, page, request) -> dict:
    # Wagtail serves the page in its locale's language, which is the active one.
    return {"charter": city_charter(city_page=page, language=get_language())}
