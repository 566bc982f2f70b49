"""What the knowledge app adds to a city's page (``CityPage.get_context`` gathers every app's
``city_page`` module through ``core.app_modules``): the city's case studies."""

from knowledge.selectors.listings import city_case_studies


def city_page_context(*, page, request) -> dict:
    return {"case_studies": city_case_studies(city_page=page, user=request.user)}
