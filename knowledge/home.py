"""What the knowledge app adds to the home page (``core`` gathers every app's ``home`` module)."""

from django.utils.translation import get_language

from knowledge.selectors.listings import latest_case_studies


def home_context(*, page, request) -> dict:
    # Wagtail serves the page in its locale's language, which is the active one.
    return {"latest_case_studies": latest_case_studies(language=get_language())}
