"""What the meetups add to the home page (``core`` gathers every app's ``home`` module)."""

from django.utils.translation import get_language

from events.selectors import upcoming_events


def home_context(*, page, request) -> dict:
    # Wagtail serves the page in its locale's language, which is the active one.
    return {"upcoming_events": upcoming_events(language=get_language(), limit=3)}
